"""Pages: home, results (POSTed, never redirected), listing detail, referral sheet, help pages."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from babel.lists import format_list
from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import force_locale
from markupsafe import Markup
from marshmallow import ValidationError

from directory.manage.public import preload_capacities
from directory.providers.listings import active_listings_by_id
from directory.providers.services import active_providers, get_provider
from directory.providers.taxonomy import SEARCH_EXAMPLES, SERVICE_TYPES
from directory.search.chips import chip_label, chips
from directory.search.extension import search_service
from directory.search.facts import FILTER_FACTS
from directory.search.request import SEARCH_REQUEST, parameters_of
from directory.search.service import UnknownPlace
from directory.translation_review import review_summary

from .i18n import BY_PREFIX, UI_LANGUAGES, current_language, negotiate, use_language_prefix
from .presenters import listing_view, uses_miles

web = Blueprint("web", __name__, url_prefix="/<lang>")
root = Blueprint("root", __name__)

RADIUS_CHOICES = (1, 2, 5, 10, 25)
MAX_REFERRAL = 10
# Characters no URL builder quotes: an id made only of them (imports allow lowercase letters,
# digits and "-") is its own path segment.
_UNQUOTED = re.compile(r"[A-Za-z0-9._~-]+")


@root.get("/")
def choose_language():
    """Send a visitor to the pages in the language their browser asks for."""
    response = redirect(url_for("web.home", lang=negotiate(request.accept_languages)))
    response.headers["Vary"] = "Accept-Language"
    return response


use_language_prefix(web)


@web.context_processor
def page_context() -> dict[str, Any]:
    ui = current_language()
    return {
        "ui": ui,
        "ui_languages": UI_LANGUAGES,
        "service_types": SERVICE_TYPES.terms,
        "miles": uses_miles(),
        "search_examples": lambda style: format_list(
            [str(word) for _, word in SEARCH_EXAMPLES], style=style, locale=ui.locale
        ),
    }


def _form() -> dict[str, Any]:
    source = request.form if request.method == "POST" else request.args
    return parameters_of(source, skip=("pick", "for_lang"))


def _views(hits: list, now: datetime) -> list:
    found = active_listings_by_id([hit.id for hit in hits])
    preload_capacities(list(found))  # one query for the page, not one per listing
    miles = uses_miles()
    return [listing_view(found[h.id], h.distance_km, now, miles) for h in hits if h.id in found]


def _detail_urls(ids: list[str]) -> dict[str, str]:
    """Each listing's page, from one `url_for` (twenty calls were ~7% of rendering results)."""
    stem = url_for("web.detail", provider_id="-")[:-1]
    return {
        i: stem + i if _UNQUOTED.fullmatch(i) else url_for("web.detail", provider_id=i) for i in ids
    }


def _search_link(form: dict[str, Any]) -> str:
    """A link an advocate may choose to copy: the one place search terms enter a URL."""
    params = [
        (key, value)
        for key, values in form.items()
        for value in (values if isinstance(values, list) else [values])
        if value and key != "page"
    ]
    return url_for("web.results", _external=True) + "?" + urlencode(params)


@web.get("/")
def home():
    """One box for what is needed, one for where, and the service types."""
    return render_template("web/home.html", form={})


@web.route("/search", methods=["GET", "POST"])
def results():
    """Results answer the POSTed form directly: the terms never enter the URL or history."""
    form = _form()
    try:
        asked = SEARCH_REQUEST.load(form)
    except ValidationError as error:
        return render_template("web/home.html", form=form, errors=error.normalized_messages()), 422
    now = datetime.now(UTC)
    try:
        language = current_language()
        result = search_service().search(
            replace(asked, now=now, interface_language=language.data_language)
        )
    except UnknownPlace:
        errors = {"near": ["unknown"]}
        return render_template("web/home.html", form=form, errors=errors), 422
    listings = _views(result.hits, now)
    return render_template(
        "web/results.html",
        form=form,
        query=asked,
        fact_filters=FILTER_FACTS,
        result=result,
        listings=listings,
        detail_urls=_detail_urls([listing.id for listing in listings]),
        pages=max(1, -(-result.total // asked.per_page)),
        search_link=_search_link(form),
        radius_choices=RADIUS_CHOICES,
        chips=[(chip, chip_label(chip, language.locale)) for chip in chips(result.understood)],
    )


@web.get("/providers/<provider_id>")
def detail(provider_id: str):
    """Every public field of one listing."""
    provider = get_provider(provider_id)
    if provider is None:
        abort(404)
    view = listing_view(provider, None, datetime.now(UTC), uses_miles(), week=True)
    return render_template("web/detail.html", listing=view, provider=provider)


@web.get("/providers/<provider_id>/report")
def report(provider_id: str):
    """How to tell us a listing is wrong (nothing is collected here)."""
    provider = get_provider(provider_id)
    if provider is None:
        abort(404)
    return render_template(
        "web/report.html", provider=provider, email=current_app.config["REPORT_EMAIL"]
    )


@web.post("/referral")
def referral():
    """A printable referral of the picked listings, in the language chosen for the survivor."""
    ids = list(dict.fromkeys(request.form.getlist("pick")))[:MAX_REFERRAL]
    target = BY_PREFIX.get(request.form.get("for_lang", ""), current_language())
    providers = [p for p in (get_provider(i) for i in ids) if p is not None]
    if not providers:
        return render_template("web/referral_empty.html"), 422
    now = datetime.now(UTC)
    with force_locale(target.locale):
        views = [listing_view(p, None, now, uses_miles(), week=True) for p in providers]
        sheet = render_template("web/referral_sheet.html", listings=views, sheet_lang=target)
        text = render_template("web/referral_sheet.txt", listings=views)
    return render_template(
        "web/referral.html",
        sheet=Markup(sheet),  # rendered by our own template above, already escaped
        text=text.strip(),
        sms_href="sms:?&body=" + quote(text.strip()),
        picked=ids,
        target=target,
    )


@web.get("/listings")
def listings():
    """Every active listing, plainly: name, services, area and phones."""
    return render_template("web/listings.html", providers=active_providers())


@web.get("/about")
def about():
    """What the directory is, and which translations no native speaker has reviewed yet."""
    catalogs = Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";")[0])
    unreviewed = [entry for entry in review_summary(catalogs) if not entry.complete]
    return render_template("web/about.html", unreviewed=unreviewed)


@web.get("/privacy")
def privacy():
    return render_template("web/privacy.html")


@web.get("/safety")
def safety():
    return render_template("web/safety.html")
