"""The merge rules of build_providers.py: filling facts, phones, languages, the report."""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale

from directory.providers.phones import parse_phone_list
from directory.providers.taxonomy import LANGUAGES

BOROUGHS = ("Manhattan", "Brooklyn", "Queens", "Bronx", "Staten Island")
CITY_FILE_URL = "victim-services"

# Ids for the rows of nyc_orgs_new.csv, in file order.
NEW_LISTING_IDS = (
    "dhs-path-family-intake",
    "nova-domestic-violence-shelter-intake",
    "lgbt-community-center",
    "neighborhood-defender-service-harlem",
    "camba-victims-assistance-program",
    "new-destiny-housing",
    "voces-latinas",
    "nyc-health-hospitals-bellevue-victim-services",
    "nyc-health-hospitals-metropolitan-victim-assistance",
    "nyc-health-hospitals-harlem-victim-support",
    "moia-actionnyc-hotline",
    "new-americans-hotline",
    "dcwp-office-of-labor-policy-standards",
)
# The new records' hours, written in our format where their text is regular; the rest is
# kept as text in `intake` (or left out where the record's notes ask to verify the hours).
NEW_HOURS = {
    "dhs-path-family-intake": ("24/7", "Applications are processed 9am-5pm."),
    "nova-domestic-violence-shelter-intake": ("", "Open 7 days a week (hours not stated)."),
    "moia-actionnyc-hotline": ("Mo-Fr 09:00-18:00", ""),
}
# Records whose notes ask to re-check their phone number: it stays out.
NEW_PHONE_RECHECK = {"neighborhood-defender-service-harlem"}


# Columns the new records do not state.
EMPTY_COLUMNS = (
    "cost", "eligibility", "documents_required", "walk_in", "no_id_required",
    "no_police_required", "status_neutral", "organization_website",
    "organization_description", "accessibility", "time_zone", "status",
)  # fmt: skip


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


_ABBREVIATIONS = {"street": "st", "avenue": "ave", "east": "e", "west": "w", "https": "http"}


def _key(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("www.", ""))
    return "".join(_ABBREVIATIONS.get(w, w) for w in words)


def _same(a: str, b: str) -> bool:
    """Equal up to case, punctuation, `www.`, common abbreviations and a floor or suite."""

    first, second = sorted((_key(a), _key(b)), key=len)
    return second.startswith(first) and bool(first)


@dataclass
class Curation:
    """What the merge kept out, and where sources disagreed."""

    left: list[tuple[str, str, str, str]] = field(default_factory=list)
    conflicts: list[tuple[str, str, str, str]] = field(default_factory=list)
    # (listing, column) a fact was kept out of: no other source may fill it silently.
    blocked: set[tuple[str, str]] = field(default_factory=set)

    def left_out(self, listing_id: str, column: str, value: str, why: str) -> None:
        self.left.append((listing_id, column, value, why))
        self.blocked.add((listing_id, column))

    def conflict(self, listing_id: str, column: str, kept: str, other: str) -> None:
        self.conflicts.append((listing_id, column, kept, other))

    def set_fact(self, listing: dict, column: str, value: str, date: str, newest_wins: bool):
        """Fill an empty cell; a different value already there is kept and the clash noted."""
        if not value:
            return
        if not listing.get(column):
            listing[column] = value
        elif not _same(listing[column], value):
            self.conflict(listing["id"], column, listing[column], f"{value} ({date})")

    def add_phone(self, listing, column, value, label=None, fill_only=False) -> None:
        """Add a number unless the listing has it already; label where it comes from."""
        entry = parse_phone_list(value)[0]
        have = {
            e.number for c in ("phone", "hotline", "text") for e in parse_phone_list(listing[c])
        }
        if entry.number in have:
            return
        if fill_only and listing[column]:
            self.conflict(listing["id"], column, listing[column], f"{value} ({label})")
            return
        number = re.sub(r"\s*\([^)]*\)\s*$", "", value).strip()
        labels = ", ".join(filter(None, (entry.label, label)))
        text = f"{number} ({labels})" if labels else number
        listing[column] = "; ".join(filter(None, (listing[column], text)))

    def add_languages(self, listing: dict, codes: list[str], origin: str) -> None:
        """Union of staff languages; a language without a code is named in `accessibility`."""
        have = [c for c in listing["languages"].split(";") if c]
        unnamed = []
        for code in (c.strip() for c in codes if c.strip()):
            if code in LANGUAGES:
                have.append(code) if code not in have else None
            else:
                unnamed.append(Locale("en").languages.get(code, code))
        listing["languages"] = ";".join(have)
        if unnamed:
            note = f"Staff also speak ({origin}): {', '.join(unnamed)}."
            listing["accessibility"] = " ".join(filter(None, (listing["accessibility"], note)))

    def add_source(self, listing: dict, url: str) -> None:
        urls = [u for u in listing["source_url"].split(";") if u]
        if url and url not in urls:
            listing["source_url"] = ";".join([*urls, url])


def new_listing(listing_id: str, record: dict[str, str], curation: Curation) -> dict[str, str]:
    """A listing from nyc_orgs_new.csv, with the same rules as the curated ones."""
    urls = [u for u in record["source_urls"].split(";") if u]
    only_city = all(CITY_FILE_URL in u for u in urls)
    city = record["city"]
    service_area = {"New York City (citywide)": "New York City", "New York State": "New York State"}
    hours, intake = NEW_HOURS.get(listing_id, ("", ""))
    phone = record["phone"]
    if listing_id in NEW_PHONE_RECHECK:
        curation.left_out(listing_id, "phone", phone, "the record's notes ask to re-check it")
        phone = ""
    if listing_id == "new-americans-hotline":
        curation.left_out(listing_id, "hours", record["hours"], "the notes ask to verify them")
    languages = ["en", *(c for c in record["languages"].split(";") if c)]
    return {
        "id": listing_id,
        "name": record["program"],
        "organization": record["organization"],
        "description": record["description"],
        "services": record["services"],
        "populations": record["populations"],
        "languages": ";".join(dict.fromkeys(languages)),
        "address": re.sub(r"\s*\(.*\)$", "", record["address"]),
        "city": "New York" if city == "New York City (citywide)" else
                ("" if city == "New York State" else city),
        "state": record["state"],
        "postal_code": record["postal_code"],
        "latitude": "",
        "longitude": "",
        "location_confidential": "true" if record["location_confidential"] == "yes" else "false",
        "phone": phone,
        "hotline": record["hotline"],
        "text": record["text"],
        "email": "",
        "website": record["website"],
        "hours": hours,
        "intake": intake,
        "law_enforcement": "false",
        "last_verified": "",
        "source_url": ";".join(urls),
        "source_kind": "city_data" if only_city else "",
        "source_date": record["source_date"] if only_city else "",
        "service_area": service_area.get(city, ""),
        "notes": record["notes"],
        **dict.fromkeys(EMPTY_COLUMNS, ""),
    }  # fmt: skip


def same_organization_fields(listings: list[dict[str, str]]) -> None:
    """Every row of an organization carries its first stated website and description."""
    first: dict[str, dict[str, str]] = {}
    for row in listings:
        known = first.setdefault(row["organization"], {})
        for column in ("organization_website", "organization_description"):
            known[column] = known.get(column) or row[column]
    for row in listings:
        row.update(first[row["organization"]])


def fill_coordinates(listings: list[dict[str, str]], city_rows: list[dict[str, str]]) -> None:
    """A public listing at a street address the City file places gets the City's point."""
    points = {
        (row["city"], _key(row["address"])): (row["latitude"], row["longitude"])
        for row in city_rows
        if row["latitude"] and row["address"]
    }
    for row in listings:
        if row["address"] and not row["latitude"] and row["location_confidential"] != "true":
            point = points.get((row["city"], _key(row["address"])))
            if point:
                row["latitude"], row["longitude"] = point


def counts(rows: list[dict[str, str]]) -> dict[str, int]:
    """The figures CURATION.md reports and the tests check against the file (active rows)."""
    listings = [r for r in rows if r["status"] != "inactive"]
    public = [r for r in listings if r["location_confidential"] != "true"]
    return {
        "listings": len(listings),
        "inactive rows (not shown; City rows that name no service)": len(rows) - len(listings),
        "with a phone (phone, hotline or text)": sum(
            bool(r["phone"] or r["hotline"] or r["text"]) for r in listings
        ),
        "with a phone or website": sum(
            bool(r["phone"] or r["hotline"] or r["text"] or r["website"]) for r in listings
        ),
        "with a street address": sum(bool(r["address"]) for r in listings),
        "confidential locations": len(listings) - len(public),
        "not confidential": len(public),
        "not confidential, with street address and given coordinates": sum(
            bool(r["address"] and r["latitude"]) for r in public
        ),
        "with a staff language other than English": sum(
            any(c not in ("", "en") for c in r["languages"].split(";")) for r in listings
        ),
        "law enforcement": sum(r["law_enforcement"] == "true" for r in listings),
        "only from City data (2021)": sum(r["source_kind"] == "city_data" for r in listings),
    }


def report_section(listings: list[dict[str, str]], curation: Curation) -> str:
    """The generated part of CURATION.md: counts, targets, conflicts, facts left out."""
    figures = counts(listings)
    active = [r for r in listings if r["status"] != "inactive"]
    boroughs = Counter(r["city"] if r["city"] in BOROUGHS else "other" for r in active)
    total, public = figures["listings"], figures["not confidential"]
    lines = [
        "## Counts (generated by `data/build_providers.py`)",
        "",
        "Active listings (shown to users), unless the row says otherwise.",
        "",
        "| | listings |",
        "|---|---|",
    ]
    lines += [f"| {name} | {value} |" for name, value in figures.items()]
    lines += [f"| city = {b} | {boroughs[b]} |" for b in (*BOROUGHS, "other")]
    reach = figures["with a phone or website"] / total
    located = figures["not confidential, with street address and given coordinates"] / public
    lines += [
        "",
        "Targets:",
        f"- at least 300 real listings: {total} ({'met' if total >= 300 else 'NOT met'});",
        f"- at least 90% with a phone or website: {reach:.1%} "
        f"({'met' if reach >= 0.9 else 'NOT met'});",
        f"- at least 80% of non-confidential listings with a street address and real "
        f"coordinates: {located:.1%} ({'met' if located >= 0.8 else 'NOT met'}).",
        "",
        "## Disagreements between sources (generated)",
        "",
        "The listing keeps the first value; the other is recorded here for re-checking.",
        "",
        "| listing | column | kept | other source says |",
        "|---|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in curation.conflicts]
    lines += [
        "",
        "## Facts left out (generated)",
        "",
        "| listing | column | value | why |",
        "|---|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in curation.left]
    return "\n".join(lines)
