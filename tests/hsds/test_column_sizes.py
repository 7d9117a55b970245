"""An HSDS package with values longer than our columns: reported plainly, never a crash."""

from __future__ import annotations

import csv
import shutil

import pytest

from directory.extensions import db
from directory.hsds.reader import PackageError
from directory.providers.models import Provider

from .conftest import EXAMPLE
from .test_import import run


def _package(tmp_path, **changes):
    """The specification's example with `changes` made to its one service."""
    folder = tmp_path / "package"
    shutil.copytree(EXAMPLE, folder)
    path = folder / "services.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0].update(changes)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return folder


def test_an_over_long_name_stops_the_import_with_file_row_and_field(app, tmp_path):
    with app.app_context():
        report = run(_package(tmp_path, name="N" * 301))
        assert not report.ok
        assert "services.csv, row 2, field name: name: is too long: at most 300 characters" in [
            str(problem) for problem in report.problems
        ]
        assert db.session.query(Provider).count() == 0


def test_an_over_long_optional_value_is_left_out_and_reported(app, tmp_path):
    website = "https://example.org/" + "a" * 481
    with app.app_context():
        report = run(_package(tmp_path, url=website, email="help at example.org"))
        assert report.ok, report.problems
        (listing,) = db.session.query(Provider).all()
        assert listing.website is None and listing.email is None
    left_out = {p.field: p.message for p in report.not_imported if p.file == "services.csv"}
    assert left_out["url"] == "not imported: is too long: at most 500 characters"
    assert left_out["email"] == "not imported: is not an email address"


def test_a_nul_byte_in_a_package_file_names_the_file_and_writes_nothing(app, tmp_path):
    # A NUL byte means the file is not UTF-8 text (UTF-16, a spreadsheet): refused whole.
    with app.app_context():
        with pytest.raises(PackageError, match=r"services\.csv: the file contains NUL bytes"):
            run(_package(tmp_path, url="https://example.org/", email="help\x00@example.org"))
        assert db.session.query(Provider).count() == 0
