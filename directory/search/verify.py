"""`flask search verify`: does this node's index hold exactly what the database says?"""

from __future__ import annotations

from dataclasses import dataclass, field

from .extension import search_index
from .sync import iter_documents, status

# How many differing listing ids a report names (the counts are always complete).
NAMED = 20


@dataclass
class Difference:
    """What differs between the index and the database's active listings."""

    in_database: int = 0
    in_index: int = 0
    missing: list[str] = field(default_factory=list)  # active, not in the index
    extra: list[str] = field(default_factory=list)  # in the index, not active
    stale: list[str] = field(default_factory=list)  # indexed from an older version

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.stale)

    def lines(self) -> list[str]:
        """A report a person can act on: counts, then which listings differ."""
        lines = [f"Database: {self.in_database} active listing(s); index: {self.in_index}."]
        for label, ids in (
            ("missing from the index", self.missing),
            ("in the index but not active in the database", self.extra),
            ("indexed from an older version", self.stale),
        ):
            if ids:
                named = ", ".join(sorted(ids)[:NAMED])
                more = f" and {len(ids) - NAMED} more" if len(ids) > NAMED else ""
                lines.append(f"{len(ids)} listing(s) {label}: {named}{more}")
        return lines


def indexed_versions() -> dict[str, str]:
    """Listing id -> stored document version, for every document in the served generation."""
    snapshot = search_index().snapshot()
    if snapshot is None:
        return {}
    reader = snapshot.searcher.reader()
    return {fields["id"]: fields.get("version", "") for fields in reader.all_stored_fields()}


def compare() -> Difference:
    """Compare the index with the database, listing by listing."""
    indexed = indexed_versions()
    difference = Difference(in_index=len(indexed))
    for document in iter_documents():
        difference.in_database += 1
        found = indexed.pop(document["id"], None)
        if found is None:
            difference.missing.append(document["id"])
        elif found != document["version"]:
            difference.stale.append(document["id"])
    difference.extra = sorted(indexed)
    return difference


def position_line() -> str:
    """Where the index is in the change record."""
    now = status()
    if now.generation is None:
        return f"No index yet; the database's latest change is {now.latest_seq}."
    return (
        f"Index {now.generation} holds changes up to {now.applied_seq}; the database's latest "
        f"is {now.latest_seq} ({now.behind} not applied yet)."
    )
