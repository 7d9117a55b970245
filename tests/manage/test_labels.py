"""Staff pages call fields and units by their names in the page's language, not column codes."""

from __future__ import annotations

import re

import pytest

from directory.manage.changes import EDITABLE
from directory.manage.units import UNITS
from directory.providers.schemas import COLUMNS
from directory.web.i18n import UI_LANGUAGES
from directory.web.labels import FIELD_LABELS

from ..staff import LISTING_A, csrf_token

LABEL = re.compile(r'<label for="f-([a-z_]+)">([^<]+) <span class="column"')
UNIT_OPTION = re.compile(r'<option value="([a-z]+)"[^>]*>([^<]+)</option>')


def test_every_spreadsheet_column_has_a_label():
    assert set(COLUMNS) <= set(FIELD_LABELS)


@pytest.mark.parametrize("prefix", [language.prefix for language in UI_LANGUAGES])
def test_edit_form_and_unit_choice_are_in_the_page_language(as_user, prefix):
    editor = as_user("editor_a")
    page = editor.get(f"/manage/listings/{LISTING_A}/edit?lang={prefix}").get_data(as_text=True)
    labels = dict(LABEL.findall(page))
    assert set(labels) == set(EDITABLE)
    for column, label in labels.items():
        assert label.strip() and label != column, (prefix, column)
    listing = editor.get(f"/manage/listings/{LISTING_A}").get_data(as_text=True)
    options = dict(UNIT_OPTION.findall(listing))
    assert set(options) == {unit.code for unit in UNITS}
    if prefix != "en":
        assert options["beds"] != "Beds" and labels["postal_code"] != "ZIP code", prefix


def test_spanish_labels_come_from_the_public_pages(as_user):
    editor = as_user("editor_a")
    page = editor.get(f"/manage/listings/{LISTING_A}/edit?lang=es").get_data(as_text=True)
    labels = dict(LABEL.findall(page))
    public = editor.get(f"/es/providers/{LISTING_A}").get_data(as_text=True)
    # The same words on the public page and the form: one label per field.
    assert f"<dt>{labels['eligibility']}</dt>" in public
    assert labels["postal_code"] == "Código postal"


def test_review_diff_and_history_name_fields_by_label(as_user):
    editor, admin = as_user("editor_a"), as_user("admin")
    token = csrf_token(editor, f"/manage/listings/{LISTING_A}")
    editor.post(
        f"/manage/listings/{LISTING_A}/capacity",
        data={"csrf_token": token, "available": "3", "unit": "appointments"},
    )
    history = admin.get(f"/manage/listings/{LISTING_A}/history?lang=fr").get_data(as_text=True)
    assert "<td>Disponible maintenant</td>" in history and "<td>capacity</td>" not in history
    listing = editor.get(f"/manage/listings/{LISTING_A}").get_data(as_text=True)
    assert '<option value="appointments" selected>' in listing
