"""The shipped data/providers.csv: imports cleanly and keeps the curation rules."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select

from directory.extensions import db
from directory.geo.geocoder import OfflineGeocoder
from directory.providers.importer import import_providers
from directory.providers.models import Provider

SEED = Path(__file__).resolve().parent.parent / "data" / "providers.csv"
BOROUGHS = {"Manhattan", "Brooklyn", "Queens", "Bronx", "Staten Island"}


def seed_rows() -> list[dict[str, str]]:
    with SEED.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_seed_imports_without_a_problem(app):
    with app.app_context():
        report = import_providers(SEED, OfflineGeocoder(), "America/New_York")
        assert report.errors == []
        assert report.created >= 60
        providers = db.session.scalars(select(Provider)).all()
        assert {p.city for p in providers} >= BOROUGHS
        hotline = [p for p in providers if any(ph.number == "+18883737888" for ph in p.phones)]
        assert hotline, "the National Human Trafficking Hotline must be listed"
        assert all(p.last_verified is None for p in providers)
        located = [p for p in providers if p.city in BOROUGHS]
        assert all(p.public_latitude is not None for p in located)


def test_seed_rows_keep_the_curation_rules():
    rows = seed_rows()
    assert all(row["source_url"].startswith("http") for row in rows)
    confidential = [row for row in rows if row["location_confidential"] == "true"]
    assert confidential
    assert all(not row["address"] and not row["latitude"] for row in confidential)
    assert all(not row["last_verified"] for row in rows)


def test_police_and_prosecutors_are_marked_law_enforcement():
    rows = seed_rows()
    markers = ("district attorney", "nypd", "police department", "sheriff")
    agencies = [row for row in rows if any(m in row["organization"].lower() for m in markers)]
    assert len(agencies) >= 5
    assert all(row["law_enforcement"] == "true" for row in agencies)
    marked = [row for row in rows if row["law_enforcement"] == "true"]
    assert all(row["no_police_required"] != "true" for row in marked)
    assert all(row["status_neutral"] != "true" for row in marked)
