"""The API tests search the same small directory as the search tests."""

from ..search.conftest import indexed_app, search  # noqa: F401
