"""Build data/providers.csv from the curated listings, the addendum, the new organizations
and the City's victim-services sites. Run: `.venv/bin/python data/build_providers.py`.

Every input is in data/sources/ (see data/sources/README.md); the rules are in
data/CURATION.md, whose generated section this script rewrites with the counts and the
disagreements it found. The output is the same every time for the same inputs.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent
sys.path.insert(0, str(DATA.parent))

from nyc_merge import (  # noqa: E402
    NEW_LISTING_IDS,
    Curation,
    fill_coordinates,
    new_listing,
    read_csv,
    report_section,
    same_organization_fields,
)

from directory.providers.phones import parse_phone_list  # noqa: E402
from directory.providers.schemas import COLUMNS  # noqa: E402
from directory.sources.cli import write_listings  # noqa: E402
from directory.sources.nyc_victim_services import SOURCE_DATE, convert  # noqa: E402

SOURCES = DATA / "sources"
CITY = SOURCES / "nyc-victim-services"
CITY_LABEL = "City data 2021"
# The blanket caveat the addendum puts on every fact from the City's 2021 file; the pages
# show it as "Information from City data, 2021: call to confirm", so it alone keeps nothing out.
BLANKET = re.compile(
    r"(?i)NYC Mayor's Office of Criminal Justice Victim Services Finder data file \(official "
    r"City data; file last changed 2021-06-07; pre-2022, re-check\)|pre-2022,? re-check\.?$"
)
# A note asking for more than that keeps a number or an address out (the reference's rule).
RECHECK = re.compile(r"(?i)re-?check|(?<!asked to )verify")
CHECKED_FIELDS = ("phone", "hotline", "address", "postal_code")
FIRST_YEAR = 2019


def fact_year(source_date: str) -> int | None:
    """The year a source is dated, or None for "undated"."""
    match = re.search(r"(19|20)\d\d", source_date)
    return int(match[0]) if match else None


def fact_rejection(fact: dict[str, str]) -> str | None:
    """Why an addendum fact stays out, or None when it may be used."""
    if fact["field"] == "law_enforcement":
        return None  # a prosecutor's office stays one, however old the page saying so
    year = fact_year(fact["source_date"])
    if "old" in fact["source_date"].lower() or (year is not None and year < FIRST_YEAR):
        return f"only source dated {fact['source_date']} (before {FIRST_YEAR})"
    note = BLANKET.sub("", fact["note"]).strip(" ;.")
    asks = RECHECK.search(note)
    if fact["field"] in CHECKED_FIELDS and asks:
        return f"the note asks to re-check it: ...{note[max(0, asks.start() - 60) :][:160]!r}"
    return None


def apply_addendum(listings: dict[str, dict], curation: Curation) -> None:
    """Apply each usable addendum fact; the newest official source wins, conflicts noted."""
    for fact in read_csv(SOURCES / "nyc_orgs_addendum.csv"):
        listing = listings[fact["listing_id"]]
        field, value = fact["field"], fact["value"].strip()
        why = fact_rejection(fact)
        if why:
            curation.left_out(listing["id"], field, value, why)
            continue
        from_city = "victim-services" in fact["source_url"]
        if field in ("address", "postal_code") and listing["location_confidential"] == "true":
            curation.left_out(listing["id"], field, value, "confidential location")
            continue
        if field == "postal_code" and (listing["id"], "address") in curation.blocked:
            curation.left_out(listing["id"], field, value, "goes with the address left out")
            continue
        if field in ("phone", "hotline"):
            curation.add_phone(listing, field, value, CITY_LABEL if from_city else None)
        elif field == "languages":
            curation.add_languages(listing, value.split(";"), "addendum")
        elif field == "law_enforcement":
            listing["law_enforcement"] = "true"
            listing["no_police_required"] = listing["no_police_required"] or "false"
        else:
            curation.set_fact(listing, field, value, fact["source_date"], newest_wins=True)
        if "CONFLICT" in fact["note"]:
            other = fact["note"][fact["note"].index("CONFLICT") :].split(";")[0]
            curation.conflict(
                listing["id"], f"{field} (note)", f"{value} ({fact['source_date']})", other
            )
        curation.add_source(listing, fact["source_url"])


def merge_city_row(listing: dict, row: dict, curation: Curation) -> None:
    """The same organization at the same site: City facts only fill empty fields."""
    confidential = listing["location_confidential"] == "true"
    columns = (
        "address",
        "postal_code",
        "website",
        "hours",
        "intake",
        "eligibility",
        "accessibility",
    )
    for field in columns:
        if field in ("address", "postal_code") and confidential:
            continue
        if (listing["id"], field) in curation.blocked or (
            field == "postal_code" and (listing["id"], "address") in curation.blocked
        ):
            continue
        curation.set_fact(listing, field, row[field], SOURCE_DATE, newest_wins=False)
    if not confidential and listing["address"] and not listing["latitude"] and row["latitude"]:
        listing["latitude"], listing["longitude"] = row["latitude"], row["longitude"]
    if row["phone"] and (listing["id"], "phone") not in curation.blocked:
        curation.add_phone(listing, "phone", row["phone"], CITY_LABEL, fill_only=True)
    curation.add_languages(listing, row["languages"].split(";"), "City data")
    if not listing["walk_in"] and row["walk_in"]:
        listing["walk_in"] = row["walk_in"]
    curation.add_source(listing, row["source_url"])


def build() -> tuple[list[dict], Curation]:
    """Every listing, in a stable order, and what the merge found."""
    curation = Curation()
    listings = {row["id"]: row for row in read_csv(SOURCES / "curated-providers.csv")}
    for row in listings.values():
        row.setdefault("source_kind", "")
        row.setdefault("source_date", "")
    apply_addendum(listings, curation)
    for record, listing_id in zip(
        read_csv(SOURCES / "nyc_orgs_new.csv"), NEW_LISTING_IDS, strict=True
    ):
        listings[listing_id] = new_listing(listing_id, record, curation)
    organizations = {
        r["city_name"]: r["organization"] for r in read_csv(CITY / "organizations.csv")
    }
    same_site = {r["city_id"]: r["listing_id"] for r in read_csv(CITY / "same-site.csv")}
    org_fields = {
        row["organization"]: (row["organization_website"], row["organization_description"])
        for row in listings.values()
    }
    city_rows = convert(CITY / "facility.csv")
    for row in city_rows:
        row["organization"] = organizations.get(row["organization"], row["organization"])
        if row["id"] in same_site:
            merge_city_row(listings[same_site[row["id"]]], row, curation)
            continue
        website, description = org_fields.get(row["organization"], ("", ""))
        row["organization_website"], row["organization_description"] = website, description
        listings[row["id"]] = row
    rows = list(listings.values())
    same_organization_fields(rows)
    fill_coordinates(rows, city_rows)
    ordered = [
        {column: row.get(column, "") for column in COLUMNS}
        for row in sorted(rows, key=lambda r: (r["id"].startswith("nyc-vs-"), r["id"]))
    ]
    for row in ordered:
        parse_phone_list(row["phone"])  # fail here, not at import, on a bad number
    return ordered, curation


def main() -> None:
    listings, curation = build()
    write_listings(listings, DATA / "providers.csv")
    path = DATA / "CURATION.md"
    text = path.read_text(encoding="utf-8")
    start, end = "<!-- nyc-merge:begin -->", "<!-- nyc-merge:end -->"
    section = f"{start}\n{report_section(listings, curation)}\n{end}"
    if start in text:
        text = text[: text.index(start)] + section + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
    print(f"Wrote {len(listings)} listings to {DATA / 'providers.csv'}.")


if __name__ == "__main__":
    main()
