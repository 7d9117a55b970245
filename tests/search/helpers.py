"""Small helpers shared by the search tests."""

from directory.extensions import db
from directory.providers.models import Provider


def ids(result) -> list[str]:
    """The listing ids of a result page, in order."""
    return [hit.id for hit in result.hits]


def edit_listing(app, listing_id: str, **values) -> None:
    """Change a listing's columns and commit, as a staff edit does."""
    with app.app_context():
        provider = db.session.get(Provider, listing_id)
        for name, value in values.items():
            setattr(provider, name, value)
        db.session.commit()
