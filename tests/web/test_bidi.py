"""Bidi isolation: left-to-right runs in right-to-left messages, pages and the plain-text sheet."""

from __future__ import annotations

import re

import pytest

from directory.web.bidi import LRI, PDI, isolate_runs


@pytest.mark.parametrize(
    ("message", "isolated"),
    [("أفراد مجتمع الميم (LGBTQ+)", f"أفراد مجتمع الميم ({LRI}LGBTQ+{PDI})"),
     ("LGBTQ+ افراد", f"{LRI}LGBTQ+{PDI} افراد"),
     ("مفتوح 24/7", f"مفتوح {LRI}24/7{PDI}"),
     ("%(num)d نتيجة", "%(num)d نتيجة"),
     ("اتصل بالرقم %(number)s.", "اتصل بالرقم %(number)s.")],
)  # fmt: skip
def test_isolate_runs_leaves_placeholders_alone(message, isolated):
    assert isolate_runs(message) == isolated


def test_right_to_left_catalogs_are_isolated_when_loaded(web):
    html = web.get("/ar/providers/lgbtq-youth").get_data(as_text=True)
    assert f"{LRI}LGBTQ+{PDI}" in html
    assert LRI not in web.get("/es/providers/lgbtq-youth").get_data(as_text=True)


def referral(web, lang: str) -> tuple[str, str]:
    html = web.post(
        "/en/referral", data={"pick": ["flushing-legal", "national-line"], "for_lang": lang}
    ).get_data(as_text=True)
    text = re.search(r'<textarea id="referral-text"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    return html, text


def test_arabic_sheet_isolates_phones_on_the_page_and_in_the_text(web):
    html, text = referral(web, "ar")
    assert '<bdi dir="ltr">(718) 555-0101</bdi>' in html
    assert '<bdi dir="ltr">1-888-373-7888</bdi>' in html
    assert f"{LRI}(718) 555-0101{PDI}" in text and f"{LRI}1-888-373-7888{PDI}" in text
    assert f"{LRI}911{PDI}" in text


def test_english_text_stays_plain_for_a_cheap_sms(web):
    _, text = referral(web, "en")
    assert LRI not in text and PDI not in text and "(718) 555-0101" in text


def test_sms_text_keeps_services_and_hours(web):
    html, text = referral(web, "en")
    assert "Legal help, Immigration" in text
    assert "Hours: Mon–Fri 9:00\u202fAM–5:00\u202fPM" in text
    assert "Open 24/7" in text  # the national line
    assert "Mon–Fri 9:00\u202fAM–5:00\u202fPM" in html  # the printed sheet too
    spanish = referral(web, "es")[1]
    assert "Ayuda legal" in spanish and "lun–vie 9:00–17:00" in spanish


def test_a_forced_language_is_looked_up_afresh_and_the_page_language_comes_back(app):
    from flask_babel import force_locale, gettext

    with app.test_request_context("/ar/"):
        from flask_babel import refresh

        refresh()
        with force_locale("ar"):
            arabic = gettext("Closed now")
            with force_locale("es"):
                assert gettext("Closed now") == "Cerrado ahora"
            assert gettext("Closed now") == arabic == "مغلق الآن"
        with force_locale("es"):
            assert gettext("Closed now") == "Cerrado ahora"
