"""Schemathesis against our own OpenAPI descriptions: no 5xx, every answer as described."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig

from directory.geo.geocoder import OfflineGeocoder
from directory.providers.importer import import_providers
from directory.search.extension import build_index

from ..conftest import FIXTURES

# Bounded so the suite stays quick: generated requests per operation and mode.
EXAMPLES = 10
# A place must be one we know (`near`, `postcode`): a well-formed unknown place is a 422
# naming it, which no schema can express; every other check and status rule stays as is.
CONFIG = SchemathesisConfig.from_dict(
    {
        "operations": [
            {
                "include-path": path,
                "checks": {
                    "positive_data_acceptance": {"expected-statuses": ["2xx", "404", "422", "429"]}
                },
            }
            for path in ("/api/v1/search", "/hsds/service_at_locations")
        ]
    }
)


@pytest.fixture
def listed_app(app):
    with app.app_context():
        import_providers(FIXTURES / "providers_good.csv", OfflineGeocoder(), "America/New_York")
        build_index()
    return app


def check_every_operation(app, openapi_path: str) -> int:
    """Send generated valid and invalid requests to each operation; run every check."""
    schema = schemathesis.openapi.from_wsgi(openapi_path, app, config=CONFIG)
    checked = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                database=None,
            )
            def call(case):
                case.call_and_validate()

            try:
                call()
            except Unsatisfiable:
                # Only invalid input is unsatisfiable, where an operation takes none that can
                # be invalid (no parameters, or free-text ones).
                assert mode == GenerationMode.NEGATIVE, operation.label
        checked += 1
    return checked


def operations_in(app, openapi_path: str) -> int:
    """Operations described, less the description itself (schemathesis skips its own URL)."""
    paths = app.test_client().get(openapi_path).get_json()["paths"]
    return sum(len(ops) for path, ops in paths.items() if path != openapi_path)


@pytest.mark.parametrize("openapi_path", ["/api/v1/openapi.json", "/hsds/openapi.json"])
def test_every_operation_conforms_to_its_description(listed_app, openapi_path):
    checked = check_every_operation(listed_app, openapi_path)
    assert checked == operations_in(listed_app, openapi_path) >= 4
