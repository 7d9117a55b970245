"""Convert the NYC victim-services sites file (City data, EPSG:2263) to providers.csv rows.

The mapping tables (nyc_mapping.py) are the documented correspondence between the City's columns
and our codes (see data/README.md); whatever has no code is written into the listing's
description, eligibility, intake or accessibility text, never dropped.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pyproj import Transformer

from directory.providers.phones import PhoneError, normalize
from directory.providers.rows import ascii_slug

from .hours_text import plain_text, regular_hours
from .nyc_mapping import (
    AGES,
    AREA_CODES,
    AT_POLICE_STATION,
    BASE_LANGUAGE,
    COMMUNITIES,
    CRIMES,
    FALLBACK_SERVICE,
    LANGUAGE_COLUMNS,
    LAW_ENFORCEMENT,
    OFFICE,
    OTHER_LANGUAGE_NAMES,
    RESIDENCE,
    SERVICES,
)

# The City's public repository file at the commit the copy in data/sources/ was taken from.
SOURCE_URL = (
    "https://github.com/CityOfNewYork/victim-services/blob/"
    "d4ac4e4804f8d90c7e6caa8fa1100869a8a582aa/src/data/facility.csv"
)
SOURCE_DATE = "2021-06-07"  # the file's last change in that repository
ID_PREFIX = "nyc-vs-"

_ZIP = re.compile(r"\b(\d{5})\b")
REQUIRED_COLUMNS = ("ORGANIZATION_NAME", "LOCATION_NAME", "ADDRESS_1", "PHONE", "BOROUGH", "X", "Y")


class SourceFileError(ValueError):
    """Raised when a file is not the City's victim-services sites file."""


@dataclass(frozen=True)
class CityRow:
    """One row of the City file and the line it starts on (for its source link)."""

    line: int
    cells: dict[str, str]

    def text(self, column: str) -> str:
        return re.sub(r"\s+", " ", self.cells.get(column) or "").strip()

    def flagged(self, column: str) -> bool:
        return self.text(column) == "1"


def read_city_rows(path: Path) -> Iterator[CityRow]:
    """Rows of the City file with the line each starts on; raises SourceFileError."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise SourceFileError(f"row 1: column(s) missing: {', '.join(missing)}")
        line = reader.line_num + 1
        for cells in reader:
            yield CityRow(line, cells)
            line = reader.line_num + 1


@cache
def _to_wgs84() -> Transformer:
    return Transformer.from_crs("EPSG:2263", "EPSG:4326", always_xy=True)


def to_latitude_longitude(x: str, y: str) -> tuple[float, float] | None:
    """New York State Plane Long Island (US feet) -> WGS84 latitude and longitude."""
    try:
        easting, northing = float(x), float(y)
    except ValueError:
        return None
    longitude, latitude = _to_wgs84().transform(easting, northing)
    return round(latitude, 6), round(longitude, 6)


def _flags(row: CityRow, table: dict) -> tuple[list[str], list[str]]:
    codes, words = [], []
    for column, (code, words_for_it) in table.items():
        if row.flagged(column):
            for item in code if isinstance(code, tuple) else (code,):
                if item and item not in codes:
                    codes.append(item)
            words.append(words_for_it)
    return codes, words


def _languages(row: CityRow) -> tuple[list[str], list[str]]:
    """Staff language codes, and what OTHER_LANGUAGE says that has no code."""
    codes = [BASE_LANGUAGE] + [c for col, c in LANGUAGE_COLUMNS.items() if row.flagged(col)]
    notes = []
    for line in plain_text(row.cells.get("OTHER_LANGUAGE", "")).splitlines():
        names = [n.strip() for n in re.split(r",| and ", line.replace(" languages", ""))]
        known = [OTHER_LANGUAGE_NAMES.get(n.lower()) for n in names]
        if all(known):
            codes.extend(c for c in known if c not in codes)
        else:
            notes.append(line)
    return list(dict.fromkeys(codes)), notes


def _phone(row: CityRow) -> tuple[str, str]:
    """The row's number (with its extension as a label), or why it was left out."""
    number, extension = row.text("PHONE"), row.text("EXT")
    if not number:
        return "", ""
    try:
        normalized = normalize(number)
    except PhoneError:
        return "", f"The City's file gives the phone as {number!r}, not a valid number: left out."
    if normalized.startswith("+1") and normalized[2:5] not in AREA_CODES:
        return "", f"The City's file gives the phone as {number!r}, outside New York: left out."
    return (f"{number} (ext. {extension})" if extension else number), ""


def _website(text: str) -> str:
    if text and not re.match(r"(?i)https?://", text):
        return "http://" + text  # the file gives bare host names; browsers read them so too
    return text


def one_line(text: str) -> str:
    """Lines joined into one: a heading ("Hotline:") runs on, other lines end with `;`."""
    return re.sub(r"(?<!:)\n", "; ", text).replace("\n", " ")


def _sentence(label: str, items: list[str]) -> str:
    return f"{label}: {', '.join(items)}." if items else ""


def is_confidential(row: CityRow) -> bool:
    """A residence, or a shelter-flagged row that names no office, keeps its address private."""
    location = row.text("LOCATION_NAME")
    if RESIDENCE.search(location):
        return True
    office = OFFICE.search(location) or LAW_ENFORCEMENT.search(row.text("ORGANIZATION_NAME"))
    return row.flagged("EMERGENCY_OR_TRANSITIONAL_SHELTER") and not office


def listing_id(organization: str, place: str) -> str:
    """`nyc-vs-` + organization + site, as a providers.csv id."""
    return (ID_PREFIX + (ascii_slug(f"{organization} {place}") or "organization"))[:120].rstrip("-")


def convert_row(row: CityRow) -> dict[str, Any]:
    """One City row as a providers.csv row (strings), with its source and dataset date."""
    organization = row.text("ORGANIZATION_NAME")
    location = row.text("LOCATION_NAME")
    confidential = is_confidential(row)
    law_enforcement = bool(LAW_ENFORCEMENT.search(organization))
    services, service_words = _flags(row, SERVICES)
    crime_codes, crimes = _flags(row, CRIMES)
    age_codes, ages = _flags(row, AGES)
    community_codes, communities = _flags(row, COMMUNITIES)
    languages, language_notes = _languages(row)
    eligibility_text = plain_text(row.cells.get("ELIGIBILITY_CRITERIA", "")).replace("\n", " ")
    populations = list(dict.fromkeys(age_codes + crime_codes + community_codes))
    if re.search(r"(?i)\bsex trafficking\b", eligibility_text):
        populations.append("sex_trafficking")
    other_service = plain_text(row.cells.get("OTHER_SERVICE", "")).replace("\n", "; ")
    description = " ".join(
        filter(
            None,
            (
                _sentence("Services listed in City data (2021)", service_words),
                f"Other services: {other_service}." if other_service else "",
                _sentence("Culturally specific services for", communities),
                "This office is at a police station (an NYPD precinct or police service area)."
                if AT_POLICE_STATION.search(location)
                else "",
                "Shelter is reached through this office; shelter locations are confidential."
                if "shelter" in services and not confidential
                else "",
            ),
        )
    )
    hours = regular_hours(
        row.cells.get("MAIN_HOURS_OF_OPERATION", ""),
        row.cells.get("WEEKEND_HOURS_OF_OPERATION", ""),
    )
    hours_text = "; ".join(
        one_line(plain_text(row.cells.get(c, "")))
        for c in ("MAIN_HOURS_OF_OPERATION", "WEEKEND_HOURS_OF_OPERATION")
        if plain_text(row.cells.get(c, ""))
    )
    referral = plain_text(row.cells.get("REFERRAL_REQUIRED", "")).replace("\ufffd", " ")
    walk_in = "true" if referral.lower().startswith("walk-in welcome") else ""
    intake = " ".join(
        filter(
            None,
            (
                f"Hours as the City lists them: {hours_text.rstrip('.')}."
                if hours_text and not hours
                else "",
                f"Referral: {referral.rstrip('.')}." if referral and not walk_in else "",
            ),
        )
    )
    accessibility = " ".join(
        filter(
            None,
            (
                "Wheelchair accessible." if row.flagged("WHEELCHAIR_ACCESS") else "",
                "Language interpretation offered."
                if row.flagged("LANGUAGE_INTERPRETATION")
                else "",
                " ".join(f"Languages: {note}." for note in language_notes),
            ),
        )
    )
    eligibility = " ".join(
        filter(
            None,
            (
                eligibility_text.rstrip(".") + "." if eligibility_text else "",
                _sentence("Crimes served", crimes),
                _sentence("Ages served", ages),
            ),
        )
    )
    named_none = not any(row.flagged(column) for column in SERVICES)
    point = None if confidential else to_latitude_longitude(row.text("X"), row.text("Y"))
    zip_match = _ZIP.search(row.text("ADDRESS_2"))
    phone, phone_note = _phone(row)
    return {
        "id": listing_id(organization, location or row.text("ADDRESS_1")),
        "name": f"{organization}: {location}"
        if location and location.lower() != organization.lower()
        else organization,
        "organization": organization,
        "description": description,
        "services": ";".join(services or [FALLBACK_SERVICE]),
        "populations": ";".join(dict.fromkeys(populations)),
        "languages": ";".join(languages),
        "address": "" if confidential else row.text("ADDRESS_1").rstrip(","),
        "city": row.text("BOROUGH"),
        "state": "NY",
        "postal_code": zip_match[1] if zip_match and not confidential else "",
        "latitude": f"{point[0]}" if point else "",
        "longitude": f"{point[1]}" if point else "",
        "location_confidential": "true" if confidential else "false",
        "phone": phone,
        "website": _website(row.text("WEBSITE")),
        "hours": hours or "",
        "eligibility": eligibility,
        "intake": intake,
        "walk_in": walk_in,
        "no_police_required": "false" if law_enforcement else "",
        "law_enforcement": "true" if law_enforcement else "false",
        "last_verified": "",
        "source_url": f"{SOURCE_URL}#L{row.line}",
        "source_kind": "city_data",
        "source_date": SOURCE_DATE,
        "accessibility": accessibility,
        "service_area": "",
        # A row naming no service at all would show a service nobody stated: kept, not shown.
        "status": "inactive" if named_none else "",
        "notes": " ".join(
            filter(
                None,
                (
                    f"City facility.csv line {row.line} ({SOURCE_DATE}).",
                    phone_note,
                    "The City's row names no service: inactive until one is confirmed."
                    if named_none
                    else "",
                ),
            )
        ),
    }


def convert(path: Path) -> list[dict[str, Any]]:
    """Every City row converted; ids made unique in file order."""
    listings, seen = [], set()
    for row in read_city_rows(path):
        listing = convert_row(row)
        base, number = listing["id"], 2
        while listing["id"] in seen:
            listing["id"] = f"{base[:115]}-{number}"
            number += 1
        seen.add(listing["id"])
        listings.append(listing)
    return listings
