"""The City's victim-services file, converted row by row (real rows from data/sources/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from directory.geo.geocoder import OfflineGeocoder
from directory.providers.importer import import_providers
from directory.sources.nyc_victim_services import SOURCE_URL, convert

CITY_FILE = Path(__file__).resolve().parents[2] / "data/sources/nyc-victim-services/facility.csv"


@pytest.fixture(scope="module")
def listings() -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in convert(CITY_FILE)}


def test_every_row_becomes_one_listing_with_its_source_line(listings):
    assert len(listings) == 362
    for row in listings.values():
        assert row["source_url"].startswith(SOURCE_URL + "#L")
        assert (row["source_kind"], row["source_date"]) == ("city_data", "2021-06-07")
        assert row["last_verified"] == ""


def test_a_family_justice_center_site(listings):
    row = listings["nyc-vs-the-arab-american-family-support-center-brooklyn-family-justice-center"]
    assert row["source_url"].endswith("#L2")  # the first row after the header
    assert (row["address"], row["city"], row["postal_code"]) == (
        "350 Jay Street, 15th Floor", "Brooklyn", "11201"
    )  # fmt: skip
    # State Plane (987687, 192183) is 350 Jay Street, Downtown Brooklyn
    assert float(row["latitude"]) == pytest.approx(40.6942, abs=0.001)
    assert float(row["longitude"]) == pytest.approx(-73.9876, abs=0.001)
    assert row["phone"] == "718-250-5113"
    assert row["hours"] == "Mo-Fr 09:00-17:00"
    assert row["services"] == "case_management;legal;immigration"
    # no code for these: kept in words
    assert "crisis intervention" in row["description"]
    assert "safety planning" in row["description"]
    assert "Arab and Middle Eastern" in row["description"]
    assert "sexual assault" in row["eligibility"]
    assert row["law_enforcement"] == "false"


def test_a_district_attorney_office_is_law_enforcement(listings):
    row = listings[
        "nyc-vs-bronx-district-attorney-s-office-crime-victims-assistance-unit-198-e-161st-street"
    ]
    assert row["law_enforcement"] == "true"
    assert row["no_police_required"] == "false"
    assert row["location_confidential"] == "false"  # an office, though it arranges shelter
    assert row["address"] == "198 E 161st Street"
    assert "shelter locations are confidential" in row["description"]
    assert "Interpreters used for all languages" in row["accessibility"]


def test_a_site_with_weekend_hours(listings):
    row = listings["nyc-vs-heartshare-st-vincent-s-services-outpatient-mental-health-clinic"]
    assert row["hours"] == "Mo-Fr 09:00-21:00; Sa-Su 10:00-15:00"


def test_irregular_hours_are_kept_as_text(listings):
    row = listings["nyc-vs-safe-horizon-crime-victim-assistance-program-manhattan-5th-precinct"]
    assert row["hours"] == ""
    assert (
        "Crime advocacy services: Monday - Friday: 12 pm - 8 pm; "
        "Domestic violence advocacy services: Monday - Friday: 8 am - 4 pm" in row["intake"]
    )
    assert "police station" in row["description"]


def test_staff_languages_from_flags_and_named_others(listings):
    row = listings["nyc-vs-crime-victims-treatment-center-main-office-fidi"]
    assert row["languages"] == "en;es;zh;he;gu"  # Spanish, Chinese flagged; "Hebrew, Gujarati"
    queens = listings["nyc-vs-womankind-queens-community-office"]
    assert {"bn", "zh", "ko", "ur", "si", "ne", "bo", "hi", "ja"} <= set(
        queens["languages"].split(";")
    )
    bronx = listings["nyc-vs-safe-horizon-crime-victim-assistance-program-bronx-48th-precinct"]
    assert "Mandigo" in bronx["accessibility"]  # no ISO 639-1 code: kept as text


def test_places_people_live_in_stay_confidential(listings):
    row = listings["nyc-vs-volunteers-of-america-greater-new-york-inc-cromwell-safe-haven"]
    assert row["location_confidential"] == "true"
    assert row["address"] == row["postal_code"] == row["latitude"] == ""
    assert row["phone"] == "212-873-2600"
    confidential = [r for r in listings.values() if r["location_confidential"] == "true"]
    assert all(not r["address"] and not r["latitude"] for r in confidential)


def test_a_row_naming_no_service_is_kept_but_not_shown(listings):
    row = listings["nyc-vs-safe-horizon-police-service-area-psa-1"]
    assert row["status"] == "inactive"
    assert "names no service" in row["notes"]
    named = listings["nyc-vs-safe-horizon-crime-victim-assistance-program-manhattan-5th-precinct"]
    assert named["status"] == "" and named["services"] == "case_management"
    assert listings["nyc-vs-ywca-brooklyn-ywca-brooklyn"]["name"] == "YWCA Brooklyn"


def test_an_invalid_city_phone_is_left_out_and_noted(listings):
    bad = [r for r in listings.values() if "not a valid number" in r["notes"]]
    assert len(bad) == 2 and all(r["phone"] == "" for r in bad)
    missouri = listings["nyc-vs-urban-resource-institute-administrative-office"]
    assert missouri["phone"] == "" and "636-588-0030" in missouri["notes"]
    albany = listings["nyc-vs-disability-rights-new-york-new-york-city-office"]
    assert albany["phone"] == "518 432 7861"  # the statewide office's Albany line


def test_cli_converts_to_a_file_that_imports_cleanly(app, runner, tmp_path):
    out = tmp_path / "city.csv"
    result = runner.invoke(
        args=["providers", "convert-nyc-victim-services", str(CITY_FILE), str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Converted 362 City row(s)" in result.output
    with app.app_context():
        report = import_providers(out, OfflineGeocoder(), "America/New_York", dry_run=True)
    assert (report.errors, report.created) == ([], 362)


def test_cli_rejects_another_file(runner, tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    result = runner.invoke(
        args=["providers", "convert-nyc-victim-services", str(other), str(tmp_path / "o.csv")]
    )
    assert result.exit_code != 0 and "not the City's facility.csv" in result.output
