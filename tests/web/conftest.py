"""The web pages are tested on the same small directory as the search engine."""

import pytest

from ..search.conftest import indexed_app, search  # noqa: F401


@pytest.fixture
def web(indexed_app):  # noqa: F811
    """A test client on the small indexed directory."""
    return indexed_app.test_client()
