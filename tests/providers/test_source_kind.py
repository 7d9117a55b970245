"""A listing's source kind and dataset date: validated on import, kept on export."""

from __future__ import annotations

from datetime import date

from directory.extensions import db
from directory.geo.geocoder import OfflineGeocoder
from directory.providers.exporter import export_providers
from directory.providers.importer import import_providers
from directory.providers.models import Provider, SourceKind
from directory.providers.schemas import COLUMNS

from .rows import csv_text, good_row


def run(path):
    return import_providers(path, OfflineGeocoder(), "America/New_York")


def test_dataset_listing_keeps_its_kind_and_date_through_export(app, write_csv, tmp_path):
    row = good_row(source_kind="city_data", source_date="2021-06-07")
    with app.app_context():
        assert run(write_csv(csv_text(row, columns=COLUMNS))).errors == []
        provider = db.session.get(Provider, "bk-legal")
        assert provider.source_kind == SourceKind.city_data
        assert provider.source_date == date(2021, 6, 7)
        exported = tmp_path / "out.csv"
        export_providers(exported)
        report = run(exported)
        assert (report.unchanged, report.errors) == (1, [])
    assert ",city_data,2021-06-07" in exported.read_text(encoding="utf-8")


def test_a_dataset_kind_needs_the_dataset_date(app, write_csv):
    rows = (
        good_row(source_kind="city_data"),
        good_row(id="b", source_kind="scraped", source_date="2021-06-07"),
        good_row(id="c", source_kind="public_data", source_date="2999-01-01"),
    )
    with app.app_context():
        errors = [str(e) for e in run(write_csv(csv_text(*rows, columns=COLUMNS))).errors]
    assert errors == [
        "row 2, column source_date: give the date of the dataset the facts come from (YYYY-MM-DD)",
        "row 3, column source_kind: must be one of: curated, city_data, public_data",
        "row 4, column source_date: cannot be in the future",
    ]


def test_curated_listing_needs_no_date(app, write_csv):
    with app.app_context():
        report = run(write_csv(csv_text(good_row(source_kind="curated"), columns=COLUMNS)))
        assert report.errors == []
        assert db.session.get(Provider, "bk-legal").source_kind == SourceKind.curated
