"""Reading listings for a full build: the same documents as mapping each ORM listing."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from directory.extensions import db
from directory.geo.geocoder import OfflineGeocoder
from directory.providers.importer import import_providers
from directory.providers.models import Provider, Status
from directory.search.documents import provider_to_document
from directory.search.source import active_ids, document_sources, read_documents

SEED = Path(__file__).resolve().parents[2] / "data" / "providers.csv"


def test_fast_reading_maps_the_seed_data_as_the_orm_does(app):
    with app.app_context():
        assert import_providers(SEED, OfflineGeocoder(), "America/New_York").ok
        inactive = db.session.scalars(select(Provider).limit(3)).all()
        for provider in inactive:
            provider.status = Status.inactive
        db.session.commit()
        query = select(Provider).where(Provider.status == Status.active).order_by(Provider.id)
        expected = [provider_to_document(p) for p in db.session.scalars(query)]
        ids = active_ids()
        assert len(ids) == len(expected) > 300
        assert not {p.id for p in inactive} & set(ids)
        assert list(read_documents(ids)) == expected
        # The parts split the listings without leaving one out or reading one twice.
        parts = [list(source()) for source in document_sources(3)]
        assert [d for part in parts for d in part] == expected
        assert all(parts)
        phones = [d for d in expected if d["flag_bits"]]
        assert phones  # flags (reachable, free, hours...) were read, not all zero
