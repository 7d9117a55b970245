"""Which organization a name means during an import: one id per distinct name."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Organization
from .rows import name_digest, organization_id

FIELDS = ("name", "website", "description")


class Organizations:
    """The organizations as they stand (stored, then as planned), found by name or id."""

    def __init__(self, session: Session) -> None:
        table = Organization.__table__
        self.by_id: dict[str, dict[str, Any]] = {}
        self.by_name: dict[str, str] = {}
        for row in session.execute(select(table)).mappings():
            self._keep(dict(row))

    def _keep(self, organization: dict[str, Any]) -> None:
        self.by_id[organization["id"]] = organization
        self.by_name[organization["name"]] = organization["id"]

    def id_for(self, name: str) -> str:
        """The stored id of this exact name, else its own id unless another name holds it.

        A name spelled differently only in case or punctuation (`Safe horizon`) is the same
        organization renamed; `Café` and `Cafe`, or two names in other scripts, are two.
        """
        if name in self.by_name:
            return self.by_name[name]
        candidate = organization_id(name)
        holder = self.by_id.get(candidate)
        if holder is None or organization_id(holder["name"]) == candidate:
            return candidate
        return f"{candidate[:100]}-{name_digest(name)}"

    def plan(self, wanted: dict[str, Any]) -> str | None:
        """`insert`, `update` or None to make the organization `wanted`; remembers the plan."""
        current = self.by_id.get(wanted["id"])
        if current is not None and all(current[key] == wanted[key] for key in FIELDS):
            return None
        if current is not None:
            self.by_name.pop(current["name"], None)
        self._keep(dict(wanted))
        return "insert" if current is None else "update"
