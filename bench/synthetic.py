"""Deterministic synthetic provider listings in the providers.csv format (data/README.md).

Usage: python -m bench.synthetic N PATH [--seed SEED]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import math
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from bench.vocabulary import Zipf, sentence

# Column order of data/README.md: the 30 core columns, then the optional ones.
COLUMNS = [
    "id",
    "name",
    "organization",
    "description",
    "services",
    "populations",
    "languages",
    "address",
    "city",
    "state",
    "postal_code",
    "latitude",
    "longitude",
    "location_confidential",
    "phone",
    "hotline",
    "text",
    "email",
    "website",
    "hours",
    "cost",
    "eligibility",
    "intake",
    "documents_required",
    "walk_in",
    "no_id_required",
    "no_police_required",
    "status_neutral",
    "last_verified",
    "source_url",
    "organization_website",
    "organization_description",
    "accessibility",
    "service_area",
    "time_zone",
    "status",
    "notes",
]


class Metro(NamedTuple):
    name: str
    state: str
    lat: float
    lon: float
    tz: str
    pop_m: float  # rough metro population in millions: the sampling weight


METROS: tuple[Metro, ...] = tuple(
    Metro(*m)
    for m in [
        ("New York", "NY", 40.7128, -74.0060, "America/New_York", 19.8),
        ("Los Angeles", "CA", 34.0522, -118.2437, "America/Los_Angeles", 13.2),
        ("Chicago", "IL", 41.8781, -87.6298, "America/Chicago", 9.5),
        ("Dallas", "TX", 32.7767, -96.7970, "America/Chicago", 7.6),
        ("Houston", "TX", 29.7604, -95.3698, "America/Chicago", 7.1),
        ("Washington", "DC", 38.9072, -77.0369, "America/New_York", 6.4),
        ("Philadelphia", "PA", 39.9526, -75.1652, "America/New_York", 6.2),
        ("Miami", "FL", 25.7617, -80.1918, "America/New_York", 6.1),
        ("Atlanta", "GA", 33.7490, -84.3880, "America/New_York", 6.1),
        ("Boston", "MA", 42.3601, -71.0589, "America/New_York", 4.9),
        ("Phoenix", "AZ", 33.4484, -112.0740, "America/Phoenix", 4.8),
        ("San Francisco", "CA", 37.7749, -122.4194, "America/Los_Angeles", 4.7),
        ("Riverside", "CA", 33.9806, -117.3755, "America/Los_Angeles", 4.6),
        ("Detroit", "MI", 42.3314, -83.0458, "America/Detroit", 4.4),
        ("Seattle", "WA", 47.6062, -122.3321, "America/Los_Angeles", 4.0),
        ("Minneapolis", "MN", 44.9778, -93.2650, "America/Chicago", 3.7),
        ("San Diego", "CA", 32.7157, -117.1611, "America/Los_Angeles", 3.3),
        ("Tampa", "FL", 27.9506, -82.4572, "America/New_York", 3.2),
        ("Denver", "CO", 39.7392, -104.9903, "America/Denver", 3.0),
        ("Baltimore", "MD", 39.2904, -76.6122, "America/New_York", 2.8),
        ("St. Louis", "MO", 38.6270, -90.1994, "America/Chicago", 2.8),
        ("Orlando", "FL", 28.5383, -81.3792, "America/New_York", 2.7),
        ("Charlotte", "NC", 35.2271, -80.8431, "America/New_York", 2.7),
        ("San Antonio", "TX", 29.4241, -98.4936, "America/Chicago", 2.6),
        ("Portland", "OR", 45.5152, -122.6784, "America/Los_Angeles", 2.5),
        ("Sacramento", "CA", 38.5816, -121.4944, "America/Los_Angeles", 2.4),
        ("Pittsburgh", "PA", 40.4406, -79.9959, "America/New_York", 2.4),
        ("Austin", "TX", 30.2672, -97.7431, "America/Chicago", 2.3),
        ("Las Vegas", "NV", 36.1699, -115.1398, "America/Los_Angeles", 2.3),
        ("Cincinnati", "OH", 39.1031, -84.5120, "America/New_York", 2.2),
        ("Kansas City", "MO", 39.0997, -94.5786, "America/Chicago", 2.2),
        ("Columbus", "OH", 39.9612, -82.9988, "America/New_York", 2.1),
        ("Indianapolis", "IN", 39.7684, -86.1581, "America/Indiana/Indianapolis", 2.1),
        ("Cleveland", "OH", 41.4993, -81.6944, "America/New_York", 2.1),
        ("San Jose", "CA", 37.3382, -121.8863, "America/Los_Angeles", 2.0),
        ("Nashville", "TN", 36.1627, -86.7816, "America/Chicago", 2.0),
        ("Virginia Beach", "VA", 36.8529, -75.9780, "America/New_York", 1.8),
        ("Providence", "RI", 41.8240, -71.4128, "America/New_York", 1.7),
        ("Jacksonville", "FL", 30.3322, -81.6557, "America/New_York", 1.6),
        ("Milwaukee", "WI", 43.0389, -87.9065, "America/Chicago", 1.6),
        ("Raleigh", "NC", 35.7796, -78.6382, "America/New_York", 1.4),
        ("Oklahoma City", "OK", 35.4676, -97.5164, "America/Chicago", 1.4),
        ("Memphis", "TN", 35.1495, -90.0490, "America/Chicago", 1.3),
        ("Richmond", "VA", 37.5407, -77.4360, "America/New_York", 1.3),
        ("Louisville", "KY", 38.2527, -85.7585, "America/Kentucky/Louisville", 1.3),
        ("New Orleans", "LA", 29.9511, -90.0715, "America/Chicago", 1.3),
        ("Salt Lake City", "UT", 40.7608, -111.8910, "America/Denver", 1.3),
        ("Hartford", "CT", 41.7658, -72.6734, "America/New_York", 1.2),
        ("Buffalo", "NY", 42.8864, -78.8784, "America/New_York", 1.2),
        ("Birmingham", "AL", 33.5186, -86.8104, "America/Chicago", 1.1),
        ("Rochester", "NY", 43.1566, -77.6088, "America/New_York", 1.1),
        ("Tucson", "AZ", 32.2226, -110.9747, "America/Phoenix", 1.0),
        ("Honolulu", "HI", 21.3069, -157.8583, "Pacific/Honolulu", 1.0),
        ("Tulsa", "OK", 36.1540, -95.9928, "America/Chicago", 1.0),
        ("Fresno", "CA", 36.7378, -119.7871, "America/Los_Angeles", 1.0),
        ("Omaha", "NE", 41.2565, -95.9345, "America/Chicago", 0.97),
        ("Albuquerque", "NM", 35.0844, -106.6504, "America/Denver", 0.92),
        ("Albany", "NY", 42.6526, -73.7562, "America/New_York", 0.90),
        ("El Paso", "TX", 31.7619, -106.4850, "America/Denver", 0.87),
        ("Boise", "ID", 43.6150, -116.2023, "America/Boise", 0.76),
        ("Des Moines", "IA", 41.5868, -93.6250, "America/Chicago", 0.70),
        ("Spokane", "WA", 47.6588, -117.4260, "America/Los_Angeles", 0.59),
        ("Anchorage", "AK", 61.2181, -149.9003, "America/Anchorage", 0.40),
    ]
)
METRO_CUM_WEIGHTS = tuple(itertools.accumulate(m.pop_m for m in METROS))
SCATTER_KM = 15.0

# Key phrases per service code: the searchable vocabulary, reused by bench/queries.py.
SERVICE_PHRASES: dict[str, tuple[str, ...]] = {
    "shelter": ("emergency shelter beds", "confidential safe house", "overnight shelter",
                "transitional shelter", "safe house placement", "emergency hotel vouchers"),
    "housing": ("transitional housing", "rapid rehousing", "rental assistance",
                "permanent supportive housing", "housing search assistance",
                "security deposit help"),
    "legal": ("legal representation", "T visa applications", "U visa certification",
              "vacatur motions", "criminal record relief", "civil legal aid",
              "wage theft claims", "orders of protection", "know your rights workshops"),
    "immigration": ("asylum applications", "continued presence requests", "work authorization",
                    "green card applications", "removal defense",
                    "special immigrant juvenile status", "DACA renewals",
                    "naturalization assistance"),
    "counseling": ("trauma-informed counseling", "individual therapy", "support groups",
                   "crisis counseling", "peer support", "art therapy",
                   "mental health assessments", "psychiatric referrals"),
    "medical": ("primary care", "sexual health screenings", "forensic medical exams",
                "dental care", "prenatal care", "HIV testing", "medication assistance"),
    "case_management": ("case management", "safety planning", "benefits enrollment",
                        "service navigation", "accompaniment to appointments",
                        "comprehensive needs assessments"),
    "hotline": ("24-hour hotline", "crisis line", "multilingual helpline",
                "anonymous tip line", "text line support", "crisis intervention"),
    "transportation": ("transit passes", "rides to appointments", "travel assistance",
                       "repatriation support", "emergency transportation"),
    "employment": ("job readiness training", "resume workshops", "job placement",
                   "vocational training", "financial literacy", "paid internships"),
    "basic_needs": ("food pantry", "clothing closet", "hygiene kits",
                    "emergency cash assistance", "phone cards", "baby supplies"),
    "substance_use": ("substance use treatment", "harm reduction", "detox referrals",
                      "recovery coaching", "medication-assisted treatment",
                      "naloxone distribution"),
    "education": ("ESL classes", "GED preparation", "digital literacy", "tutoring",
                  "college application support", "computer classes"),
}  # fmt: skip
SERVICES = tuple(SERVICE_PHRASES)
SERVICE_CUM = tuple(itertools.accumulate((8, 6, 9, 7, 10, 5, 10, 4, 3, 4, 6, 3, 4)))
SERVICE_NAMES = {
    "shelter": ("Emergency Shelter", "Safe House Program", "Overnight Shelter"),
    "housing": ("Housing Program", "Transitional Housing", "Rehousing Project"),
    "legal": ("Legal Clinic", "Anti-Trafficking Legal Project", "Survivor Legal Advocacy"),
    "immigration": ("Immigration Clinic", "Immigrant Legal Services", "Asylum Project"),
    "counseling": ("Counseling Center", "Healing Program", "Trauma Recovery Services"),
    "medical": ("Health Clinic", "Community Health Program", "Medical Outreach"),
    "case_management": ("Case Management", "Survivor Support Services", "Navigation Program"),
    "hotline": ("Crisis Hotline", "24-Hour Helpline", "Crisis Line"),
    "transportation": ("Transportation Assistance", "Ride Program", "Travel Fund"),
    "employment": ("Workforce Program", "Job Readiness Center", "Employment Services"),
    "basic_needs": ("Food Pantry", "Drop-In Center", "Resource Center"),
    "substance_use": ("Recovery Program", "Harm Reduction Center", "Treatment Services"),
    "education": ("Learning Center", "ESL Program", "Education Services"),
}
POPULATION_PHRASES = {
    "adults": "adults", "youth": "youth under 18", "young_adults": "young adults ages 18 to 24",
    "women": "women and girls", "men": "men and boys", "lgbtq": "LGBTQ+ survivors",
    "families": "families with children", "immigrants": "immigrants and refugees",
    "labor_trafficking": "survivors of labor trafficking",
    "sex_trafficking": "survivors of sex trafficking", "sex_workers": "people in the sex trade",
    "disabilities": "people with disabilities",
    "domestic_violence": "survivors of domestic violence",
}  # fmt: skip
POPULATIONS = tuple(POPULATION_PHRASES)
# Language code -> (English name, weight among non-English languages).
LANGUAGES = {
    "es": ("Spanish", 40), "zh": ("Mandarin", 10), "ko": ("Korean", 4), "ru": ("Russian", 5),
    "bn": ("Bengali", 3), "ht": ("Haitian Creole", 4), "ar": ("Arabic", 5), "ur": ("Urdu", 3),
    "fr": ("French", 5), "pl": ("Polish", 2), "vi": ("Vietnamese", 5), "tl": ("Tagalog", 4),
    "hi": ("Hindi", 4), "pa": ("Punjabi", 2), "pt": ("Portuguese", 3), "uk": ("Ukrainian", 2),
    "fa": ("Farsi", 2), "so": ("Somali", 1), "am": ("Amharic", 1), "ja": ("Japanese", 1),
    "ne": ("Nepali", 1), "sw": ("Swahili", 1), "it": ("Italian", 1), "tr": ("Turkish", 1),
    "ti": ("Tigrinya", 0.5), "yi": ("Yiddish", 0.5), "el": ("Greek", 0.5), "he": ("Hebrew", 0.5),
    "ps": ("Pashto", 0.5), "wo": ("Wolof", 0.3), "ff": ("Fula", 0.3),
}  # fmt: skip
LANGUAGE_NAMES = {"en": "English"} | {code: name for code, (name, _) in LANGUAGES.items()}
OTHER_LANGS = tuple(LANGUAGES)
OTHER_LANG_CUM = tuple(itertools.accumulate(w for _, w in LANGUAGES.values()))

PREFIXES = (
    "Harbor", "Beacon", "Bridge", "New Hope", "Safe Harbor", "Open Door", "Lighthouse",
    "Pathways", "Sanctuary", "Horizon", "Cornerstone", "Unity", "Compass", "Haven", "Riverside",
    "Northside", "Eastside", "Crossroads", "Evergreen", "Liberty", "Freedom", "Renewal",
    "Dignity", "Sunrise", "Anchor", "Keystone", "Meridian", "Willow", "Cedar", "Promise",
)  # fmt: skip
ORG_TYPES = (
    "Community Services", "Legal Aid Society", "Family Center", "Coalition", "Alliance",
    "Immigrant Rights Center", "Women's Network", "Youth Services", "Health Center",
    "Outreach Collective", "Justice Project", "Refugee Services", "Worker Center",
)  # fmt: skip
SENTENCES = (
    "{org} provides {a}, {b} and {c}.",
    "Our team offers {a} and {b} to anyone who needs them.",
    "Clients can access {a} as well as {b}.",
    "Program staff coordinate {a} alongside {b} and {c}.",
    "We also help with {a}.",
)
FILLERS = (
    "All services are confidential, voluntary and free of judgment.",
    "Referrals are accepted from community partners, hospitals, schools and faith groups.",
    "Professional interpretation is available for every appointment.",
    "We take a survivor-centered, culturally responsive approach.",
    "Appointments can be scheduled by phone, by email or online.",
    "No one is turned away for inability to pay.",
    "Advocates meet clients at our office or at a safe location of their choosing.",
    "The program partners with local law enforcement only when the client asks.",
)
STREETS = ("Maple", "Oak", "Main", "Washington", "Lincoln", "Park", "Cedar", "Elm", "Pine",
           "Lake", "Hill", "Church", "Market", "Broad", "Union", "Franklin", "Jefferson",
           "Madison", "Highland", "Spring")  # fmt: skip
STREET_TYPES = ("St", "Ave", "Blvd", "Rd", "Dr", "Ln", "Way", "Pl")
HOURS = (("24/7", 15), ("", 20), ("Mo-Fr 09:00-17:00", 35),
         ("Mo-Fr 08:30-16:30; Sa 10:00-14:00", 18), ("Mo-Th 10:00-19:00", 12))  # fmt: skip
COSTS = (("free", 60), ("sliding_scale", 15), ("fee", 10), ("", 15))
ELIGIBILITY = (
    "Adults 18 and older", "Open to anyone regardless of immigration status",
    "Residents of {metro} and surrounding counties", "Survivors of human trafficking",
    "Youth ages 12 to 24", "Women and their children", "No eligibility restrictions", "",
)  # fmt: skip
INTAKE = (
    "Call to schedule an intake appointment", "Walk in during open hours",
    "Referral from a case manager required", "Complete the online intake form",
    "Email or call the intake line", "",
)  # fmt: skip
TRISTATE = ("true", "false", "")
TRISTATE_CUM = (55, 80, 100)  # true 55%, false 25%, unknown 20%
KM_PER_DEG = 111.32
FREE_TEXT = Zipf()  # the long tail of real descriptions (bench/vocabulary.py)
NAME_WORDS = Zipf(content_only=True)  # proper names are content words, never "the"


def key_phrases() -> list[str]:
    """All service key phrases, in a fixed order: the vocabulary queries draw from."""
    return [p for phrases in SERVICE_PHRASES.values() for p in phrases]


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([v for v, _ in pairs], weights=[w for _, w in pairs])[0]


def _distinct(rng: random.Random, items, cum, k: int) -> list[str]:
    # Weighted sampling without replacement; k is tiny so rejection is cheap.
    out: list[str] = []
    while len(out) < k:
        item = rng.choices(items, cum_weights=cum)[0]
        if item not in out:
            out.append(item)
    return out


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _languages(rng: random.Random) -> list[str]:
    k = rng.choices((1, 2, 3, 4, 5), weights=(45, 30, 15, 7, 3))[0]
    # English is spoken at ~90% of listings; it always comes first when present.
    with_en = rng.random() < 0.9
    return (["en"] if with_en else []) + _distinct(
        rng, OTHER_LANGS, OTHER_LANG_CUM, k - 1 if with_en else k
    )


def _description(
    rng: random.Random, org: str, metro: str, services: list[str], pops: list[str], langs
) -> str:
    who = _join([POPULATION_PHRASES[p] for p in pops]) if pops else "survivors of trafficking"
    parts = [f"{org} works with {who} in the {metro} area."]
    for svc in services:
        a, b, c = rng.sample(SERVICE_PHRASES[svc], 3)
        parts.append(rng.choice(SENTENCES).format(org=org, a=a, b=b, c=c))
    if langs != ["en"]:
        parts.append(f"Staff speak {_join([LANGUAGE_NAMES[c] for c in langs])}.")
    # One to three sentences of Zipf-drawn words: a vocabulary of tens of thousands of words.
    parts += [sentence(rng, FREE_TEXT) for _ in range(rng.randint(1, 3))]
    fillers = rng.sample(FILLERS, len(FILLERS))
    words = sum(len(p.split()) for p in parts)
    # Pad to at least 40 words; fillers that would pass 120 are skipped.
    for filler in fillers:
        if words >= 40 and rng.random() < 0.5:
            break
        if words + len(filler.split()) <= 120:
            parts.append(filler)
            words += len(filler.split())
    return " ".join(parts)


def _offset(rng: random.Random, lat: float, lon: float) -> tuple[float, float]:
    dlat = rng.gauss(0.0, SCATTER_KM) / KM_PER_DEG
    dlon = rng.gauss(0.0, SCATTER_KM) / (KM_PER_DEG * math.cos(math.radians(lat)))
    return lat + dlat, lon + dlon


def _row(rng: random.Random, i: int) -> dict[str, str]:
    metro = rng.choices(METROS, cum_weights=METRO_CUM_WEIGHTS)[0]
    lat, lon = _offset(rng, metro.lat, metro.lon)
    n_services = rng.choices((1, 2, 3, 4), weights=(40, 35, 17, 8))[0]
    services = _distinct(rng, SERVICES, SERVICE_CUM, n_services)
    pops = rng.sample(POPULATIONS, rng.choices((0, 1, 2, 3, 4), weights=(20, 30, 25, 15, 10))[0])
    langs = _languages(rng)
    # Real organization and program names are mostly unique: half take a tail word.
    draw = rng.random()
    if draw < 0.3:
        org = f"{metro.name} {rng.choice(ORG_TYPES)}"
    elif draw < 0.5:
        org = f"{rng.choice(PREFIXES)} {rng.choice(ORG_TYPES)}"
    else:
        org = f"{NAME_WORDS.sample(rng, 1)[0].capitalize()} {rng.choice(ORG_TYPES)}"
    prefix = rng.choice(PREFIXES) if rng.random() < 0.7 else NAME_WORDS.sample(rng, 1)[0].title()
    name = f"{prefix} {rng.choice(SERVICE_NAMES[services[0]])}"
    confidential = "shelter" in services and rng.random() < 0.4
    ident = f"syn-{i:07d}"
    url = f"https://example.org/{ident}"
    tri = [rng.choices(TRISTATE, cum_weights=TRISTATE_CUM)[0] for _ in range(4)]
    return {
        "id": ident, "name": name, "organization": org,
        "description": _description(rng, org, metro.name, services, pops, langs),
        "services": ";".join(services), "populations": ";".join(pops),
        "languages": ";".join(langs),
        # data/README.md: the address stays empty for confidential locations.
        "address": "" if confidential else
        f"{rng.randint(1, 9999)} {rng.choice(STREETS)} {rng.choice(STREET_TYPES)}",
        "city": metro.name, "state": metro.state, "postal_code": "",
        "latitude": f"{lat:.6f}", "longitude": f"{lon:.6f}",
        "location_confidential": "true" if confidential else "false",
        # Phones stay empty: fictional 555 numbers do not validate with `phonenumbers`.
        "phone": "", "hotline": "", "text": "", "email": "", "website": url,
        "hours": _weighted(rng, HOURS), "cost": _weighted(rng, COSTS),
        "eligibility": rng.choice(ELIGIBILITY).format(metro=metro.name),
        "intake": rng.choice(INTAKE), "documents_required": "",
        "walk_in": tri[0], "no_id_required": tri[1], "no_police_required": tri[2],
        "status_neutral": tri[3], "last_verified": "", "source_url": url,
        "organization_website": "", "organization_description": "", "accessibility": "",
        "service_area": "", "time_zone": metro.tz, "status": "active", "notes": "",
    }  # fmt: skip


def generate(n: int, seed: int = 42) -> Iterator[dict[str, str]]:
    """Yield n listings one at a time; the same (n, seed) always gives the same rows."""
    rng = random.Random(seed)
    for i in range(n):
        yield _row(rng, i)


def write_csv(path: str | Path, n: int, seed: int = 42) -> None:
    """Write n synthetic listings to path as UTF-8 CSV with the full column header."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(generate(n, seed))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: write N rows to PATH."""
    parser = argparse.ArgumentParser(prog="python -m bench.synthetic", description=__doc__)
    parser.add_argument("n", type=int, help="number of listings")
    parser.add_argument("path", help="output CSV path")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    write_csv(args.path, args.n, args.seed)
    print(f"wrote {args.n} listings to {args.path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
