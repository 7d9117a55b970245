"""Query understanding: every vocabulary entry, every script's folding, typos kept in language."""

from __future__ import annotations

import random

import pytest
import zhconv

from directory.providers.taxonomy import POPULATIONS, SEARCH_EXAMPLES, SERVICE_TYPES
from directory.search import vocabulary
from directory.search.fuzzy import QUERY_BUDGET
from directory.search.understanding import MAX_TOKENS, understand

ENTRIES = vocabulary.entries()


def codes(understood) -> set[tuple[str, str]]:
    """Every (kind, code) a query was understood to name."""
    found = {
        (kind, code)
        for kind in ("services", "languages", "flags")
        for code in getattr(understood, kind)
    }
    return found | {("populations", "|".join(codes)) for codes in understood.populations}


def test_every_vocabulary_entry_alone_is_understood_as_its_code():
    wrong = [
        (e.source, e.kind, e.code, e.phrase)
        for e in ENTRIES
        if (e.kind, e.code) not in codes(understand(e.phrase))
    ]
    assert not wrong, wrong[:20]


@pytest.mark.parametrize("locale", sorted(vocabulary.catalog_translations()))
def test_every_label_and_example_word_of_a_catalog_is_a_search_term(locale):
    messages = vocabulary.catalog_translations()[locale]
    terms = [("services", t.code, t.label) for t in SERVICE_TYPES.terms]
    terms += [("populations", t.code, t.label) for t in POPULATIONS.terms]
    terms += [("services", code, word) for code, word in SEARCH_EXAMPLES]
    missing, wrong = [], []
    for kind, code, label in terms:
        text = messages.get(vocabulary.msgid(label))
        if not text:
            missing.append(vocabulary.msgid(label))
        elif (kind, code) not in codes(understand(text)):
            wrong.append((code, text))
    assert not missing and not wrong, (missing, wrong)


def test_labels_come_from_the_catalogs_not_a_copy():
    by_source = {e.source for e in ENTRIES}
    assert {f"catalog {locale}" for locale in vocabulary.catalog_translations()} <= by_source
    assert ("services", "counseling") in codes(understand("心理諮商"))  # zh_Hant's label
    assert ("services", "shelter") in codes(understand("hébergement"))  # fr's label


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("مساعده قانونيه", "legal"),  # ة written as ه
        ("محامٍ", "legal"),  # tanween
        ("السكن", "housing"),  # the article
        ("للمحامي", "legal"),  # article glued to a preposition
        ("المأوى", "shelter"),  # ى and the article
        ("تارکینِ وطن", "immigrants"),  # Urdu zer
        ("변호사가", "legal"),  # Korean particle
        ("쉼터를", "shelter"),
        ("상담", "counseling"),  # alone: counseling
        ("법률 상담", "legal"),  # inside the longer phrase: legal advice
        ("টাকা লাগবে না", "free"),  # Bengali verb form
        ("забрали паспорт", "labor_trafficking"),  # Russian word forms
        ("где жить", "housing"),
        ("кризисного центра", "shelter"),
        ("prawnikiem", "legal"),  # Polish case ending, by its stem
        ("abogados", "legal"),
    ],
)
def test_words_are_folded_per_script(query, code):
    assert code in {c for _, c in codes(understand(query))}, query


def test_chinese_traditional_and_simplified_find_each_others_words():
    chinese = [e for e in ENTRIES if e.language == "zh" and e.kind != "languages"]
    wrong = []
    for entry in chinese:
        for script in ("zh-hans", "zh-hant"):
            text = zhconv.convert(entry.phrase, script)
            if (entry.kind, entry.code) not in codes(understand(text)):
                wrong.append((entry.code, text))
    assert not wrong, wrong[:10]


@pytest.mark.parametrize(
    ("query", "meant", "not_meant"),
    [
        ("جواز سفر", ("services", "immigration"), ("services", "transportation")),
        ("defensor público", ("services", "legal"), ("services", "case_management")),
        ("دلال", ("populations", "labor_trafficking|sex_trafficking"), None),
        ("দালাল", ("populations", "labor_trafficking|sex_trafficking"), None),
        ("政治庇护", ("services", "immigration"), ("services", "shelter")),
    ],
)
def test_a_word_inside_a_longer_phrase_keeps_the_phrase_meaning(query, meant, not_meant):
    found = codes(understand(query))
    assert meant in found
    assert not_meant not in found


@pytest.mark.parametrize(
    ("query", "interface"),
    [("años", None), ("años", "es"), ("paga", None), ("paga", "es"), ("boss", None)],
)
def test_real_words_are_never_corrected_into_another_word(query, interface):
    understood = understand(query, interface_language=interface)
    assert understood.corrections == {}
    assert codes(understood) == set()


def test_suggestions_never_change_meaning():
    understood = understand("boss took my passport")
    assert "boss" not in understood.corrections
    assert ("populations", "men") not in codes(understood)
    assert ("populations", "labor_trafficking") in codes(understood)


def test_corrections_stay_inside_the_query_language():
    # "ados" (French teens) is one edit from "años" and "abos"; a Spanish query never gets it.
    spanish = understand("refugio para menores de 18 anos", interface_language="fr")
    assert "ados" not in spanish.corrections.values()
    assert understand("sheltr").corrections == {"sheltr": "shelter"}
    assert understand("abogdo", interface_language="es").corrections == {"abogdo": "abogado"}


@pytest.mark.parametrize("query", ["18", "18 24", "24"])
def test_numbers_alone_name_no_population(query):
    assert understand(query).populations == []


@pytest.mark.parametrize(
    "query",
    ["menores de 18", "до 18 лет", "دون 18 سنة", "under 18", "moins de 18 ans", "18세 미만"],
)
def test_under_18_is_about_minors(query):
    assert understand(query).populations == [("youth",)]


def test_unknown_text_is_kept_as_text():
    understood = understand("我的猫不见了")
    assert understood.words or understood.literal_words
    assert codes(understood) == set()


@pytest.mark.parametrize(
    ("query", "place"),
    [
        ("法拉盛律师", "Flushing"),
        ("律師 法拉盛", "Flushing"),
        ("플러싱 변호사", "Flushing"),
        ("адвокат Брайтон-Бич", "Brighton Beach"),
        ("адвокат брайтон бич", "Brighton Beach"),
        ("جیکسن ہائٹس وکیل", "Jackson Heights"),
        ("محامي بروكلين", "Brooklyn"),
        ("আইনজীবী জ্যাকসন হাইটস", "Jackson Heights"),
        ("唐人街 免费", "Chinatown"),
        ("abogado en El Bronx", "Bronx"),
        ("lawyer flushng", "Flushing"),
        ("shelter brooklin", "Brooklyn"),
        ("jamiaca queens", "Jamaica"),
        ("harlm", "Harlem"),
        ("washington heigths lawyer", "Washington Heights"),
    ],
)
def test_places_in_every_script_and_misspelt(query, place):
    understood = understand(query)
    assert understood.place is not None and understood.place.name == place, query


def _random_text(alphabet: str, seed: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(alphabet) for _ in range(500))


LONG_INPUTS = [
    "x" * 500,
    "律" * 500,
    "🙂" * 500,
    _random_text("律师庇护所我的猫法拉盛的", 1),
    _random_text("abcdefghijklmnopqrstuvwxyz ", 2),
    _random_text("abcdefghijklmnopqrstuvwxyz", 3),
    _random_text("абвгдежзийклмнопрстуфхцчшщ ", 4),
    _random_text("ابتثجحخدذرزسشصضطظعغفقكلمنهوي ", 5),
    _random_text("가나다라마바사아자차카타파하 ", 6),
    _random_text("🙂😀🏠⚖️ 🆘", 7),
    " ".join(["shelterr"] * 100),
]


@pytest.mark.parametrize("text", LONG_INPUTS, ids=range(len(LONG_INPUTS)))
def test_any_500_characters_cost_a_bounded_amount_of_work(text):
    # The time this takes is measured by `python -m bench.long_queries`, not here.
    understood = understand(text)
    assert understood.budget.spent <= QUERY_BUDGET
    words = understood.words + understood.literal_words + understood.exact_words
    assert len(words) <= MAX_TOKENS


@pytest.mark.parametrize("interface", ["zh", "ko", "ar", "es"])
def test_a_latin_typo_is_corrected_into_english_whatever_the_interface(interface):
    assert understand("sheltr", interface_language=interface).corrections == {"sheltr": "shelter"}


def test_every_place_name_the_pages_show_is_understood():
    from directory.search.known import _shown_place_names

    shown = _shown_place_names()
    assert len(shown) > 100
    found = {name: understand(name).place for name, _ in shown}
    wrong = [(name, place) for name, place in shown if not found[name] or found[name].name != place]
    assert not wrong, wrong[:10]
