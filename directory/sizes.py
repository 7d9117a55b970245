"""Input checks derived from the columns values are written to: length, and no NUL character.

PostgreSQL refuses a string longer than its VARCHAR(n) column, and any NUL character, at
write time; SQLite stores both. Every schema that feeds the database checks them first, with
the size read from the model column, so the two databases accept exactly the same values.
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate

NUL_MESSAGE = "contains a NUL character (\\x00), which cannot be stored: remove it"


def max_length(column: Any) -> int:
    """The length of a String(n) column (a model attribute or a Column)."""
    length = getattr(column.type, "length", None)
    if not length:
        raise TypeError(f"{column} has no length")
    return length


def too_long_message(length: int) -> str:
    return f"is too long: at most {length} characters"


def fits(column: Any) -> validate.Length:
    """A validator refusing values longer than `column` holds."""
    length = max_length(column)
    return validate.Length(max=length, error=too_long_message(length))


def refuse_nul(value: str) -> str:
    """`value` unchanged, or a ValidationError if it holds a NUL character."""
    if "\x00" in value:
        raise ValidationError(NUL_MESSAGE)
    return value


def has_nul(*values: Any) -> bool:
    """Whether any of these strings holds a NUL character (a lookup that can match nothing)."""
    return any(isinstance(value, str) and "\x00" in value for value in values)


class StoredString(fields.String):
    """A string bound for the database: a NUL character is refused with a clear message."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        return refuse_nul(super()._deserialize(value, attr, data, **kwargs))
