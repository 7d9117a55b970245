"""Importing providers.csv: validation report, all-or-nothing, upsert counts."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from directory.extensions import db
from directory.geo.geocoder import OfflineGeocoder
from directory.providers.importer import ImportFileError, import_providers
from directory.providers.models import CoordinatesSource, Organization, Phone, Provider

from .rows import csv_text, good_row


def run(path, dry_run=False):
    return import_providers(path, OfflineGeocoder(), "America/New_York", dry_run=dry_run)


def provider_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Provider))


def test_good_file_creates_listings_with_every_field(app, write_csv):
    path = write_csv(
        csv_text(
            good_row(),
            good_row(
                id="q-shelter",
                name="Safe House",
                address="",
                latitude="",
                longitude="",
                city="Queens",
                postal_code="11373",
                location_confidential="true",
                phone="",
                hotline="1-800-621-4673 (24-hour line)",
                text="233733 (text HELP)",
                hours="24/7",
                last_verified="2026-01-15",
                services="shelter",
            ),
        )
    )
    with app.app_context():
        report = run(path)
        assert (report.created, report.updated, report.unchanged, report.errors) == (2, 0, 0, [])
        clinic = db.session.get(Provider, "bk-legal")
        assert clinic.services == ["legal", "immigration"]
        assert clinic.languages == ["en", "es"]
        assert clinic.organization.name == "Example Legal Aid"
        assert [(p.number, p.type, p.description) for p in clinic.phones] == [
            ("+17185550100", "main", "intake")
        ]
        assert clinic.walk_in is True and clinic.no_id_required is None
        assert clinic.coordinates_source == CoordinatesSource.given
        assert (clinic.public_latitude, clinic.public_longitude) == (40.6943, -73.9903)
        assert clinic.time_zone == "America/New_York"
        assert len(clinic.opening_hours) == 5
        shelter = db.session.get(Provider, "q-shelter")
        assert shelter.coordinates_source == CoordinatesSource.postal_code_centroid
        assert shelter.location_confidential
        assert {p.type for p in shelter.phones} == {"hotline", "text"}
        assert str(shelter.last_verified) == "2026-01-15"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"services": "legal;sheltr"},
         "row 2, column services: unknown service type 'sheltr'; did you mean 'shelter'?"),
        ({"populations": "kids"},
         "row 2, column populations: unknown population 'kids'; did you mean 'youth'?"),
        ({"languages": "spanish"},
         "row 2, column languages: unknown language 'spanish'; did you mean 'es'?"),
        ({"latitude": "140.5"}, "row 2, column latitude: must be between -90 and 90"),
        ({"longitude": "west"}, "row 2, column longitude: must be a number in decimal degrees"),
        ({"longitude": ""}, "row 2, column longitude: latitude and longitude go together"),
        ({"hours": "Mo-Fr 9-5"}, "row 2, column hours: bad time range '9-5'"),
        ({"phone": "212-577-33"}, "row 2, column phone: '212-577-33' is not a valid phone number"),
        ({"last_verified": "15/01/2026"},
         "row 2, column last_verified: must be a date written YYYY-MM-DD"),
        ({"last_verified": "2999-01-01"}, "row 2, column last_verified: cannot be in the future"),
        ({"name": ""}, "row 2, column name: is required"),
        ({"services": ""}, "row 2, column services: is required"),
        ({"source_url": "example.org"}, "row 2, column source_url: 'example.org' is not a web"),
        ({"walk_in": "sometimes"}, "row 2, column walk_in: must be true or false"),
        ({"law_enforcement": "maybe"}, "row 2, column law_enforcement: must be true or false"),
        ({"law_enforcement": "yes", "no_police_required": "true"},
         "row 2, column no_police_required: cannot be true for a law-enforcement listing"),
        ({"law_enforcement": "1", "status_neutral": "yes"},
         "row 2, column status_neutral: cannot be true for a law-enforcement listing"),
        ({"cost": "cheap"}, "row 2, column cost: must be one of: free, sliding_scale, fee"),
        ({"id": "Bad Id"}, "row 2, column id: use lowercase letters"),
        ({"email": "nobody@"}, "row 2, column email: is not an email address"),
        ({"postal_code": "1120"}, "row 2, column postal_code: use a five-digit ZIP code"),
    ],
)  # fmt: skip
def test_each_error_names_row_column_and_problem(app, write_csv, changes, expected):
    path = write_csv(csv_text(good_row(), good_row(**{"id": "second", **changes})))
    with app.app_context():
        report = run(path)
        messages = [str(e) for e in report.errors]
        expected_row3 = expected.replace("row 2", "row 3")
        assert any(m.startswith(expected_row3) for m in messages), messages
        assert provider_count() == 0


def test_law_enforcement_is_read_like_every_yes_no_column(app, write_csv):
    path = write_csv(
        csv_text(
            good_row(law_enforcement="yes", no_police_required="no", status_neutral=""),
            good_row(id="service", law_enforcement="", no_police_required="true"),
            good_row(id="not-police", law_enforcement="0"),
        )
    )
    with app.app_context():
        assert run(path).errors == []
        assert db.session.get(Provider, "bk-legal").law_enforcement is True
        assert db.session.get(Provider, "service").law_enforcement is None
        assert db.session.get(Provider, "not-police").law_enforcement is False


def test_duplicate_id_names_both_rows(app, write_csv):
    path = write_csv(csv_text(good_row(), good_row(), good_row(id="other")))
    with app.app_context():
        report = run(path)
        assert [str(e) for e in report.errors] == [
            "row 3, column id: duplicate id 'bk-legal' (first on row 2)"
        ]


def test_every_problem_is_reported_and_nothing_is_written(app, write_csv):
    path = write_csv(
        csv_text(good_row(), good_row(id="b", hours="never"), good_row(id="c", phone="x"))
    )
    with app.app_context():
        report = run(path)
        assert [e.row for e in report.errors] == [3, 4]
        assert provider_count() == 0
        assert db.session.scalar(select(func.count()).select_from(Organization)) == 0


def test_failed_import_leaves_existing_data_untouched(app, write_csv):
    with app.app_context():
        run(write_csv(csv_text(good_row()), "first.csv"))
        bad = write_csv(csv_text(good_row(name="Renamed"), good_row(id="x", cost="?")), "bad.csv")
        assert not run(bad).ok
        assert db.session.get(Provider, "bk-legal").name == "Immigration Legal Clinic"


def test_reimport_is_idempotent_and_updates_are_counted(app, write_csv):
    with app.app_context():
        path = write_csv(csv_text(good_row(), good_row(id="two", latitude="", longitude="")))
        assert run(path).created == 2
        again = run(path)
        assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
        changed = write_csv(csv_text(good_row(phone="212-577-3300"), good_row(id="two")), "b.csv")
        report = run(changed)
        assert (report.created, report.updated, report.unchanged) == (0, 2, 0)
        assert [p.number for p in db.session.get(Provider, "bk-legal").phones] == ["+12125773300"]
        assert db.session.scalar(select(func.count()).select_from(Phone)) == 2  # one each


def test_dry_run_validates_and_counts_but_writes_nothing(app, write_csv):
    with app.app_context():
        report = run(write_csv(csv_text(good_row())), dry_run=True)
        assert (report.created, report.dry_run) == (1, True)
        assert provider_count() == 0


def test_bom_extra_columns_and_blank_lines_are_accepted(app, write_csv):
    text = csv_text(good_row(), columns=[*good_row().keys(), "internal_code"]) + ",,,\n"
    with app.app_context():
        report = run(write_csv(text, encoding="utf-8-sig"))
        assert report.created == 1
        assert report.ignored_columns == ["internal_code"]


def test_file_level_problems(app, write_csv, tmp_path):
    with app.app_context():
        latin1 = tmp_path / "latin1.csv"
        latin1.write_bytes(csv_text(good_row(name="Café")).encode("latin-1"))
        with pytest.raises(ImportFileError, match="not UTF-8"):
            run(latin1)
        with pytest.raises(ImportFileError, match=r"required column.*services"):
            run(write_csv("id,name,organization,source_url\n", "noservices.csv"))
        with pytest.raises(ImportFileError, match="empty"):
            run(write_csv("", "empty.csv"))
        with pytest.raises(ImportFileError, match="named twice: name"):
            run(write_csv("id,name,name,organization,services,source_url\n", "twice.csv"))


def test_row_with_more_cells_than_header(app, write_csv):
    text = csv_text(good_row()).rstrip("\r\n") + ",surplus\r\n"
    with app.app_context():
        report = run(write_csv(text))
        assert [str(e) for e in report.errors] == [
            "row 2, column -: has more cells than the header has columns"
        ]
