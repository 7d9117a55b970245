"""Multilingual everyday words and phrases mapped to taxonomy codes, search flags and stopwords."""

# fmt: off

# code -> language -> phrases. Chinese has no spaces and is matched as substrings,
# so zh tuples hold 2-4 character words (Simplified and Traditional), never single characters.
SERVICE_TERMS: dict[str, dict[str, tuple[str, ...]]] = {
}

POPULATION_TERMS: dict[str, dict[str, tuple[str, ...]]] = {
}

# Conditions a listing must meet, not taxonomy codes.
FLAG_TERMS: dict[str, dict[str, tuple[str, ...]]] = {
}

# language -> filler words dropped from queries before matching.
STOPWORDS: dict[str, tuple[str, ...]] = {
}

# fmt: on
