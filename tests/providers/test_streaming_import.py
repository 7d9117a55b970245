"""The streaming importer: batches in one transaction, file problems named, names kept apart."""

from __future__ import annotations

import codecs

import pytest
from sqlalchemy import func, select

from directory.extensions import db
from directory.geo.geocoder import OfflineGeocoder
from directory.manage.models import AuditEntry
from directory.providers import writer
from directory.providers.exporter import export_providers
from directory.providers.importer import ImportFileError, import_providers
from directory.providers.models import Organization, Provider
from directory.providers.rows import organization_id

from .rows import csv_text, good_row


def run(path, **kwargs):
    return import_providers(path, OfflineGeocoder(), "America/New_York", **kwargs)


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of 2 rows, so a handful of rows spans several batches."""
    monkeypatch.setattr(writer, "BATCH_ROWS", 2)
    monkeypatch.setattr(writer.batched, "__defaults__", (2,))


def test_many_batches_are_one_transaction(app, write_csv, small_batches, monkeypatch):
    rows = [good_row(id=f"row-{n}", name=f"Clinic {n}") for n in range(7)]
    calls = []
    real = writer.apply_plan

    def failing_on_third(session, plan, record):
        calls.append(plan.rows)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real(session, plan, record)

    monkeypatch.setattr("directory.providers.importer.apply_plan", failing_on_third)
    with app.app_context():
        with pytest.raises(RuntimeError, match="disk full"):
            run(write_csv(csv_text(*rows)))
        assert len(calls) == 3  # two batches were written before the failure...
        assert count(Provider) == 0  # ...and rolled back with it
        monkeypatch.setattr("directory.providers.importer.apply_plan", real)
        report = run(write_csv(csv_text(*rows)))
        assert (report.created, count(Provider)) == (7, 7)


def test_a_bad_row_after_many_good_ones_writes_nothing(app, write_csv, small_batches):
    rows = [good_row(id=f"row-{n}") for n in range(6)] + [good_row(id="late", cost="?")]
    with app.app_context():
        report = run(write_csv(csv_text(*rows)))
        assert [str(e) for e in report.errors] == [
            "row 8, column cost: must be one of: free, sliding_scale, fee"
        ]
        assert count(Provider) == 0


def test_unchanged_reimport_writes_nothing(app, write_csv, small_batches):
    path = write_csv(csv_text(*[good_row(id=f"row-{n}") for n in range(5)]))
    with app.app_context():
        run(path, record=_audit)
        audit_rows = count(AuditEntry)
        assert audit_rows == 5  # a new listing: one row, its id
        stamps = dict(db.session.execute(select(Provider.id, Provider.updated_at)).all())
        again = run(path, record=_audit)
        assert (again.created, again.updated, again.unchanged, again.written) == (0, 0, 5, 0)
        assert count(AuditEntry) == audit_rows
        db.session.expire_all()
        assert dict(db.session.execute(select(Provider.id, Provider.updated_at)).all()) == stamps


def _audit(changes):
    from directory.manage.audit import record_import

    record_import(changes)


def test_import_audit_records_each_changed_field(app, write_csv):
    from directory.manage.audit import history

    with app.app_context():
        run(write_csv(csv_text(good_row()), "a.csv"), record=_audit)
        created = [(e.field, e.old_value, e.new_value) for e in history("bk-legal")]
        assert created == [("id", None, "bk-legal")]  # its values are the listing's own
        run(write_csv(csv_text(good_row(phone="212-577-3300", walk_in="")), "b.csv"), record=_audit)
        latest = {(e.field, e.old_value, e.new_value) for e in history("bk-legal")[:2]}
        assert latest == {("phone", "(718) 555-0100 (intake)", "(212) 577-3300"),
                          ("walk_in", "true", None)}  # fmt: skip
        assert {e.changed_by for e in history("bk-legal")} == {"import"}


def test_line_breaks_other_than_crlf_survive_export_and_reimport(app, write_csv, tmp_path):
    description = "Line one\u2028line two\x85line three\x0cpage two"
    path = write_csv(csv_text(good_row(description=description, intake="Call\u2029first")))
    with app.app_context():
        report = run(path)
        assert report.errors == [] and report.created == 1
        assert db.session.get(Provider, "bk-legal").description == description
        exported = tmp_path / "exported.csv"
        export_providers(exported)
        text = exported.read_text(encoding="utf-8")
        # Quoted, so readers that break lines at U+2028 or NEL keep the cell whole too.
        assert f'"{description}"' in text
        again = run(exported)
        assert (again.errors, again.unchanged) == ([], 1)


def test_non_latin_organization_names_stay_apart(app, write_csv):
    names = ["纽约华人服务中心", "한인가정상담소", "مركز المساعدة", "Café", "Cafe"]
    rows = [good_row(id=f"org-{n}", organization=name) for n, name in enumerate(names)]
    with app.app_context():
        assert run(write_csv(csv_text(*rows))).created == 5
        stored = dict(db.session.execute(select(Organization.name, Organization.id)).all())
        assert set(stored) == set(names)
        assert len(set(stored.values())) == 5
        assert stored["Cafe"] == "cafe"
        for n, name in enumerate(names):
            assert db.session.get(Provider, f"org-{n}").organization.name == name


def test_organization_ids_are_stable_and_a_respelling_renames(app, write_csv):
    assert organization_id("Safe Horizon") == "safe-horizon"
    assert organization_id("한인가정상담소") == organization_id("한인가정상담소")
    assert organization_id("Café") != organization_id("Cafe")
    with app.app_context():
        run(write_csv(csv_text(good_row(organization="Safe horizon")), "a.csv"))
        run(write_csv(csv_text(good_row(organization="Safe Horizon")), "b.csv"))
        assert db.session.get(Organization, "safe-horizon").name == "Safe Horizon"
        assert count(Organization) == 1


def test_an_old_id_of_a_non_ascii_name_is_kept(app, write_csv):
    with app.app_context():
        db.session.add(Organization(id="cafe", name="Café"))  # made by an earlier release
        db.session.commit()
        path = write_csv(
            csv_text(good_row(organization="Café"), good_row(id="b", organization="Cafe"))
        )
        assert run(path).created == 2
        assert db.session.get(Provider, "bk-legal").organization_id == "cafe"
        other = db.session.get(Provider, "b").organization
        assert (other.name, other.id != "cafe") == ("Cafe", True)


def test_utf16_file_is_named_as_such(app, tmp_path):
    path = tmp_path / "unicode.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + csv_text(good_row()).encode("utf-16-le"))
    with app.app_context(), pytest.raises(ImportFileError, match="UTF-16") as error:
        run(path)
    assert "CSV UTF-8" in str(error.value)
    no_bom = tmp_path / "nobom.csv"
    no_bom.write_bytes(csv_text(good_row()).encode("utf-16-le"))
    with app.app_context(), pytest.raises(ImportFileError, match="UTF-16"):
        run(no_bom)


def test_unterminated_quote_names_the_row_it_opens(app, write_csv):
    plain = {"description": "Free legal help"}  # no cell needs quotes
    rows = csv_text(good_row(**plain), good_row(id="two", **plain), good_row(id="three", **plain))
    rows = rows.splitlines()
    rows[2] = rows[2].replace("Free legal help", '"Free legal help', 1)
    with app.app_context(), pytest.raises(ImportFileError) as error:
        run(write_csv("\r\n".join(rows) + "\r\n"))
    message = str(error.value)
    assert message.startswith("row 3: a quoted cell starting here is never closed"), message
    with app.app_context():
        assert count(Provider) == 0


def test_stray_quote_inside_a_quoted_cell(app, write_csv):
    text = csv_text(good_row()) + 'x,"A "quoted" name",Org,,legal,,,,,,,,,,,,,,,,,,,,,,,,,,u\r\n'
    with app.app_context(), pytest.raises(ImportFileError, match=r"row 3: a double quote"):
        run(write_csv(text))


def test_error_list_is_capped_but_counted(app, write_csv, monkeypatch):
    monkeypatch.setattr("directory.providers.importer.MAX_ERRORS", 3)
    rows = [good_row(id=f"row-{n}", cost="?") for n in range(5)]
    with app.app_context():
        report = run(write_csv(csv_text(*rows)))
        assert (len(report.errors), report.more_errors) == (3, 2)
