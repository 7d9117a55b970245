"""Facet counts agree with the database, counted directly or as the live total less the rest."""

from __future__ import annotations

from collections import Counter

import pytest

from directory.extensions import db
from directory.providers.models import Provider, ProviderCode, Status
from directory.search.extension import search_service
from directory.search.request import SearchRequest
from directory.search.sync import catch_up

from .helpers import edit_listing

FACET_SCHEMES = {"service": "services", "language": "languages", "population": "populations"}


def _database_counts(app, listing_ids: set[str]) -> dict[str, dict[str, int]]:
    """Per facet, how many of the active listings among `listing_ids` have each code."""
    with app.app_context():
        rows = db.session.execute(
            db.select(ProviderCode.provider_id, ProviderCode.scheme, ProviderCode.code)
            .join(Provider, Provider.id == ProviderCode.provider_id)
            .where(Provider.status == Status.active)
        ).all()
    counted = {facet: Counter() for facet in FACET_SCHEMES}
    by_scheme = {scheme: facet for facet, scheme in FACET_SCHEMES.items()}
    for provider_id, scheme, code in rows:
        if provider_id in listing_ids:
            counted[by_scheme[scheme]][code] += 1
    return {facet: dict(counts) for facet, counts in counted.items()}


@pytest.fixture
def edited(indexed_app):
    """The indexed app after edits that leave deleted documents in the index's segments."""
    indexed_app.config["SEARCH_SYNC"] = False
    edit_listing(indexed_app, "si-clinic", name="Quillwort Clinic")
    edit_listing(indexed_app, "worker-center", status=Status.inactive)
    with indexed_app.app_context():
        catch_up()
    return indexed_app


def _search(app, **kwargs):
    with app.app_context():
        result = search_service().search(SearchRequest(per_page=50, **kwargs))
        snapshot = search_service().index.snapshot()
        return result, snapshot


def test_a_browse_counts_every_live_listing_as_the_database_does(edited):
    result, snapshot = _search(edited)
    assert not snapshot.alive.all()  # the edits left deleted documents behind
    assert 2 * result.total > snapshot.doc_count  # counted as the live total less the rest
    shown = {hit.id for hit in result.hits}
    assert "worker-center" not in shown
    assert result.facets == _database_counts(edited, shown)
    assert set(snapshot.live_counts) == {"service_bits", "language_bits", "population_bits"}


def test_a_narrow_search_counts_its_own_listings(edited):
    result, snapshot = _search(edited, services=["legal"])
    assert 2 * result.total <= snapshot.doc_count
    base, _ = _search(edited, q="")
    # Each facet counts the listings the other groups' filters keep (its own filter aside).
    assert (
        result.facets["language"]
        == _database_counts(edited, {h.id for h in result.hits})["language"]
    )
    assert result.facets["service"] == base.facets["service"]


def test_more_than_half_but_not_all_selected(edited):
    result, snapshot = _search(edited, languages=["es"])
    assert snapshot.doc_count / 2 < result.total < snapshot.doc_count
    assert (
        result.facets["service"] == _database_counts(edited, {h.id for h in result.hits})["service"]
    )
