"""Reading a search request: one schema for the API and the pages, fields from the facts."""

from __future__ import annotations

import pytest
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from directory.search.facts import FILTER_FACTS
from directory.search.request import SearchRequest, SearchRequestSchema, parameters_of


def load(pairs) -> SearchRequest:
    return SearchRequestSchema().load(parameters_of(MultiDict(pairs)))


def test_parameters_load_straight_into_a_request_with_tuples():
    request = load(
        [("q", "abogado"), ("service", "legal,shelter"), ("service", "housing"),
         ("language", "es"), ("free", "true"), ("exclude_law_enforcement", "1"),
         ("radius_mi", "5"), ("page", "2")]
    )  # fmt: skip
    assert request.services == ("legal", "shelter", "housing")
    assert request.languages == ("es",) and request.populations == ()
    assert request.facts == {"free", "exclude_law_enforcement"}
    assert request.asks("free") and not request.asks("walk_in")
    assert request.radius_km == pytest.approx(8.04672) and request.radius_mi == 5
    assert request.page == 2


def test_every_fact_filter_is_a_request_field():
    fields = SearchRequestSchema().fields
    for fact in FILTER_FACTS:
        assert fields[fact.field].load_default is False
        assert load([(fact.field, "yes")]).facts == {fact.field}


def test_bad_values_are_named():
    with pytest.raises(ValidationError) as error:
        load([("service", "sheltr"), ("exclude_law_enforcement", "maybe")])
    assert set(error.value.messages) == {"service", "exclude_law_enforcement"}
