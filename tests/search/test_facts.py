"""Yes/no facts declared once: index bits, filters and request fields all follow them."""

from __future__ import annotations

from directory.search.facts import FACTS, FILTER_FACTS, FLAG_BITS
from directory.search.filters import FILTERS
from directory.search.request import SearchRequestSchema
from directory.search.schema import INDEX_FORMAT


def test_each_indexed_fact_has_its_own_bit():
    indexed = [fact.name for fact in FACTS if fact.read is not None]
    assert list(FLAG_BITS) == indexed
    assert len(set(FLAG_BITS.values())) == len(indexed)
    assert all(name in INDEX_FORMAT for name in indexed)


def test_each_labelled_fact_is_a_filter_and_a_request_field():
    filter_fields = {f.field for f in FILTERS}
    schema_fields = set(SearchRequestSchema().fields)
    for fact in FILTER_FACTS:
        assert fact.field in filter_fields and fact.field in schema_fields
    assert "exclude_law_enforcement" in filter_fields


def test_law_enforcement_filter_sits_next_to_no_police():
    names = [fact.name for fact in FILTER_FACTS]
    assert names.index("law_enforcement") == names.index("no_police_required") + 1
