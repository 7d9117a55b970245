"""`flask hsds export`: a valid HSDS 3.0 data package that never leaks what must stay private."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from frictionless import validate

from directory.extensions import db
from directory.hsds.exporter import export_package
from directory.hsds.profile import YES_NO_FACTS, stable_id, term_id
from directory.providers.models import Provider
from directory.providers.taxonomy import POPULATIONS, SERVICE_TYPES


def read(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_export_is_a_valid_frictionless_package(listed_app, runner, tmp_path):
    result = runner.invoke(args=["hsds", "export", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Exported 3 service(s)" in result.output
    report = validate(str(tmp_path / "out" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    names = {
        r["name"]
        for r in json.loads((tmp_path / "out" / "datapackage.json").read_text())["resources"]
    }
    assert {"organization", "service", "location", "service_at_location", "address", "phone",
            "schedule", "language", "taxonomy", "taxonomy_term", "attribute"} <= names  # fmt: skip


def test_confidential_location_has_no_address_and_only_the_public_point(listed_app, tmp_path):
    with listed_app.app_context():
        export_package(tmp_path)
        shelter = db.session.get(Provider, "queens-safe-house")
        clinic = db.session.get(Provider, "brooklyn-legal-clinic")
        public_point = (shelter.public_latitude, shelter.public_longitude)
    location_id = stable_id("location", "queens-safe-house")
    (location,) = [r for r in read(tmp_path, "locations.csv") if r["id"] == location_id]
    assert (float(location["latitude"]), float(location["longitude"])) == public_point
    addresses = read(tmp_path, "addresses.csv")
    assert [a["location_id"] for a in addresses] == [stable_id("location", clinic.id)]
    assert addresses[0]["address_1"] == "123 Example St"
    confidential = [
        a
        for a in read(tmp_path, "attributes.csv")
        if a["taxonomy_term_id"] == term_id("directory-facts", "location_confidential")
    ]
    assert [(a["link_id"], a["value"]) for a in confidential] == [(location_id, "true")]
    everything = "".join(p.read_text() for p in tmp_path.glob("*.csv"))
    assert "11373" not in everything  # the shelter's ZIP code is not published either
    assert "-starts with minus" not in everything  # curation notes never leave


def test_taxonomy_terms_and_attributes_carry_our_codes_and_facts(listed_app, tmp_path):
    with listed_app.app_context():
        export_package(tmp_path)
    terms = {t["id"]: t for t in read(tmp_path, "taxonomy_terms.csv")}
    for code in SERVICE_TYPES.codes:
        assert terms[term_id("directory-service-types", code)]["code"] == code
    for code in POPULATIONS.codes:
        assert terms[term_id("directory-populations", code)]["code"] == code
    for code in YES_NO_FACTS:
        assert terms[term_id("directory-facts", code)]["code"] == code
    clinic = stable_id("service", "brooklyn-legal-clinic")
    linked = {
        (terms[a["taxonomy_term_id"]]["code"], a["value"])
        for a in read(tmp_path, "attributes.csv")
        if a["link_id"] == clinic
    }
    assert {("legal", ""), ("immigration", ""), ("immigrants", ""), ("walk_in", "false")} <= linked
    assert {("no_id_required", "true"), ("cost", "free")} <= linked


def test_ids_are_stable_and_dates_come_from_the_listing(listed_app, tmp_path):
    with listed_app.app_context():
        export_package(tmp_path / "a")
        export_package(tmp_path / "b")
        shelter = db.session.get(Provider, "queens-safe-house")
        updated = shelter.updated_at.strftime("%Y-%m-%dT%H:%M:%S")
    first, second = read(tmp_path / "a", "services.csv"), read(tmp_path / "b", "services.csv")
    assert [s["id"] for s in first] == [s["id"] for s in second]
    (service,) = [s for s in first if s["id"] == stable_id("service", "queens-safe-house")]
    assert service["assured_date"] == "2026-01-15"
    assert service["last_modified"] == updated + "Z"


def test_availability_exports_as_hsds_31_capacity_and_units(listed_app, tmp_path):
    from directory.manage.models import ServiceCapacity

    with listed_app.app_context():
        export_package(tmp_path / "none")
        db.session.add(
            ServiceCapacity(
                provider_id="queens-safe-house", unit="beds", available=3, maximum=12,
                updated_by="staff@example.org",
            )
        )  # fmt: skip
        db.session.commit()
        export_package(tmp_path / "out")
    assert not (tmp_path / "none" / "service_capacity.csv").exists()  # only where it exists
    report = validate(str(tmp_path / "out" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    (unit,) = read(tmp_path / "out", "units.csv")
    (capacity,) = read(tmp_path / "out", "service_capacity.csv")
    assert unit["name"] == "beds" and capacity["unit_id"] == unit["id"]
    assert capacity["service_id"] == stable_id("service", "queens-safe-house")
    assert (capacity["available"], capacity["maximum"]) == ("3", "12")
    everything = "".join(p.read_text() for p in (tmp_path / "out").glob("*.csv"))
    assert "staff@example.org" not in everything
