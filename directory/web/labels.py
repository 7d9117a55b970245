"""What the pages call each listing field (spreadsheet column): one label for public and staff
pages, so a field reads the same, in every interface language, wherever it is shown."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from directory.search.facts import GOOD_TO_KNOW_FACTS

# Yes/no facts a listing's page lists under "Good to know" read as their filter does.
_FACT_LABELS = {fact.name: fact.label for fact in GOOD_TO_KNOW_FACTS}

FIELD_LABELS: dict[str, Any] = {
    "id": _l("Listing id"),
    "name": _l("Name"),
    "organization": _l("Organization"),
    "description": _l("Description"),
    "services": _l("Type of help"),
    "populations": _l("Who is served"),
    "languages": _l("Staff speak"),
    "address": _l("Street address"),
    "city": _l("City"),
    "state": _l("State"),
    "postal_code": _l("ZIP code"),
    "latitude": _l("Latitude"),
    "longitude": _l("Longitude"),
    "location_confidential": _l("Confidential location"),
    "phone": _l("Phone"),
    "hotline": _l("Hotline"),
    "text": _l("Text"),
    "email": _l("Email"),
    "website": _l("Website"),
    "hours": _l("Hours"),
    "cost": _l("Cost"),
    "eligibility": _l("Who can get help"),
    "intake": _l("How to get help"),
    "documents_required": _l("Documents to bring"),
    **_FACT_LABELS,  # walk_in, no_id_required, no_police_required, status_neutral
    "law_enforcement": _l("Police or prosecutors"),
    "last_verified": _l("Checked"),
    "source_url": _l("Sources"),
    "organization_website": _l("Organization website"),
    "organization_description": _l("About the organization"),
    "accessibility": _l("Accessibility"),
    "service_area": _l("Area served"),
    "time_zone": _l("Time zone"),
    "status": _l("Status"),
    "notes": _l("Notes for administrators (not shown publicly)"),
    "source_kind": _l("Where the facts come from"),
    "source_date": _l("Date of the dataset"),
    # Staff-side facts the audit trail records too.
    "referral_protocol": _l("Referral protocol"),
    "staff_phone": _l("Staff-only phone"),
    "capacity": _l("Available now"),
}


def field_label(column: str) -> str:
    """The label of a listing field, in the page's language (the column name if unknown)."""
    label = FIELD_LABELS.get(column)
    return column if label is None else str(label)
