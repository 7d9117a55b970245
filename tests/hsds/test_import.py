"""`flask hsds import`: the specification's example, our own export, all or nothing."""

from __future__ import annotations

import csv
import shutil

from directory.extensions import db
from directory.geo.geocoder import OfflineGeocoder
from directory.hsds.exporter import export_package
from directory.hsds.importer import import_package
from directory.providers.models import Provider
from directory.providers.rows import current_values

from .conftest import EXAMPLE


def run(folder, dry_run=False):
    return import_package(folder, OfflineGeocoder(), "America/New_York", dry_run=dry_run)


def snapshot() -> dict[str, dict]:
    return {p.id: current_values(p) for p in db.session.query(Provider)}


def test_the_specification_example_imports_and_reports_what_it_leaves_out(app):
    with app.app_context():
        report = run(EXAMPLE)
        assert report.ok, report.problems
        assert report.created == 1
        (listing,) = db.session.query(Provider).all()
        assert listing.id == "ac148810-d857-441c-9679-408f346de14b"
        assert listing.name == "Community Counselling"
        assert listing.organization.name == "Example Organization Inc."
        assert listing.services == ["counseling"]
        assert listing.languages == ["ur"]
        assert listing.source_url == "http://example.com/counselling"
        assert listing.last_verified.isoformat() == "2005-01-01"
        assert [(i.weekday, i.opens, i.closes) for i in listing.intervals] == [
            (3, 600, 1080),
            (4, 600, 1080),
        ]
        assert listing.latitude is None  # the example's latitude 100 is impossible
    left_out = {(p.file, p.row, p.field): p.message for p in report.not_imported}
    assert left_out[("locations.csv", 2, "latitude")].endswith("must be between -90 and 90")
    assert ("services.csv", 2, "alert") in left_out
    assert ("funding.csv", 2, "source") in left_out
    assert ("phones.csv", 2, "extension") in left_out


def test_our_own_export_reimports_with_no_changes(listed_app, tmp_path):
    with listed_app.app_context():
        before = snapshot()
        export_package(tmp_path)
        report = run(tmp_path)
        assert report.ok, report.problems
        assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
        assert report.not_imported == []
        assert snapshot() == before  # notes and the confidential address are kept


def test_one_bad_service_imports_nothing_and_names_table_row_and_field(app, tmp_path):
    folder = tmp_path / "package"
    shutil.copytree(EXAMPLE, folder)
    with (folder / "services.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    second = {**rows[0], "id": "5c2e3b7e-0000-4000-8000-000000000001", "name": ""}
    with (folder / "services.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows([rows[0], second])
    with app.app_context():
        report = run(folder)
        assert not report.ok
        assert [str(p) for p in report.problems] == [
            "services.csv, row 3, field name: name: is required",
            "services.csv, row 3, field id: services: no taxonomy term or word of the "
            "service's name matches one of this directory's service types",
        ]
        assert db.session.query(Provider).count() == 0


def test_dry_run_writes_nothing(app, runner):
    result = runner.invoke(args=["hsds", "import", str(EXAMPLE), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "would have 1 created" in result.output
    assert "locations.csv, row 2, field latitude" in result.output
    with app.app_context():
        assert db.session.query(Provider).count() == 0


def test_provenance_travels_as_facts(app, tmp_path, write_csv):
    from directory.providers.importer import import_providers
    from directory.providers.schemas import COLUMNS

    from ..providers.rows import csv_text, good_row

    row = good_row(id="city-row", source_kind="city_data", source_date="2021-06-07")
    with app.app_context():
        path = write_csv(csv_text(row, columns=COLUMNS))
        assert import_providers(path, OfflineGeocoder(), "America/New_York").ok
        export_package(tmp_path / "out")
        db.session.query(Provider).delete()
        db.session.commit()
        report = run(tmp_path / "out")
        assert report.ok and report.not_imported == []
        (listing,) = db.session.query(Provider).all()
        assert listing.source_kind.value == "city_data"
        assert listing.source_date.isoformat() == "2021-06-07"


def test_a_folder_that_is_no_package_is_refused_plainly(runner, tmp_path):
    (tmp_path / "notes.txt").write_text("not a package")
    result = runner.invoke(args=["hsds", "import", str(tmp_path)])
    assert result.exit_code == 1
    assert "holds none of the HSDS tables" in result.output


def test_package_file_problems_are_named(runner, tmp_path):
    folder = tmp_path / "package"
    shutil.copytree(EXAMPLE, folder)
    services = folder / "services.csv"
    text = services.read_text(encoding="utf-8")
    services.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    result = runner.invoke(args=["hsds", "import", str(folder)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "services.csv: the file is UTF-16 text" in result.output
    services.write_text(text.rstrip("\r\n") + ',"unclosed\n', encoding="utf-8")
    result = runner.invoke(args=["hsds", "import", str(folder)])
    assert result.exit_code == 1
    assert "quoted cell starting here is never closed" in result.output, result.output


def test_a_line_separator_stays_inside_its_cell(app, tmp_path):
    folder = tmp_path / "package"
    shutil.copytree(EXAMPLE, folder)
    path = folder / "organizations.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["description"] = "First line\u2028second line\x85third"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with app.app_context():
        report = run(folder)
        assert report.ok, report.problems
        descriptions = {p.organization.description for p in db.session.query(Provider)}
        assert "First line\u2028second line\x85third" in descriptions
