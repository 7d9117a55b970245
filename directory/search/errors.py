"""What the search service raises when it cannot answer."""

from __future__ import annotations


class SearchUnavailable(Exception):
    """The index is not ready (being built or rebuilt at start): answer 503, try again soon."""
