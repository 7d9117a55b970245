"""Signals other packages listen to, so this package never imports them (e.g. the search)."""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()
# Sent with the app after an import committed: `count` listings were written.
listings_imported = _signals.signal("listings-imported")
