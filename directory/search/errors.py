"""Errors the search service raises to the pages and the API."""


class SearchUnavailable(Exception):
    """The index is missing or being rebuilt: search cannot answer yet (shown as a 503)."""
