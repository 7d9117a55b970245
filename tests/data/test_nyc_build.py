"""data/providers.csv as built from its sources: reproducible, safe, sourced and counted."""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
sys.path.insert(0, str(DATA))

import build_providers  # noqa: E402
from nyc_merge import counts, read_csv  # noqa: E402

from directory.providers.phones import parse_phone_list  # noqa: E402
from directory.sources.nyc_victim_services import convert  # noqa: E402

LAW_ENFORCEMENT = re.compile(r"(?i)district attorney|\bpolice\b|nypd")


@pytest.fixture(scope="module")
def built():
    return build_providers.build()


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return read_csv(DATA / "providers.csv")


def test_the_shipped_file_is_what_the_build_makes(built, rows):
    listings, _ = built
    assert rows == listings, "run `.venv/bin/python data/build_providers.py` and commit"


def test_targets_are_met(rows):
    figures = counts(rows)
    assert figures["listings"] >= 300
    assert figures["with a phone or website"] >= 0.9 * figures["listings"]
    located = figures["not confidential, with street address and given coordinates"]
    assert located >= 0.8 * figures["not confidential"]
    assert {r["city"] for r in rows} >= {
        "Manhattan",
        "Brooklyn",
        "Queens",
        "Bronx",
        "Staten Island",
    }


def test_curation_reports_the_counts_of_the_file(rows):
    text = (DATA / "CURATION.md").read_text(encoding="utf-8")
    for name, value in counts(rows).items():
        assert f"| {name} | {value} |" in text


def test_no_confidential_listing_has_or_gains_an_address(rows):
    curated = read_csv(DATA / "sources" / "curated-providers.csv")
    was_confidential = {r["id"] for r in curated if r["location_confidential"] == "true"}
    by_id = {r["id"]: r for r in rows}
    assert all(by_id[i]["location_confidential"] == "true" for i in was_confidential)
    for row in rows:
        if row["location_confidential"] == "true":
            assert not (row["address"] or row["postal_code"] or row["latitude"]), row["id"]


def test_every_listing_has_a_source_and_no_one_verified_it(rows):
    for row in rows:
        urls = row["source_url"].split(";")
        assert urls and all(u.startswith(("http://", "https://")) for u in urls), row["id"]
        assert row["last_verified"] == ""
    city_only = [r for r in rows if r["source_kind"] == "city_data"]
    assert len(city_only) > 300
    assert all(r["source_date"] == "2021-06-07" for r in city_only)


def test_police_and_prosecutors_are_law_enforcement(rows):
    offices = [r for r in rows if LAW_ENFORCEMENT.search(r["organization"])]
    assert len(offices) >= 10
    for row in offices:
        assert row["law_enforcement"] == "true", row["id"]
        assert row["no_police_required"] != "true" and row["status_neutral"] != "true"


def test_one_organization_per_real_organization(rows):
    def key(name: str) -> str:
        name = re.sub(r"\([^)]*\)", "", name.lower())
        words = [w for w in re.findall(r"[a-z0-9]+", name) if w not in {"the", "inc", "corp"}]
        return " ".join(words)

    spellings: dict[str, set[str]] = {}
    for row in rows:
        spellings.setdefault(key(row["organization"]), set()).add(row["organization"])
        assert row["organization"] == row["organization"].strip()
    assert [s for s in spellings.values() if len(s) > 1] == []
    website = {}
    for row in rows:  # the importer stores these once per organization
        pair = (row["organization_website"], row["organization_description"])
        assert website.setdefault(row["organization"], pair) == pair


def test_curated_listings_keep_their_ids_and_facts(rows):
    by_id = {r["id"]: r for r in rows}
    for old in read_csv(DATA / "sources" / "curated-providers.csv"):
        new = by_id[old["id"]]
        for column in ("name", "organization", "description", "address", "website", "hours"):
            assert not old[column] or new[column] == old[column], (old["id"], column)
        assert new["phone"].startswith(old["phone"])
        assert new["source_url"].startswith(old["source_url"])


def test_numbers_that_must_be_rechecked_stay_out(rows):
    numbers = {e.number for r in rows for c in ("phone", "hotline", "text")
               for e in parse_phone_list(r[c])}  # fmt: skip
    # AALDEF (old third-party page), Damayan (2007 and 2018 only), Safe Horizon ATP (2015 blog),
    # NDS (notes ask to re-check), the 2013 Family Justice Center lines
    for dropped in ("+12129665932", "+12125646057", "+17189438652", "+12128765500",
                    "+17182505111"):  # fmt: skip
        by_curation = [r["id"] for r in rows if r["source_kind"] != "city_data"]
        holders = [r["id"] for r in rows for c in ("phone", "hotline")
                   if dropped in {e.number for e in parse_phone_list(r[c])}]  # fmt: skip
        assert not set(holders) & set(by_curation), dropped
    assert "+12125130000" not in numbers  # nothing invented: a spot check on a made-up line


def test_staff_languages_from_the_city_reach_every_listing_of_that_site(rows):
    by_id = {r["id"]: r for r in rows}
    same_site = {
        r["city_id"]: r["listing_id"]
        for r in read_csv(DATA / "sources" / "nyc-victim-services" / "same-site.csv")
    }
    for city in convert(DATA / "sources" / "nyc-victim-services" / "facility.csv"):
        listing = by_id[same_site.get(city["id"], city["id"])]
        assert set(city["languages"].split(";")) <= set(listing["languages"].split(";"))


def test_shipped_csv_header_is_the_documented_one():
    from directory.providers.schemas import COLUMNS

    with (DATA / "providers.csv").open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == list(COLUMNS)
