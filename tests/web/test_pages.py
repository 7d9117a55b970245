"""The survivor- and advocate-facing pages, through Flask's test client on a real database."""

from __future__ import annotations

import re

import pytest

from directory.web.i18n import UI_LANGUAGES

from ..providers.rows import csv_text


@pytest.mark.parametrize(
    ("header", "prefix"),
    [("es-MX,es;q=0.9", "es"), ("zh-TW", "zh-hant"), ("zh-CN", "zh-hans"), ("ur", "ur"),
     ("de-DE", "en"), ("", "en")],
)  # fmt: skip
def test_root_negotiates_the_language(web, header, prefix):
    response = web.get("/", headers={"Accept-Language": header})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/{prefix}/"
    assert "Accept-Language" in response.headers["Vary"]


@pytest.mark.parametrize("language", UI_LANGUAGES, ids=lambda lang: lang.prefix)
def test_every_page_has_the_safety_strip_and_its_direction(web, language):
    for path in ("/", "/about", "/privacy", "/safety", "/listings", "/providers/si-clinic"):
        response = web.get(f"/{language.prefix}{path}")
        html = response.get_data(as_text=True)
        assert response.status_code == 200, path
        assert 'id="quick-exit"' in html and 'href="tel:911"' in html
        assert 'href="tel:+18883737888"' in html and 'href="sms:233733"' in html
        assert f'lang="{language.html_lang}"' in html
        assert f'dir="{"rtl" if language.rtl else "ltr"}"' in html
        assert "Set-Cookie" not in response.headers


def test_unknown_language_prefix_is_404(web):
    assert web.get("/xx/").status_code == 404


def test_search_answers_the_post_directly(web):
    response = web.post("/en/search", data={"q": "abogado", "near": "Flushing"})
    assert response.status_code == 200 and "Location" not in response.headers
    html = response.get_data(as_text=True)
    assert "Flushing Immigration Legal Clinic" in html
    assert re.search(r"<h1>\d+ results?</h1>", html)
    # the terms appear in no link or form action; only in the opt-in "link to this search"
    urls = re.findall(r'(?:href|action)="([^"]*)"', html)
    assert not [u for u in urls if "abogado" in u]
    assert html.count("abogado") == 2  # the search box and the opt-in link


def test_results_link_each_listing_to_its_page(web, indexed_app):
    from directory.web.views import _detail_urls

    html = web.post("/ar/search", data={"service": "shelter"}).get_data(as_text=True)
    picked = re.findall(r'name="pick" value="([^"]+)"', html)
    assert picked
    for provider_id in picked:
        assert f'<a href="/ar/providers/{provider_id}">' in html
        assert web.get(f"/ar/providers/{provider_id}").status_code == 200
    with indexed_app.test_request_context("/es/search"):
        from flask import g

        g.lang = "es"
        # an id no import makes (they are letters, digits and "-") is still quoted
        assert _detail_urls(["a-1", "a b"]) == {
            "a-1": "/es/providers/a-1",
            "a b": "/es/providers/a%20b",
        }


def test_results_show_what_an_advocate_needs(web):
    html = web.post("/en/search", data={"service": "shelter"}).get_data(as_text=True)
    assert "Confidential location: call for the address" in html
    assert 'href="tel:+17185550102"' in html
    assert "Open 24/7" in html
    assert "Not yet verified" in html
    assert "Make a referral sheet" in html


def test_filters_and_facets_from_the_form(web):
    html = web.post("/en/search", data={"q": "", "free": "true", "walk_in": "true"}).get_data(
        as_text=True
    )
    assert "3 results" in html
    assert "Midtown Trauma Counseling Center" not in html  # sliding scale, not free


def test_empty_state_helps(web):
    html = web.post("/en/search", data={"q": "zzqqxx"}).get_data(as_text=True)
    assert "Nothing matched." in html and "1-888-373-7888" in html


def test_invalid_form_is_explained(web):
    response = web.post("/en/search", data={"near": "Atlantis"})
    assert response.status_code == 422
    assert "We could not find that place" in response.get_data(as_text=True)


def test_copy_link_search_by_get(web):
    response = web.get("/en/search?q=counseling&service=counseling")
    assert response.status_code == 200
    assert "Midtown Trauma Counseling Center" in response.get_data(as_text=True)


@pytest.mark.parametrize("language", UI_LANGUAGES, ids=lambda lang: lang.prefix)
def test_distances_in_the_deployments_unit_whatever_the_language(web, indexed_app, language):
    """A US deployment shows miles in every language; DISTANCE_UNIT=km shows kilometres."""
    form = {"near": "Flushing", "sort": "distance"}
    miles = web.post(f"/{language.prefix}/search", data=form).get_data(as_text=True)
    assert re.search(r'class="distance">[^<]*\d[.,]\d', miles)
    assert 'name="radius_mi"' in miles and 'name="radius_km"' not in miles
    indexed_app.config["DISTANCE_UNIT"] = "km"
    km = web.post(f"/{language.prefix}/search", data=form).get_data(as_text=True)
    assert 'name="radius_km"' in km and 'name="radius_mi"' not in km
    first = re.search(r'class="distance">([^<]*)<', miles).group(1)
    assert first != re.search(r'class="distance">([^<]*)<', km).group(1)


def test_distance_unit_labels(indexed_app):
    from directory.web.presenters import distance_text

    with indexed_app.test_request_context("/ar/"):
        from flask_babel import force_locale

        with force_locale("en"):
            assert distance_text(1.609, miles=True) == "1.0 mi"
            assert distance_text(1.609, miles=False) == "1.6 km"


def test_detail_hides_confidential_address_and_links_directions_for_others(web):
    shelter = web.get("/en/providers/bronx-shelter-women").get_data(as_text=True)
    assert "Confidential location: call for the address" in shelter
    assert "openstreetmap" not in shelter
    clinic = web.get("/en/providers/si-clinic").get_data(as_text=True)
    assert "1 Richmond Ter" in clinic
    assert re.search(
        r'href="https://www.openstreetmap.org/directions[^"]*" rel="noreferrer', clinic
    )
    assert "Report a problem with this listing" in clinic
    assert web.get("/en/providers/nope").status_code == 404


def test_referral_sheet_in_the_chosen_language(web):
    response = web.post(
        "/en/referral", data={"pick": ["si-clinic", "bronx-shelter-women"], "for_lang": "es"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'class="referral-sheet" lang="es"' in html
    assert "St. George Health Clinic" in html and "Safe Haven Women&#39;s Shelter" in html
    assert "Referral sheet" in html  # the page around it stays in the interface language
    assert 'href="sms:?&amp;body=' in html
    sheet = html[html.index('class="referral-sheet"') :]
    assert "Places that can help you" not in sheet  # the sheet itself is in Spanish


def test_referral_needs_a_pick(web):
    assert web.post("/en/referral", data={"for_lang": "es"}).status_code == 422


def test_results_page_with_20_results_weighs_under_100kb(app, write_csv):
    from bench.synthetic import generate
    from directory.geo.geocoder import OfflineGeocoder
    from directory.providers.importer import import_providers
    from directory.search.extension import build_index

    rows = list(generate(40, seed=3))
    with app.app_context():
        import_providers(
            write_csv(csv_text(*rows, columns=rows[0].keys())), OfflineGeocoder(), "UTC"
        )
        build_index()
    web = app.test_client()
    html = web.post("/en/search", data={"per_page": "20"}).get_data()
    assert html.count(b'class="listing"') == 20
    assets = 0
    for name in ("site.css", "safety.js", "app.js"):
        response = web.get(f"/static/{name}")
        assets += len(response.get_data())
        response.close()
    assert len(html) + assets < 100 * 1024


def test_every_page_is_no_store(web):
    """After a quick exit, Back must not bring a search, listing or referral from the cache."""
    responses = [
        web.get("/en/"),
        web.post("/en/search", data={"q": "shelter"}),
        web.get("/en/providers/si-clinic"),
        web.post("/en/referral", data={"pick": ["si-clinic"]}),
        web.get("/ar/safety"),
        web.get("/en/nope-not-a-page"),
    ]  # the JSON API sets its own caching (ETag revalidation, for machines, not browsers)
    for response in responses:
        assert response.headers["Cache-Control"] == "no-store", response.request.path


def test_page_titles_are_neutral_unless_configured(web, indexed_app):
    detail = web.get("/en/providers/si-clinic").get_data(as_text=True)
    title = re.search(r"<title>(.*)</title>", detail).group(1)
    assert title == "Local information" and "St. George" not in title
    spanish = web.post("/es/search", data={"q": "refugio"}).get_data(as_text=True)
    assert re.search(r"<title>(.*)</title>", spanish).group(1) == "Información local"
    indexed_app.config["NEUTRAL_PAGE_TITLES"] = False
    detail = web.get("/en/providers/si-clinic").get_data(as_text=True)
    assert "<title>St. George Health Clinic · Survivor Services Directory</title>" in detail


def test_safety_page_says_what_quick_exit_does_and_does_not(web):
    html = web.get("/en/safety").get_data(as_text=True)
    does = html[html.index("What quick exit does<") : html.index("What quick exit does not do")]
    does_not = html[html.index("What quick exit does not do") :]
    assert "Shift+Tab never leaves" in does and "cache" in does
    assert "Local information" in does
    assert "does not erase your browsing history" in does_not
    assert "does not hide your visit from spyware" in does_not


@pytest.mark.parametrize("language", UI_LANGUAGES, ids=lambda lang: lang.prefix)
def test_language_and_day_names_are_in_the_pages_language(web, language):
    """CLDR gives Haitian Creole French names (its parent locale): never show those."""
    from babel import Locale

    from directory.providers.taxonomy import LANGUAGE_CODES, language_label

    french = Locale.parse("fr")
    names = {code: language_label(code, language.locale) for code in LANGUAGE_CODES}
    assert all(name != code for code, name in names.items()), language.prefix
    if language.prefix not in ("fr", "en"):
        same = [c for c, name in names.items() if name == french.languages[c] and c != "fr"]
        # A few names are spelt alike in several languages ("swahili"); most must differ.
        assert len(same) < len(LANGUAGE_CODES) / 4, (language.prefix, same[:10])
    html = web.get(f"/{language.prefix}/providers/flushing-legal").get_data(as_text=True)
    assert names["ko"] in html and names["zh"] in html
    if language.prefix == "ht":
        assert "panyòl" not in html  # Flushing's staff speak en, zh and ko
        assert "coréen" not in html and "lundi" not in html and "koreyen" in html
        assert "lendi" in html


@pytest.mark.parametrize("language", UI_LANGUAGES[1:], ids=lambda lang: lang.prefix)
def test_place_names_are_in_the_pages_language(web, language):
    from directory.locale_names import place_name, table

    places = [code for kind, code in table("es") if kind == "place"]
    assert {code for kind, code in table(language.locale) if kind == "place"} == set(places)
    queens = place_name("Queens", language.locale)
    flushing = place_name("Flushing", language.locale)
    detail = web.get(f"/{language.prefix}/providers/flushing-legal").get_data(as_text=True)
    assert f"<bdi>{queens}, NY</bdi>" in detail
    results = web.post(f"/{language.prefix}/search", data={"near": "Flushing"}).get_data(
        as_text=True
    )
    assert re.search(r'class="near-note">[^<]*' + re.escape(flushing), results)
    if language.prefix in ("zh-hans", "ko", "ru", "ar"):
        assert "<bdi>Queens, NY" not in detail and queens != "Queens"


def test_results_say_what_was_understood_with_post_buttons_to_remove_each(web):
    response = web.post("/en/search", data={"q": "shelter men brooklyn spanish"})
    html = response.get_data(as_text=True)
    assert "shelter" not in response.request.url
    for reading in ("services:shelter", "populations:men", "languages:es", "place:Brooklyn"):
        assert f'form="search" name="ignore" value="{reading}"' in html
    assert "Staff speak Spanish" in html and "Near Brooklyn" in html
    assert "Safe Haven Women" not in html  # "men" left out the women-only shelter


def test_a_removed_reading_stays_removed_on_the_next_page(web):
    html = web.post("/en/search", data={"q": "shelter men", "ignore": "populations:men"}).get_data(
        as_text=True
    )
    assert '<input type="hidden" name="ignore" value="populations:men">' in html
    assert 'value="populations:men" class="chip-remove"' not in html
    assert "Safe Haven Women" in html


@pytest.mark.parametrize("prefix", ["es", "zh-hans", "ar", "ko"])
def test_chips_in_the_page_language(web, prefix):
    html = web.post(f"/{prefix}/search", data={"q": "shelter men"}).get_data(as_text=True)
    assert 'name="ignore" value="services:shelter"' in html
    assert ">Shelter<" not in html  # the label is translated
