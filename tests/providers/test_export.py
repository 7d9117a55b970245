"""Exporting listings: the same format, lossless round trip, formula-safe cells."""

from __future__ import annotations

import csv
from pathlib import Path

from directory.extensions import db
from directory.geo.geocoder import OfflineGeocoder
from directory.providers.exporter import export_providers, neutralize
from directory.providers.importer import import_providers
from directory.providers.models import Provider
from directory.providers.rows import current_values
from directory.providers.schemas import COLUMNS

from .rows import csv_text, good_row

FIXTURES = Path(__file__).parent.parent / "fixtures"


def run(path):
    return import_providers(path, OfflineGeocoder(), "America/New_York")


def snapshot() -> dict[str, dict]:
    return {p.id: current_values(p) for p in db.session.query(Provider)}


def test_export_then_import_is_lossless(app, tmp_path):
    exported = tmp_path / "exported.csv"
    with app.app_context():
        run(FIXTURES / "providers_good.csv")
        before = snapshot()
        assert export_providers(exported) == 3
        report = run(exported)
        assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
        db.session.query(Provider).delete()
        db.session.commit()
        assert run(exported).created == 3
        assert snapshot() == before
        again = tmp_path / "again.csv"
        export_providers(again)
        assert again.read_text(encoding="utf-8") == exported.read_text(encoding="utf-8")


def test_export_writes_the_documented_columns_and_canonical_values(app, tmp_path):
    exported = tmp_path / "exported.csv"
    with app.app_context():
        run(FIXTURES / "providers_good.csv")
        export_providers(exported)
    with exported.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames) == COLUMNS
        rows = {row["id"]: row for row in reader}
    clinic = rows["brooklyn-legal-clinic"]
    assert clinic["phone"] == "(718) 555-0100 (intake)"
    assert clinic["no_id_required"] == "true"  # written `yes` in the source file
    assert clinic["longitude"] == "-73.9903"  # a number, not neutralized
    shelter = rows["queens-safe-house"]
    assert shelter["latitude"] == ""  # geocoded, so re-import geocodes again
    assert shelter["hours"] == "24/7"


def test_formula_cells_are_neutralized_and_restored(app, tmp_path):
    exported = tmp_path / "exported.csv"
    with app.app_context():
        run(FIXTURES / "providers_good.csv")
        export_providers(exported)
        with exported.open(encoding="utf-8", newline="") as handle:
            line = next(r for r in csv.DictReader(handle) if r["id"] == "national-line")
        assert line["description"] == '\'=HYPERLINK("http://evil")'
        assert line["notes"] == "'-starts with minus"
        assert db.session.get(Provider, "national-line").description.startswith("=HYPERLINK")


def test_neutralize():
    assert neutralize("=1+1") == "'=1+1"
    assert neutralize("@SUM(A1)") == "'@SUM(A1)"
    assert neutralize("+1 212") == "'+1 212"
    assert neutralize("-73.9") == "-73.9"
    assert neutralize("plain") == "plain"


def test_law_enforcement_survives_export(app, tmp_path, write_csv):
    source = write_csv(
        csv_text(good_row(law_enforcement="yes"), good_row(id="not-stated"), columns=COLUMNS)
    )
    exported = tmp_path / "exported.csv"
    with app.app_context():
        run(source)
        export_providers(exported)
    with exported.open(encoding="utf-8", newline="") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert rows["bk-legal"]["law_enforcement"] == "true"
    assert rows["not-stated"]["law_enforcement"] == ""


def test_dump_row_writes_what_the_schema_dumps():
    """The seed listings, as loaded and as stored, give the cells `Schema.dump` gives."""
    from directory.providers.rows import resolve_values, values_row
    from directory.providers.schemas import ProviderRowSchema, dump_row

    schema = ProviderRowSchema()
    seed = Path(__file__).parent.parent.parent / "data" / "providers.csv"
    with seed.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) > 50
    for row in rows:
        data = schema.load(row)
        stored = values_row(resolve_values(data, OfflineGeocoder(), "America/New_York"))
        for typed in (data, stored):
            dumped = schema.dump(typed)
            expected = {c: "" if dumped.get(c) is None else str(dumped[c]) for c in COLUMNS}
            assert dump_row(typed) == expected
