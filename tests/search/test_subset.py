"""A search near a place scores only the listings within its radius (subset.py), and answers
exactly as scoring every listing does: total, hits, scores, distances, facets, suggestion."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime

import numpy as np
import pytest

from bench.queries import make_queries
from bench.run import search_request
from bench.synthetic import write_csv
from directory.geo.geocoder import OfflineGeocoder
from directory.providers.importer import import_providers
from directory.providers.models import Provider, Status
from directory.search import filters
from directory.search import service as service_module
from directory.search.extension import build_index, search_service
from directory.search.facts import FILTER_FACTS
from directory.search.filters import bit_counts
from directory.search.subset import Subset
from directory.search.sync import catch_up

from .helpers import edit_listing

NEVER, ALWAYS = float("inf"), 0


@pytest.fixture
def synthetic_app(app, tmp_path):
    """2,000 synthetic listings over US metros, edited so segments hold deleted documents."""
    path = tmp_path / "synthetic.csv"
    write_csv(path, 2000, seed=5)
    app.config["SEARCH_SYNC"] = False
    with app.app_context():
        report = import_providers(path, OfflineGeocoder(), "America/New_York")
        assert report.ok, report.errors[:3]
        build_index()
        listing_ids = [p.id for p in Provider.query.order_by(Provider.id).limit(40)]
    for n, listing_id in enumerate(listing_ids):
        if n % 2:
            edit_listing(app, listing_id, status=Status.inactive)
        else:
            edit_listing(app, listing_id, description="Overnight shelter and legal clinic.")
    with app.app_context():
        catch_up()
    return app


def _requests() -> list:
    """The bench's queries near a place, and the same with more filters, pages and sorts."""
    rng = random.Random(3)
    now = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
    fields = [fact.field for fact in FILTER_FACTS]
    asked = []
    for query in make_queries(160, seed=21):
        request = replace(search_request(query), now=now)
        if rng.random() < 0.4:
            request = replace(request, facts=frozenset(rng.sample(fields, rng.randint(1, 2))))
        if rng.random() < 0.2:
            request = replace(request, populations=("women", "youth")[: rng.randint(1, 2)])
        if rng.random() < 0.35:
            request = replace(request, q="", sort=rng.choice(["relevance", "distance"]))
        if rng.random() < 0.2:
            request = replace(request, page=2, per_page=10)
        asked.append(request)
    return asked


def _answers(app, monkeypatch, share: float) -> list[tuple]:
    monkeypatch.setattr(service_module, "SUBSET_SHARE", share)
    with app.app_context():
        service = search_service()
        results = [service.search(request) for request in _requests()]
    return [
        (
            r.total,
            [(h.id, h.score, h.distance_km) for h in r.hits],
            r.facets,
            r.suggestion,
        )
        for r in results
    ]


def test_scoring_the_nearby_listings_answers_as_scoring_every_listing(synthetic_app, monkeypatch):
    whole = _answers(synthetic_app, monkeypatch, NEVER)
    made = []

    class Counted(Subset):
        def __init__(self, *args) -> None:
            super().__init__(*args)
            made.append(self.size)

    monkeypatch.setattr(service_module, "Subset", Counted)
    nearby = _answers(synthetic_app, monkeypatch, ALWAYS)
    assert len(made) == len(whole)  # every request was answered from its nearby listings
    assert sum(1 for answer in whole if answer[0] > 0) > 60  # and many found something
    assert sum(1 for answer in whole if answer[2]["language"]) > 60
    for asked, expected, found in zip(_requests(), whole, nearby, strict=True):
        assert found == expected, asked


def test_postings_are_restricted_by_bisection_or_by_the_position_map(synthetic_app):
    with synthetic_app.app_context():
        whole = search_service().index.snapshot()
    ids, frequencies = whole.postings("description", "shelter")
    assert len(ids) > 40
    of = dict(zip(ids.tolist(), frequencies.tolist(), strict=True))
    # Few documents against a long list (bisection), then many (the position map).
    for chosen in (ids[::40], sorted(set(range(0, whole.size, 3)) | set(ids[::2].tolist()))):
        subset = Subset(whole, np.asarray(chosen, dtype=np.int64))
        positions, found = subset.postings("description", "shelter")
        expected = sorted(set(chosen) & set(of))
        assert subset.ids[positions].tolist() == expected
        assert found.tolist() == [of[i] for i in expected]
        assert subset.term_idf("description", "shelter", positions) == whole.idf(len(ids))
    # No listing near (a search far from any): no postings, with the whole's idf still.
    empty = Subset(whole, np.empty(0, dtype=np.int64))
    positions, found = empty.postings("description", "shelter")
    assert len(positions) == len(found) == 0
    assert empty.term_idf("description", "shelter", positions) == whole.idf(len(ids))


def test_few_rows_are_counted_unpacked_and_many_through_value_patterns(synthetic_app, monkeypatch):
    with synthetic_app.app_context():
        whole = search_service().index.snapshot()
    assert len(whole.segments) > 1
    rng = np.random.default_rng(4)
    for column in ("service_bits", "language_bits", "population_bits"):
        for count in (0, 1, 30, 600, whole.size // 2):
            chosen = np.sort(rng.choice(whole.size, count, replace=False))
            expected = bit_counts(getattr(whole, column)[chosen])
            for rows in (0, 10**9):  # through the patterns, then unpacked
                monkeypatch.setattr(filters, "PATTERN_ROWS", rows)
                assert filters._counts_over(whole, column, chosen).tolist() == expected.tolist()
