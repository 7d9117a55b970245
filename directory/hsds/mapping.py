"""HSDS tables -> rows of our spreadsheet format, remembering where each cell came from."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from directory.providers.hours import DAYS, MINUTES_PER_DAY, Interval, format_hours
from directory.providers.models import Provider
from directory.providers.rows import row_data
from directory.providers.schemas import dump_row
from directory.providers.taxonomy import LANGUAGES, POPULATIONS, SERVICE_TYPES, Taxonomy

from .profile import FACTS_BY_CODE, YES_NO_FACTS, stable_id, terms_by_id
from .reader import Package, Row
from .records import ORGANIZATION_FALLBACK

Origin = tuple[str, int, str]  # file, row, field
# Cells that link rows or name a row's kind: read while joining, never data on their own.
STRUCTURAL = {
    "id", "service_id", "location_id", "organization_id", "link_id", "taxonomy_term_id",
    "taxonomy_id", "phone_id", "contact_id", "service_at_location_id", "program_id",
    "parent_id", "link_type", "link_entity", "location_type", "address_type", "last_modified",
}  # fmt: skip
# Reference tables: read when an attribute points at one of their rows.
REFERENCE_TABLES = ("taxonomies", "taxonomy_terms")
HSDS_STATUS = {"active": "active"}  # inactive, defunct and temporarily closed are not shown
# HSDS phone types we list (a fax or pager is no way for a survivor to reach help).
PHONE_COLUMN = {
    None: "phone", "voice": "phone", "cell": "phone", "video": "phone", "textphone": "phone",
    "text": "text",
}  # fmt: skip
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2})?$")


def _minutes(text: str | None) -> int | None:
    match = _TIME.match(text or "")
    if not match or int(match[1]) > 24 or int(match[2]) > 59:
        return None
    return int(match[1]) * 60 + int(match[2])


def match_code(taxonomy: Taxonomy, text: str | None) -> str | None:
    """Our code for a foreign term or a name: its code, English label or a synonym, as words."""
    if not text:
        return None
    wanted = text.strip().lower()
    for term in taxonomy.terms:
        names = {term.code, term.code.replace("_", " "), str(term.label).lower(), *term.synonyms}
        if wanted in names:
            return term.code
    words = re.findall(r"[^\W_]+", wanted)
    for term in taxonomy.terms:
        if term.code in words or any(s in words for s in term.synonyms if " " not in s):
            return term.code
    return None


@dataclass
class Listing:
    """One listing to import: spreadsheet cells and, per column, the HSDS cell it came from."""

    cells: dict[str, str] = field(default_factory=dict)
    origin: dict[str, Origin] = field(default_factory=dict)
    notes: list[tuple[Origin, str]] = field(default_factory=list)

    def put(self, column: str, value: str | None, row: Row, name: str) -> None:
        if value:
            self.cells[column] = value
            self.origin[column] = (row.file, row.number, name)


class ListingBuilder:
    """Builds listings from a package; `unused()` then names every cell that went nowhere."""

    def __init__(self, package: Package, existing: dict[str, Provider]) -> None:
        self.package = package
        self.existing = existing
        self.used: set[tuple[str, int, str]] = set()
        self.our_terms = terms_by_id()
        self.terms = package.by_id("taxonomy_terms")
        self.organizations = package.by_id("organizations")
        self.locations = package.by_id("locations")
        self.our_ids = {stable_id("service", pid): pid for pid in existing}
        self.sals = package.grouped("service_at_locations", "service_id")
        self.attributes = package.grouped("attributes", "link_id")
        self.addresses = package.grouped("addresses", "location_id")
        self.accessibility = package.grouped("accessibility", "location_id")

    def take(self, row: Row, name: str) -> str | None:
        """A cell's value, counted as imported."""
        self.used.add((row.file, row.number, name))
        return row.get(name)

    def listings(self) -> Iterator[Listing]:
        for service in self.package.tables.get("services", []):
            sals = self.sals.get(service.get("id") or "", [])
            if len(sals) <= 1:
                yield self.listing(service, sals[0] if sals else None, None)
            else:  # our listing is one service at one place: one listing per place
                for sal in sals:
                    yield self.listing(service, sal, sal.get("id"))

    def listing(self, service: Row, sal: Row | None, own_id: str | None) -> Listing:
        service_id = (service.get("id") or "").lower()
        listing_id = own_id.lower() if own_id else self.our_ids.get(service_id, service_id)
        listing = Listing()
        provider = self.existing.get(listing_id)
        if provider is not None:  # keep what HSDS does not carry (notes, a withheld address)
            listing.cells = {k: v for k, v in dump_row(row_data(provider)).items() if v}
            listing.origin = dict.fromkeys(listing.cells, (service.file, service.number, "id"))
            for column in ("services", "populations", "languages", "phone", "hotline", "text"):
                listing.cells.pop(column, None)
            for column in ("hours", "source_url", "source_kind", "source_date", *YES_NO_FACTS):
                listing.cells.pop(column, None)
            listing.cells.pop("cost", None)
        listing.put("id", listing_id, service, "id")
        self._service(listing, service)
        location = self.locations.get(sal.get("location_id") or "") if sal else None
        if location is not None:
            self._location(listing, location, provider)
        self._phones(listing, service, sal, location)
        self._schedules(listing, service, sal, location)
        self._sources(listing, service, location)
        return listing

    def _service(self, listing: Listing, service: Row) -> None:
        for column, name in (
            ("name", "name"),
            ("description", "description"),
            ("website", "url"),
            ("email", "email"),
            ("intake", "application_process"),
            ("eligibility", "eligibility_description"),
            ("last_verified", "assured_date"),
        ):
            listing.put(column, self.take(service, name), service, name)
        status = self.take(service, "status")
        listing.put("status", HSDS_STATUS.get(status or "", "inactive"), service, "status")
        organization = self.organizations.get(service.get("organization_id") or "")
        if organization is not None:
            listing.put("organization", self.take(organization, "name"), organization, "name")
            listing.put(
                "organization_website",
                self.take(organization, "website"),
                organization,
                "website",
            )
            description = self.take(organization, "description")
            if description and description.startswith(ORGANIZATION_FALLBACK):
                description = None
            listing.put("organization_description", description, organization, "description")
        codes: dict[str, list[str]] = {"services": [], "populations": []}
        for attribute in self.attributes.get(service.get("id") or "", []):
            self._service_attribute(listing, attribute, codes)
        if not codes["services"]:  # no term of ours: the service's name may say what it is
            inferred = match_code(SERVICE_TYPES, service.get("name"))
            codes["services"] = [inferred] if inferred else []
        listing.put("services", ";".join(codes["services"]), service, "name")
        listing.put("populations", ";".join(codes["populations"]), service, "id")
        self._languages(listing, service)
        for table, column, name in (
            ("required_documents", "documents_required", "document"),
            ("service_areas", "service_area", "name"),
        ):
            rows = [r for r in self.package.tables.get(table, []) if r.get("service_id")]
            values = [
                (r, self.take(r, name)) for r in rows if r.get("service_id") == service.get("id")
            ]
            values = [(r, v) for r, v in values if v]
            if values:
                listing.put(column, "; ".join(v for _, v in values), values[0][0], name)

    def _service_attribute(self, listing: Listing, attribute: Row, codes: dict) -> None:
        term_id = attribute.get("taxonomy_term_id") or ""
        scheme, code = self.our_terms.get(term_id, (None, None))
        if scheme is None:  # a foreign taxonomy's term: match it by code or name
            term = self.terms.get(term_id)
            for scheme_name, taxonomy in (
                ("services", SERVICE_TYPES),
                ("populations", POPULATIONS),
            ):
                code = term and (
                    match_code(taxonomy, term.get("name")) or match_code(taxonomy, term.get("code"))
                )
                if code:
                    scheme = scheme_name
                    break
        if scheme in codes:
            self.take(attribute, "taxonomy_term_id")
            if code not in codes[scheme]:
                codes[scheme].append(code)
            return
        if scheme == "facts" and FACTS_BY_CODE[code].link_entity == "service":
            value = self.take(attribute, "value")
            if code == "source_url":
                current = listing.cells.get("source_url")
                value = f"{current};{value}" if current and value else value
            listing.put(code, value, attribute, "value")
            return
        listing.notes.append(
            (
                (attribute.file, attribute.number, "taxonomy_term_id"),
                "not imported: the term matches none of this directory's service types, "
                "populations or facts",
            )
        )
        self.used.add((attribute.file, attribute.number, "taxonomy_term_id"))

    def _languages(self, listing: Listing, service: Row) -> None:
        codes = []
        for row in self.package.tables.get("languages", []):
            if row.get("service_id") != service.get("id"):
                continue
            code = (row.get("code") or "").lower()
            code = code if code in LANGUAGES else match_code(LANGUAGES, row.get("name"))
            if code:
                self.take(row, "code")
                self.take(row, "name")
                if code not in codes:
                    codes.append(code)
        listing.put("languages", ";".join(codes), service, "id")

    def _location(self, listing: Listing, location: Row, provider: Provider | None) -> None:
        location_id = location.get("id") or ""
        confidential = any(
            self.our_terms.get(a.get("taxonomy_term_id") or "")
            == ("facts", "location_confidential")
            and self.take(a, "value") == "true"
            for a in self.attributes.get(location_id, [])
        )
        if confidential:
            listing.put("location_confidential", "true", location, "id")
        addresses = self.addresses.get(location_id, [])
        if addresses:
            address = addresses[0]
            for column, name in (
                ("address", "address_1"),
                ("city", "city"),
                ("state", "state_province"),
                ("postal_code", "postal_code"),
            ):
                listing.put(column, self.take(address, name), address, name)
            if (address.get("country") or "").upper() in ("US", "USA"):
                self.take(address, "country")
        name = location.get("name")
        cells = listing.cells
        areas = {", ".join(filter(None, (cells.get("city"), cells.get("state"))))}
        areas |= {cells.get("service_area"), provider.area if provider else None}
        if name and name in areas:
            self.take(location, "name")  # our export names a place by its public area
        latitude, longitude = location.get("latitude"), location.get("longitude")
        self.take(location, "latitude")
        self.take(location, "longitude")
        if latitude and longitude and not self._same_point(provider, latitude, longitude):
            listing.put("latitude", latitude, location, "latitude")
            listing.put("longitude", longitude, location, "longitude")
        for row in self.accessibility.get(location_id, [])[:1]:
            listing.put("accessibility", self.take(row, "description"), row, "description")

    @staticmethod
    def _same_point(provider: Provider | None, latitude: str, longitude: str) -> bool:
        """The point we published for this listing: keep the exact one we hold."""
        if provider is None or provider.public_latitude is None:
            return False
        try:
            return (float(latitude), float(longitude)) == (
                provider.public_latitude,
                provider.public_longitude,
            )
        except ValueError:
            return False

    def _linked(self, table: str, service: Row, sal: Row | None, location: Row | None):
        for row in self.package.tables.get(table, []):
            if row.get("service_id"):
                if row.get("service_id") == service.get("id"):
                    yield row
            elif sal is not None and row.get("service_at_location_id"):
                if row.get("service_at_location_id") == sal.get("id"):
                    yield row
            elif location is not None and row.get("location_id") == location.get("id"):
                yield row

    def _phones(self, listing: Listing, service: Row, sal: Row | None, location: Row | None):
        cells: dict[str, list[str]] = {"phone": [], "hotline": [], "text": []}
        origins: dict[str, Row] = {}
        for row in self._linked("phones", service, sal, location):
            kind = row.get("type")
            column = PHONE_COLUMN.get(kind)
            if column is None:
                continue  # fax or pager: left for the unused-cell report
            hotline = any(
                self.our_terms.get(a.get("taxonomy_term_id") or "") == ("facts", "hotline_number")
                and self.take(a, "value") == "true"
                for a in self.attributes.get(row.get("id") or "", [])
            )
            column = "hotline" if hotline and column == "phone" else column
            self.take(row, "type")
            entry = (self.take(row, "number") or "").strip('"')
            label = row.get("description")
            if label and len(label) <= 200 and not set(label) & set(";()"):
                entry += f" ({self.take(row, 'description')})"
            cells[column].append(entry)
            origins.setdefault(column, row)
        for column, entries in cells.items():
            if entries:
                listing.put(column, "; ".join(entries), origins[column], "number")

    def _schedules(self, listing: Listing, service: Row, sal: Row | None, location: Row | None):
        intervals, first = [], None
        for row in self._linked("schedules", service, sal, location):
            opens, closes = _minutes(row.get("opens_at")), _minutes(row.get("closes_at"))
            days = [d.strip().title() for d in (row.get("byday") or "").split(",")]
            if row.get("freq") != "WEEKLY" or opens is None or closes is None:
                continue
            if not all(day in DAYS for day in days) or opens >= MINUTES_PER_DAY:
                continue
            for name in ("freq", "byday", "opens_at", "closes_at"):
                self.take(row, name)
            if closes <= opens:
                closes += MINUTES_PER_DAY
            intervals.extend(Interval(DAYS.index(day), opens, closes) for day in days)
            first = first or row
        if intervals and first is not None:
            listing.put("hours", format_hours(sorted(set(intervals))), first, "byday")

    def _sources(self, listing: Listing, service: Row, location: Row | None) -> None:
        """Where the facts come from: our source facts, else the service's or org's page."""
        if listing.cells.get("source_url"):
            return
        for row, name in ((service, "url"), (location, "url")):
            if row is not None and row.get(name):
                listing.put("source_url", self.take(row, name), row, name)
                return
        website = listing.cells.get("organization_website")
        if website:
            listing.cells["source_url"] = website
            listing.origin["source_url"] = listing.origin["organization_website"]

    def unused(self) -> Iterator[tuple[Origin, str]]:
        """Every non-empty cell no listing took, except links and reference tables."""
        tables = [rows for t, rows in self.package.tables.items() if t not in REFERENCE_TABLES]
        for rows in [*tables, *self.package.other_files.values()]:
            for row in rows:
                for name, value in row.cells.items():
                    if not value.strip() or name in STRUCTURAL:
                        continue
                    if (row.file, row.number, name) not in self.used:
                        yield (row.file, row.number, name), "not imported: no such field here"
