"""Offline place names: New York City boroughs and neighborhoods, and US cities and ZIP codes."""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import zipcodes

DATA_DIR = Path(__file__).parent / "data"

# When a name exists in two boroughs (Chelsea, Murray Hill), the better-known one wins
# unless the borough is typed too ("Chelsea, Staten Island").
BOROUGH_PREFERENCE = ("Manhattan", "Brooklyn", "Queens", "Bronx", "Staten Island")

# Everyday names found in neither City source (see data/ATTRIBUTION.txt).
ALIASES = {
    "the bronx": "bronx",
    "bronx county": "bronx",
    "kings county": "brooklyn",
    "new york county": "manhattan",
    "queens county": "queens",
    "richmond county": "staten island",
    "bed stuy": "bedford stuyvesant",
    "lic": "long island city",
    "les": "lower east side",
    "uws": "upper west side",
    "ues": "upper east side",
    "fidi": "financial district",
    "nyc": "new york city",
    "new york": "new york city",
    "new york ny": "new york city",
}


@dataclass(frozen=True)
class Place:
    """A named point: a borough, neighborhood, city or ZIP code centroid."""

    name: str
    borough: str | None
    latitude: float
    longitude: float
    kind: str


def normalize_name(text: str) -> str:
    """Fold case, accents and punctuation: `Bedford-Stuyvesant` -> `bedford stuyvesant`."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", " ", text.lower().replace("'", "")).strip()
    return re.sub(r"\bst\b", "saint", text) if text.startswith("st ") else text


def _read(name: str, kind: str) -> list[Place]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return [
            Place(
                row["name"], row["borough"], float(row["latitude"]), float(row["longitude"]), kind
            )
            for row in csv.DictReader(handle)
        ]


@cache
def _nyc_places() -> dict[str, list[Place]]:
    places: dict[str, list[Place]] = {}
    for place in _read("nyc_boroughs.csv", "borough") + _read(
        "nyc_neighborhoods.csv", "neighborhood"
    ):
        places.setdefault(normalize_name(place.name), []).append(place)
    boroughs = [p for ps in places.values() for p in ps if p.kind == "borough"]
    lat = sum(p.latitude for p in boroughs) / len(boroughs)
    lon = sum(p.longitude for p in boroughs) / len(boroughs)
    places["new york city"] = [Place("New York City", None, lat, lon, "city")]
    for group in places.values():
        group.sort(
            key=lambda p: (p.kind != "borough", BOROUGH_PREFERENCE.index(p.borough or "Manhattan"))
        )
    return places


def fold_other_script(text: str) -> str:
    """Fold a name written in any script: case, width, hyphens and spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[-‐‑–—,.·'’]+", " ", text).split())


@cache
def other_names() -> dict[str, str]:
    """Names in the interface languages' scripts (`布鲁克林`, `Бруклин`) -> gazetteer name."""
    with (DATA_DIR / "nyc_place_names.csv").open(encoding="utf-8") as handle:
        return {fold_other_script(row["name"]): row["place"] for row in csv.DictReader(handle)}


def _split_qualifier(name: str) -> tuple[str, str | None]:
    for borough in BOROUGH_PREFERENCE:
        key = normalize_name(borough)
        if name.endswith(" " + key) and name != key:
            return name[: -len(key) - 1].strip(), borough
    return name, None


def find_nyc_place(text: str) -> Place | None:
    """Find a New York City borough or neighborhood by name, e.g. `Sunset Park`, `布鲁克林`."""
    other = other_names().get(fold_other_script(text))
    if other:
        text = other
    name = normalize_name(text)
    name = ALIASES.get(name, name)
    name, borough = _split_qualifier(name)
    name = ALIASES.get(name, name)
    candidates = _nyc_places().get(name, [])
    if borough:
        candidates = [p for p in candidates if p.borough == borough] or candidates
    return candidates[0] if candidates else None


@cache
def postal_code_place(postal_code: str) -> Place | None:
    """Return the centroid of a five-digit US ZIP code, or None if unknown."""
    code = postal_code.strip()[:5]
    if not re.fullmatch(r"\d{5}", code):
        return None
    matches = zipcodes.matching(code)
    if not matches or not matches[0].get("lat"):
        return None
    row = matches[0]
    return Place(code, None, float(row["lat"]), float(row["long"]), "postal_code")


def _all_zip_codes() -> Iterator[dict[str, Any]]:
    """Every ZIP code's row, read a first digit at a time."""
    # zipcodes.list_all() keeps its 42k rows as dicts for good (~130 MB in every process
    # that geocodes a city); ten lists of ~4k rows are freed as soon as they are read.
    for digit in "0123456789":
        yield from zipcodes.similar_to(digit)


@cache
def _us_cities() -> dict[tuple[str, str], tuple[float, float]]:
    sums: dict[tuple[str, str], list[float]] = {}
    for row in _all_zip_codes():
        if not row.get("lat") or not row.get("active", True):
            continue
        key = (normalize_name(row["city"]), row["state"])
        total = sums.setdefault(key, [0.0, 0.0, 0.0])
        total[0] += float(row["lat"])
        total[1] += float(row["long"])
        total[2] += 1
    return {key: (lat / n, lon / n) for key, (lat, lon, n) in sums.items()}


def find_us_city(city: str, state: str | None = None) -> Place | None:
    """Return the mean of a US city's ZIP centroids; without `state`, the first match."""
    name = normalize_name(city)
    cities = _us_cities()
    if state:
        point = cities.get((name, state.upper()))
        return Place(city, None, *point, "city") if point else None
    for (city_name, _), point in cities.items():
        if city_name == name:
            return Place(city, None, *point, "city")
    return None


def find_place(text: str, state: str | None = None) -> Place | None:
    """Resolve a typed place: ZIP code, NYC borough or neighborhood, or US city."""
    text = text.strip()
    if re.fullmatch(r"\d{5}(-\d{4})?", text):
        return postal_code_place(text)
    if state in (None, "", "NY"):
        place = find_nyc_place(text)
        if place:
            return place
    match = re.fullmatch(r"(.+?),?\s+([A-Za-z]{2})", text)
    if match and not state:
        return find_us_city(match[1], match[2]) or find_us_city(text, state)
    if not state:  # a near-miss of a New York City name before a namesake town far away
        return closest_nyc_place(text) or find_us_city(text)
    return find_us_city(text, state)


# How alike a misspelt name must be (difflib's ratio): "flushng" and "Flushing" are 0.93.
CLOSE_NAME_RATIO = 0.85


def closest_nyc_place(text: str) -> Place | None:
    """A New York City place whose name is spelt almost like `text` (`Brooklin`)."""
    name = normalize_name(text)
    if len(name) < 5:
        return None
    close = difflib.get_close_matches(name, _nyc_places(), n=1, cutoff=CLOSE_NAME_RATIO)
    return _nyc_places()[close[0]][0] if close else None


def time_zone_for(postal_code: str | None) -> str | None:
    """Return the IANA time zone of a US ZIP code, if known."""
    code = (postal_code or "").strip()[:5]
    return _zip_time_zone(code) if re.fullmatch(r"\d{5}", code) else None


@cache  # zipcodes scans its whole table on each lookup (~0.4 ms): an import asks 100k times
def _zip_time_zone(code: str) -> str | None:
    matches = zipcodes.matching(code)
    return matches[0].get("timezone") or None if matches else None
