"""Which listings an HSDS API request names: database filters, and search through the service."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from directory.extensions import db
from directory.providers.models import Organization, Provider, ProviderCode, Status
from directory.search.extension import search_service
from directory.search.request import SearchRequest

from .profile import (
    CODED_TAXONOMIES,
    TAXONOMY_FACTS,
    YES_NO_FACTS,
    stable_id,
    taxonomy_id,
    terms_by_id,
)

ACTIVE = Provider.status == Status.active


def provider_by_hsds_id(hsds_id: str) -> Provider | None:
    """The active listing whose HSDS service id (or our own id) is `hsds_id`."""
    ids = db.session.scalars(select(Provider.id).where(ACTIVE))
    for provider_id in ids:
        if hsds_id in (provider_id, stable_id("service", provider_id)):
            return db.session.get(Provider, provider_id)
    return None


def organization_by_hsds_id(hsds_id: str) -> Organization | None:
    """The organization whose HSDS id (or our own id) is `hsds_id`."""
    for organization in db.session.scalars(select(Organization)):
        if hsds_id in (organization.id, stable_id("organization", organization.id)):
            return organization
    return None


def _term_condition(term: str):
    """SQL condition for listings tagged with one of our terms; None for a term we lack."""
    scheme, code = terms_by_id().get(term, (None, None))
    if scheme in CODED_TAXONOMIES:
        tagged = select(ProviderCode.provider_id).where(
            ProviderCode.scheme == scheme, ProviderCode.code == code
        )
        return Provider.id.in_(tagged)
    if scheme == "facts" and code in YES_NO_FACTS:
        return getattr(Provider, code).is_(True)
    if scheme == "facts" and code == "location_confidential":
        return Provider.location_confidential.is_(True)
    return None


def _taxonomy_condition(taxonomy: str):
    for scheme, (name, _) in CODED_TAXONOMIES.items():
        if taxonomy == taxonomy_id(name):
            return Provider.id.in_(
                select(ProviderCode.provider_id).where(ProviderCode.scheme == scheme)
            )
    if taxonomy == taxonomy_id(TAXONOMY_FACTS):
        return None  # every listing has a source fact
    return Provider.id.is_(None)  # a taxonomy we do not publish tags nothing


def matching_ids(params: dict[str, Any], now: datetime) -> list[str]:
    """Ids of the active listings a request selects: ranked by search if it searches.

    Raises UnknownPlace for a postcode the search service cannot place.
    """
    query = select(Provider.id).where(ACTIVE)
    if params.get("taxonomy_term_id"):
        condition = _term_condition(params["taxonomy_term_id"])
        query = query.where(condition if condition is not None else Provider.id.is_(None))
    if params.get("taxonomy_id"):
        condition = _taxonomy_condition(params["taxonomy_id"])
        if condition is not None:
            query = query.where(condition)
    if params.get("organization_id"):
        organization = organization_by_hsds_id(params["organization_id"])
        query = query.where(Provider.organization_id == (organization.id if organization else None))
    if params.get("modified_after"):
        after = params["modified_after"]
        after = after.replace(tzinfo=UTC) if after.tzinfo is None else after.astimezone(UTC)
        query = query.where(Provider.updated_at >= after.replace(tzinfo=None))
    selected = list(db.session.scalars(query.order_by(Provider.id)))
    if not (params.get("search") or params.get("postcode")):
        return selected
    proximity = params.get("proximity")
    everything = db.session.scalar(select(func.count()).select_from(Provider).where(ACTIVE))
    request = SearchRequest(
        q=params.get("search") or "",
        near=params.get("postcode"),
        radius_km=proximity / 1000 if proximity else None,
        sort="relevance",
        page=1,
        per_page=max(everything or 0, 1),  # rank them all, then keep the selected
        now=now,
    )
    allowed = set(selected)
    return [hit.id for hit in search_service().search(request).hits if hit.id in allowed]


def page_of(items: list[Any], page: int, per_page: int) -> tuple[list[Any], dict[str, Any]]:
    """One page of `items` and the HSDS page fields."""
    total = len(items)
    pages = max(1, -(-total // per_page))
    contents = items[(page - 1) * per_page : page * per_page]
    return contents, {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": not contents,
    }
