"""Provider listings and their organizations, phones, codes and opening hours."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import BigInteger, Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from directory.extensions import db

from .hours import Interval, is_always_open, open_at


def _now() -> datetime:
    return datetime.now(UTC)


class Cost(enum.StrEnum):
    """What a listing costs the person served."""

    free = "free"
    sliding_scale = "sliding_scale"
    fee = "fee"


class Status(enum.StrEnum):
    """Inactive listings are kept but never shown."""

    active = "active"
    inactive = "inactive"


class SourceKind(enum.StrEnum):
    """Where a listing's facts come from; a dataset kind is shown to users with its year."""

    curated = "curated"  # researched from the public pages in `source_url`
    city_data = "city_data"  # only from a city government's published dataset
    public_data = "public_data"  # only from another published dataset (state, national...)


# Kinds whose facts come only from a dataset: the listing needs the dataset's date.
DATASET_KINDS = (SourceKind.city_data, SourceKind.public_data)


class CoordinatesSource(enum.StrEnum):
    """How a listing's coordinates were obtained; all but `given` are approximate."""

    given = "given"
    geocoded_address = "geocoded_address"
    postal_code_centroid = "postal_code_centroid"
    place_centroid = "place_centroid"


def _enum(kind: type[enum.Enum]) -> Enum:
    return Enum(kind, native_enum=False, length=32, validate_strings=True)


class ListingFacts:
    """What a listing shows, worked out from its `city`, `state`, `service_area`, `time_zone`,
    `phones` and `intervals`: shared by the ORM model and the plain records that pages and the
    API read (directory/providers/listings.py)."""

    @property
    def area(self) -> str:
        """Where the listing is, as public as it may be: `Queens, NY`, or its service area."""
        return ", ".join(filter(None, (self.city, self.state))) or (self.service_area or "")

    @property
    def always_open(self) -> bool:
        """Open 24/7 (False when the hours are not known)."""
        intervals = self.intervals
        return bool(intervals) and is_always_open(intervals)

    def open_status(self, now: datetime) -> tuple[bool | None, datetime | None]:
        """Open at `now` (None if hours are unknown), and the local time it next closes."""
        intervals = self.intervals
        if not intervals:
            return None, None
        return open_at(intervals, now.astimezone(ZoneInfo(self.time_zone)))

    def phones_of(self, phone_type: str) -> list:
        return [p for p in self.phones if p.type == phone_type]


class Organization(db.Model):
    """An organization that runs one or more listings (HSDS `organization`)."""

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    website: Mapped[str | None] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)

    providers: Mapped[list[Provider]] = relationship(back_populates="organization")


class Provider(ListingFacts, db.Model):
    """One listing: a service offered by an organization at a location (or by phone)."""

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organization.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)

    address: Mapped[str | None] = mapped_column(String(300))
    city: Mapped[str | None] = mapped_column(String(120))
    state: Mapped[str | None] = mapped_column(String(2))
    postal_code: Mapped[str | None] = mapped_column(String(10))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    coordinates_source: Mapped[CoordinatesSource | None] = mapped_column(_enum(CoordinatesSource))
    location_confidential: Mapped[bool] = mapped_column(default=False)
    # The only point ever shown or used for distance: the exact one for public locations,
    # an approximate area (ZIP or place centroid, or a coarse grid cell) for confidential ones.
    public_latitude: Mapped[float | None]
    public_longitude: Mapped[float | None]
    service_area: Mapped[str | None] = mapped_column(String(200))
    time_zone: Mapped[str] = mapped_column(String(64))

    email: Mapped[str | None] = mapped_column(String(254))
    website: Mapped[str | None] = mapped_column(String(500))
    cost: Mapped[Cost | None] = mapped_column(_enum(Cost))
    eligibility: Mapped[str | None] = mapped_column(Text)
    intake: Mapped[str | None] = mapped_column(Text)
    documents_required: Mapped[str | None] = mapped_column(Text)
    accessibility: Mapped[str | None] = mapped_column(Text)

    # None means "not stated", which is not the same as False.
    walk_in: Mapped[bool | None]
    no_id_required: Mapped[bool | None]
    no_police_required: Mapped[bool | None]
    status_neutral: Mapped[bool | None]
    # Police or prosecutors: reports go to law enforcement (never a confidential service).
    law_enforcement: Mapped[bool | None]

    status: Mapped[Status] = mapped_column(_enum(Status), default=Status.active, index=True)
    last_verified: Mapped[date | None]
    source_url: Mapped[str] = mapped_column(Text)
    # None is read as `curated`; `source_date` is the date of the dataset the facts come from.
    source_kind: Mapped[SourceKind | None] = mapped_column(_enum(SourceKind))
    source_date: Mapped[date | None]
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    updated_at: Mapped[datetime] = mapped_column(default=_now, onupdate=_now)
    # A random token the change record replaces in every transaction that changes the listing
    # (its row, codes, phones, hours or organization): a copy made from the listing (the API's
    # stored renderings, directory/api/rendered.py) is current only while its token matches.
    revision: Mapped[int] = mapped_column(BigInteger, server_default="0")

    organization: Mapped[Organization] = relationship(back_populates="providers")
    codes: Mapped[list[ProviderCode]] = relationship(
        cascade="all, delete-orphan", order_by="ProviderCode.position", lazy="selectin"
    )
    phones: Mapped[list[Phone]] = relationship(
        cascade="all, delete-orphan", order_by="Phone.position", lazy="selectin"
    )
    opening_hours: Mapped[list[OpeningHours]] = relationship(
        cascade="all, delete-orphan", order_by="OpeningHours.position", lazy="selectin"
    )

    def codes_for(self, scheme: str) -> list[str]:
        """Return this listing's codes of one scheme (`services`, `populations`, `languages`)."""
        return [c.code for c in self.codes if c.scheme == scheme]

    @property
    def services(self) -> list[str]:
        return self.codes_for("services")

    @property
    def populations(self) -> list[str]:
        return self.codes_for("populations")

    @property
    def languages(self) -> list[str]:
        return self.codes_for("languages")

    @property
    def intervals(self) -> list[Interval]:
        return [Interval(h.weekday, h.opens, h.closes) for h in self.opening_hours]


class ProviderCode(db.Model):
    """A taxonomy code on a listing: a service type, population or language."""

    __tablename__ = "provider_code"
    __table_args__ = (UniqueConstraint("provider_id", "scheme", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[str] = mapped_column(ForeignKey("provider.id", ondelete="CASCADE"))
    scheme: Mapped[str] = mapped_column(String(20))
    code: Mapped[str] = mapped_column(String(40), index=True)
    position: Mapped[int] = mapped_column(default=0)


class Phone(db.Model):
    """A phone number (E.164, or a short code's digits) of a given type (HSDS `phone`)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[str] = mapped_column(
        ForeignKey("provider.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[str] = mapped_column(String(20))
    type: Mapped[str] = mapped_column(String(10))
    description: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)


class OpeningHours(db.Model):
    """One weekly opening interval in the listing's time zone (HSDS `schedule`, simplified)."""

    __tablename__ = "opening_hours"

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[str] = mapped_column(
        ForeignKey("provider.id", ondelete="CASCADE"), index=True
    )
    weekday: Mapped[int]
    opens: Mapped[int]
    closes: Mapped[int]
    position: Mapped[int] = mapped_column(default=0)
