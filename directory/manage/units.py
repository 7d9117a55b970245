"""Units of availability (HSDS 3.1 `unit`): what the staff form offers, what pages say."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext


@dataclass(frozen=True)
class Unit:
    """A kind of place a service counts: `code` is stored, `label` offered in the form."""

    code: str
    label: Any  # a lazy string, translated when shown
    available: Callable[[int], str]  # "3 beds available", in the page's language


UNITS: tuple[Unit, ...] = (
    Unit(
        "beds",
        _l("Beds"),
        lambda n: ngettext("%(num)d bed available", "%(num)d beds available", n),
    ),
    Unit(
        "appointments",
        _l("Appointments"),
        lambda n: ngettext("%(num)d appointment available", "%(num)d appointments available", n),
    ),
    Unit(
        "places",
        _l("Places"),
        lambda n: ngettext("%(num)d place available", "%(num)d places available", n),
    ),
)
BY_CODE = {unit.code: unit for unit in UNITS}
UNIT_CODES = tuple(BY_CODE)
