"""The search service: text, concepts in many languages, filters, facets, distance, pages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from directory.search.service import UnknownPlace
from directory.search.understanding import MAX_TOKENS

from .helpers import ids

TUESDAY_NOON_NY = datetime(2026, 11, 24, 17, 0, tzinfo=UTC)
SUNDAY_NIGHT_NY = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)


def test_text_ranks_names_and_services_first(search):
    assert ids(search(q="immigration lawyer"))[0] == "flushing-legal"
    assert ids(search(q="counseling"))[0] == "manhattan-counseling"


@pytest.mark.parametrize(
    "query",
    ["abogado para visa", "律师", "律師", "변호사", "адвокат", "محامي", "avocat", "adwokata",
     "avoka pou papye", "আইনজীবী", "وکیل"],
)  # fmt: skip
def test_lawyer_in_every_language_finds_the_legal_clinic(search, query):
    assert "flushing-legal" in ids(search(q=query))[:2]


@pytest.mark.parametrize("query", ["refugio", "庇护所", "쉼터", "приют", "ملجأ", "schronisko"])
def test_shelter_in_other_languages(search, query):
    assert set(ids(search(q=query))[:2]) == {"bronx-shelter-women", "brooklyn-shelter-men"}


def test_cjk_vocabulary_is_found_inside_a_sentence(search):
    result = search(q="我需要找移民律师帮忙")
    assert set(result.understood.services) == {"legal", "immigration"}
    assert ids(result)[0] == "flushing-legal"


def test_typos_are_tolerated_but_exact_matches_rank_first(search):
    assert ids(search(q="counselling"))[0] == "manhattan-counseling"
    assert ids(search(q="imigration"))[0] == "flushing-legal"
    typo = search(q="sheltr")
    assert typo.suggestion == "shelter"
    assert set(ids(typo)[:2]) == {"bronx-shelter-women", "brooklyn-shelter-men"}


def test_advocate_query_names_service_population_place_and_language(search):
    result = search(q="shelter men brooklyn spanish")
    assert result.understood.services == ["shelter"]
    assert result.understood.populations == [("men",)]
    assert result.understood.languages == ["es"]
    assert result.place.name == "Brooklyn"
    assert ids(result)[0] == "brooklyn-shelter-men"


@pytest.mark.parametrize(
    "query", ['"', "((", "*", "a:b", "name:x OR", "[]{}", "\\", "x" * 500, "🙂" * 100, "AND OR NOT"]
)
def test_any_string_gives_results_or_none(search, query):
    result = search(q=query)
    assert result.total >= 0


def test_filters_narrow_and_combine(search):
    assert set(ids(search(services=["shelter"]))) == {"bronx-shelter-women", "brooklyn-shelter-men"}
    assert ids(search(services=["medical", "hotline"], per_page=50)) != []
    assert set(ids(search(languages=["bn"]))) == {"worker-center"}
    assert set(ids(search(populations=["lgbtq"]))) == {"lgbtq-youth"}
    assert "manhattan-counseling" not in ids(search(facts={"free"}, per_page=50))
    assert set(ids(search(facts={"no_id_required"}))) == {"si-clinic"}
    assert set(ids(search(facts={"no_police_required"}))) == {"brooklyn-shelter-men"}
    assert set(ids(search(facts={"status_neutral"}))) == {"flushing-legal"}
    assert set(ids(search(facts={"walk_in"}, per_page=50))) == {
        "flushing-legal",
        "si-clinic",
        "lgbtq-youth",
    }
    assert set(ids(search(facts={"open_24_7"}, per_page=50))) == {
        "bronx-shelter-women", "brooklyn-shelter-men", "national-line",
    }  # fmt: skip
    assert ids(search(services=["shelter"], languages=["zh"])) == []


def test_open_now_uses_each_listings_hours_and_time_zone(search):
    noon = set(ids(search(facts={"open_now"}, now=TUESDAY_NOON_NY, per_page=50)))
    assert {"flushing-legal", "si-clinic", "lgbtq-youth", "worker-center"} <= noon
    night = set(ids(search(facts={"open_now"}, now=SUNDAY_NIGHT_NY, per_page=50)))
    assert night == {"bronx-shelter-women", "brooklyn-shelter-men", "national-line"}


def test_empty_query_with_filters_browses(search):
    result = search(q="", services=["legal"])
    assert result.total == 2
    assert result.understood.words == []


def test_facets_count_each_group_without_its_own_filter(search):
    result = search(services=["shelter"])
    assert result.facets["service"]["legal"] == 2  # what switching to legal would give
    assert result.facets["service"]["shelter"] == 2
    assert result.facets["language"] == {"en": 2, "es": 2}
    assert result.facets["population"]["men"] == 1


def test_near_a_place_sorts_by_distance_and_reports_it(search):
    result = search(near="Flushing", sort="distance", per_page=50)
    assert ids(result)[0] == "flushing-legal"
    distances = [hit.distance_km for hit in result.hits if hit.distance_km is not None]
    assert distances == sorted(distances)
    assert result.hits[-1].id == "national-line" and result.hits[-1].distance_km is None


def test_radius_keeps_nearby_and_phone_services(search):
    nearby = set(ids(search(near="11354", radius_km=5, per_page=50)))
    assert nearby == {"flushing-legal", "national-line"}
    wider = set(ids(search(near="40.7596,-73.8303", radius_km=15, per_page=50)))
    assert {"flushing-legal", "worker-center", "manhattan-counseling"} <= wider
    assert "si-clinic" not in wider


def test_confidential_listings_are_placed_by_area_only(search, indexed_app):
    result = search(near="Mott Haven", sort="distance", per_page=50)
    shelter = next(hit for hit in result.hits if hit.id == "bronx-shelter-women")
    assert shelter.distance_km is not None  # measured from the ZIP centroid, not the shelter


def test_unknown_place_is_an_error(search):
    with pytest.raises(UnknownPlace):
        search(near="Atlantis")


def test_exact_total_and_pagination(search):
    everything = search(per_page=3)
    assert everything.total == 8
    pages = [ids(search(per_page=3, page=n)) for n in (1, 2, 3)]
    assert [len(p) for p in pages] == [3, 3, 2]
    assert len({i for page in pages for i in page}) == 8
    assert ids(search(per_page=3, page=4)) == []


def test_little_found_offers_a_suggestion(search):
    result = search(q="conseling")
    assert result.suggestion == "counseling"


def test_a_word_naming_who_is_served_leaves_out_listings_for_others_only(search):
    men = ids(search(q="shelter men", per_page=50))
    assert "brooklyn-shelter-men" in men and "bronx-shelter-women" not in men
    women = ids(search(q="shelter women", per_page=50))
    assert "bronx-shelter-women" in women and "brooklyn-shelter-men" not in women
    # Listings that name no gender serve everyone and stay.
    assert "national-line" in ids(search(q="hotline men", per_page=50))


def test_removing_a_reading_undoes_it(search):
    kept = search(q="shelter men", ignore=("populations:men",), per_page=50)
    assert kept.understood.populations == []
    assert "bronx-shelter-women" in ids(kept)
    assert "men" in kept.understood.literal_words


def test_unknown_text_is_searched_as_text_not_the_whole_directory(search):
    result = search(q="我的猫不见了")
    assert result.total == 0
    assert search(q="Wage theft").total >= 1 and ids(search(q="Wage theft"))[0] == "worker-center"


@pytest.mark.parametrize("text", ["律" * 500, "🙂" * 500, "shelterr " * 55, "x" * 500])
def test_any_500_character_query_does_bounded_work(search, text):
    # Its time is measured by `python -m bench.long_queries` (timing belongs in bench/).
    result = search(q=text)
    assert result.understood.budget.spent <= result.understood.budget.limit
    assert len(result.understood.literal_words) <= MAX_TOKENS
