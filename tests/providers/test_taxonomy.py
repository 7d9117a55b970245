"""Taxonomies: stable codes, labels and suggestions for near misses."""

from directory.providers.taxonomy import LANGUAGES, POPULATIONS, SERVICE_TYPES, language_label

REQUIRED_SERVICES = {
    "shelter", "housing", "legal", "immigration", "counseling", "medical", "case_management",
    "hotline", "transportation", "employment", "basic_needs", "substance_use",
}  # fmt: skip
REQUIRED_POPULATIONS = {
    "adults", "youth", "young_adults", "women", "men", "lgbtq", "families", "immigrants",
    "labor_trafficking", "sex_trafficking", "sex_workers", "disabilities",
}  # fmt: skip


def test_issue_codes_exist():
    assert set(SERVICE_TYPES.codes) >= REQUIRED_SERVICES
    assert set(POPULATIONS.codes) >= REQUIRED_POPULATIONS
    city_languages = {"en", "es", "zh", "ko", "ru", "bn", "ht", "ar", "ur", "fr", "pl"}
    assert city_languages <= set(LANGUAGES.codes)


def test_codes_are_unique():
    for taxonomy in (SERVICE_TYPES, POPULATIONS, LANGUAGES):
        assert len(set(taxonomy.codes)) == len(taxonomy.codes)


def test_suggestions_by_spelling_and_synonym():
    assert SERVICE_TYPES.suggest("sheltr") == "shelter"
    assert SERVICE_TYPES.suggest("lawyer") == "legal"
    assert SERVICE_TYPES.suggest("case management") == "case_management"
    assert POPULATIONS.suggest("kids") == "youth"
    assert LANGUAGES.suggest("Spanish") == "es"
    assert SERVICE_TYPES.suggest("zzzz") is None


def test_language_labels_come_from_cldr():
    assert language_label("es") == "Spanish"
    assert language_label("es", "es") == "español"
    assert language_label("ht", "fr") == "créole haïtien"
