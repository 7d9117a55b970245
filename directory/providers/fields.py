"""Marshmallow fields for the spreadsheet format: code lists, flags, phones, hours, URLs."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate

from directory.sizes import StoredString, refuse_nul, too_long_message

from .hours import HoursError, format_hours, parse_hours
from .phones import PhoneError, format_phone_list, parse_phone_list
from .taxonomy import Taxonomy


def split_list(text: str) -> list[str]:
    """Split a `;`-separated cell into its non-empty, stripped items."""
    return [item.strip() for item in text.split(";") if item.strip()]


class CodeList(fields.Field):
    """`shelter;legal` <-> ['shelter', 'legal'], every code checked against a taxonomy."""

    def __init__(self, taxonomy: Taxonomy, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.taxonomy = taxonomy

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> list[str]:
        codes: list[str] = []
        problems = []
        for item in split_list(str(value)):
            code = item.lower()
            if code in self.taxonomy:
                if code not in codes:
                    codes.append(code)
                continue
            suggestion = self.taxonomy.suggest(item)
            hint = f"; did you mean {suggestion!r}?" if suggestion else ""
            problems.append(f"unknown {self.taxonomy.name} {item!r}{hint}")
        if problems:
            raise ValidationError(problems)
        if self.required and not codes:
            raise ValidationError(f"at least one {self.taxonomy.name} is required")
        return codes

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str:
        return ";".join(value or [])


class Flag(fields.Boolean):
    """A yes/no cell where empty means "not stated" (None), never False."""

    default_error_messages = {  # noqa: RUF012 - marshmallow merges this class attribute
        "invalid": "must be true or false (yes/no and 1/0 also work)"
    }

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str:
        return "" if value is None else ("true" if value else "false")


class PhoneList(fields.Field):
    """`212-577-3300 (intake); 988` <-> [PhoneEntry, ...] in E.164."""

    def __init__(self, region: str = "US", label_length: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.region = region
        self.label_length = label_length

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> list:
        try:
            entries = parse_phone_list(refuse_nul(str(value)), self.region)
        except PhoneError as error:
            raise ValidationError(str(error)) from error
        for entry in entries:
            if self.label_length and len(entry.label or "") > self.label_length:
                label = f"{entry.label[:40]}..."
                raise ValidationError(f"label ({label}) {too_long_message(self.label_length)}")
        return entries

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str:
        return format_phone_list(value or [], self.region)


class Hours(fields.Field):
    """`Mo-Fr 09:00-17:00` or `24/7` <-> [Interval, ...]."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> list:
        try:
            return parse_hours(str(value))
        except HoursError as error:
            raise ValidationError(str(error)) from error

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str:
        return format_hours(value or [])


class UrlList(fields.Field):
    """`https://a; https://b` <-> ['https://a', 'https://b'], each a web address."""

    _url = validate.URL(schemes={"http", "https"}, error="{input!r} is not a web address")

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> list[str]:
        urls = split_list(refuse_nul(str(value)))
        for url in urls:
            self._url(url)
        if self.required and not urls:
            raise ValidationError("at least one web address is required")
        return urls

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str:
        return ";".join(value or [])


class WebAddress(fields.Url):
    """An http(s) address, without NUL characters (the URL check lets them through)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", {"invalid": "is not a web address (https://...)"})
        super().__init__(schemes={"http", "https"}, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        return super()._deserialize(refuse_nul(str(value)), attr, data, **kwargs)


class Cell(StoredString):
    """A text cell without NUL characters: None is written as an empty cell."""

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str:
        return "" if value is None else str(value)
