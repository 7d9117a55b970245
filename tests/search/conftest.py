"""A small indexed directory for behaviour tests of the search engine."""

from __future__ import annotations

import pytest

from directory.geo.geocoder import OfflineGeocoder
from directory.providers.importer import import_providers
from directory.providers.schemas import CORE_COLUMNS
from directory.search.extension import build_index, search_service
from directory.search.request import SearchRequest

from ..providers.rows import csv_text

# Fictional listings (example.org, 555-01xx numbers) placed in real neighborhoods.
LISTINGS = [
    {
        "id": "flushing-legal",
        "name": "Flushing Immigration Legal Clinic",
        "organization": "Queens Law Aid",
        "description": "Free lawyers for T visa, U visa and asylum applications.",
        "services": "legal;immigration",
        "populations": "immigrants;labor_trafficking",
        "languages": "en;zh;ko",
        "city": "Queens",
        "state": "NY",
        "postal_code": "11354",
        "latitude": "40.7596",
        "longitude": "-73.8303",
        "hours": "Mo-Fr 09:00-17:00",
        "cost": "free",
        "walk_in": "true",
        "status_neutral": "true",
        "phone": "718-555-0101",
    },
    {
        "id": "bronx-shelter-women",
        "name": "Safe Haven Women's Shelter",
        "organization": "Bronx Haven",
        "description": "Emergency shelter beds for women and children escaping trafficking.",
        "services": "shelter;case_management",
        "populations": "women;families;sex_trafficking",
        "languages": "en;es",
        "city": "Bronx",
        "state": "NY",
        "postal_code": "10454",
        "location_confidential": "true",
        "hours": "24/7",
        "cost": "free",
        "hotline": "718-555-0102",
    },
    {
        "id": "brooklyn-shelter-men",
        "name": "Harbor House Men's Shelter",
        "organization": "Harbor House",
        "description": "Shelter and case management for men who survived labor trafficking.",
        "services": "shelter",
        "populations": "men;labor_trafficking",
        "languages": "en;es",
        "city": "Brooklyn",
        "state": "NY",
        "postal_code": "11220",
        "location_confidential": "true",
        "hours": "24/7",
        "cost": "free",
        "no_police_required": "true",
    },
    {
        "id": "manhattan-counseling",
        "name": "Midtown Trauma Counseling Center",
        "organization": "Healing NYC",
        "description": "Trauma-informed counseling and support groups for survivors.",
        "services": "counseling",
        "populations": "adults",
        "languages": "en;ru;pl",
        "address": "100 W 40th St",
        "city": "Manhattan",
        "state": "NY",
        "postal_code": "10018",
        "latitude": "40.7540",
        "longitude": "-73.9860",
        "hours": "Mo-Th 10:00-19:00",
        "cost": "sliding_scale",
    },
    {
        "id": "si-clinic",
        "name": "St. George Health Clinic",
        "organization": "Island Health",
        "description": "Primary medical care, HIV testing and pregnancy care. No ID required.",
        "services": "medical",
        "populations": "adults;immigrants",
        "languages": "en;es;ar",
        "address": "1 Richmond Ter",
        "city": "Staten Island",
        "state": "NY",
        "postal_code": "10301",
        "latitude": "40.6437",
        "longitude": "-74.0764",
        "hours": "Mo-Fr 08:00-16:00",
        "cost": "free",
        "no_id_required": "true",
        "walk_in": "true",
    },
    {
        "id": "national-line",
        "name": "National Survivor Helpline",
        "organization": "Helpline Org",
        "description": "24-hour confidential hotline for trafficking survivors, 200 languages.",
        "services": "hotline",
        "populations": "",
        "languages": "en;es",
        "service_area": "United States",
        "hours": "24/7",
        "cost": "free",
        "hotline": "1-888-555-0103",
    },
    {
        "id": "lgbtq-youth",
        "name": "Rainbow Youth Drop-In",
        "organization": "Queer Youth Network",
        "description": "Drop-in center for LGBTQ young people with meals, showers and counseling.",
        "services": "basic_needs;counseling",
        "populations": "lgbtq;youth;young_adults",
        "languages": "en;es",
        "address": "200 W 125th St",
        "city": "Manhattan",
        "state": "NY",
        "postal_code": "10027",
        "latitude": "40.8090",
        "longitude": "-73.9480",
        "hours": "Mo-Su 12:00-20:00",
        "cost": "free",
        "walk_in": "true",
    },
    {
        "id": "worker-center",
        "name": "Jackson Heights Worker Center",
        "organization": "Workers United Queens",
        "description": "Wage theft claims, job training and help for victims of labor trafficking.",
        "services": "employment;legal",
        "populations": "immigrants;labor_trafficking",
        "languages": "en;es;bn;ur",
        "address": "37-01 74th St",
        "city": "Queens",
        "state": "NY",
        "postal_code": "11372",
        "latitude": "40.7490",
        "longitude": "-73.8910",
        "hours": "Tu-Sa 10:00-18:00",
        "cost": "free",
    },
]


@pytest.fixture
def indexed_app(app, write_csv):
    """The app with the listings above imported and indexed."""
    rows = [{"source_url": f"https://example.org/{row['id']}", **row} for row in LISTINGS]
    path = write_csv(csv_text(*rows, columns=[*CORE_COLUMNS, "service_area"]))
    with app.app_context():
        report = import_providers(path, OfflineGeocoder(), "America/New_York")
        assert report.ok, report.errors
        build_index()
    return app


@pytest.fixture
def search(indexed_app):
    """Run a search inside the app: search(q=..., services=[...], near=...)."""

    def run(**kwargs):
        with indexed_app.app_context():
            return search_service().search(SearchRequest(**kwargs))

    return run
