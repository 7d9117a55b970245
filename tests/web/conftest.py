"""The web pages are tested on the same small directory as the search engine."""

from ..search.conftest import indexed_app, search  # noqa: F401
