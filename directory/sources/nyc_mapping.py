"""The City's victim-services columns and our codes: the mapping table data/README.md documents.

Whatever has no code is named in words (the second item of each pair) in the listing's
description or eligibility, never dropped.
"""

from __future__ import annotations

import re

# City service column -> our service type; None: no code, named in the description.
SERVICES = {
    "CASE_MANAGEMENT": ("case_management", "case management"),
    "CRISIS_INTERVENTION": (None, "crisis intervention"),
    "LEGAL_SERVICES": ("legal", "legal services"),
    "SAFETY_PLANNING": (None, "safety planning"),
    "IMMIGRATION_SERVICES": ("immigration", "immigration services"),
    "EMERGENCY_OR_TRANSITIONAL_SHELTER": ("shelter", "help to reach shelter"),
    "PERMANENT_HOUSING": ("housing", "permanent housing"),
    "HEALTH_CARE": ("medical", "health care"),
    "MENTAL_HEALTH_COUNSELING": ("counseling", "mental health counseling"),
    "DRUG_ADDICTION_SCREENING_AND_TREATMENT": ("substance_use", "addiction screening, treatment"),
    "LANGUAGE_INTERPRETATION": (None, "language interpretation"),
    "PUBLIC_BENEFITS": (None, "help with public benefits"),
    "JOB_TRAINING_AND_ECONOMIC_EMPOWERMENT": ("employment", "job training, economic empowerment"),
    "RESTORATIVE_JUSTICE": (None, "restorative justice"),
}  # fmt: skip
# A listing needs one service type: advocacy-only rows (crisis intervention, safety
# planning, benefits) are case management, as an advocate connects the person to services.
FALLBACK_SERVICE = "case_management"

# Crimes served have no code except domestic violence; all are named in `eligibility`.
CRIMES = {
    "INTIMATE_PARTNER_VIOLENCE": ("domestic_violence", "intimate partner violence"),
    "FAMILY_VIOLENCE": ("domestic_violence", "family violence"),
    "SEXUAL_ASSAULT": (None, "sexual assault"),
    "VIOLENT_CRIME": (None, "violent crime"),
    "HATE_CRIME": (None, "hate crime"),
    "PROPERTY/FINANCIAL_CRIMES": (None, "property or financial crimes"),
}
AGES = {
    "AGE_0-5": (("youth",), "0-5"),
    "AGE_5-24": (("youth", "young_adults"), "5-24"),
    "AGE_25-60": (("adults",), "25-60"),
    "AGE_60+": (("adults",), "60 and over"),
}
COMMUNITIES = {
    "ARAB_MIDDLE_EASTERN": (None, "Arab and Middle Eastern"),
    "ASIAN_PACIFIC_ISLANDER": (None, "Asian and Pacific Islander"),
    "BLACK_AFRICAN_AMERICAN_AFRICAN": (None, "Black, African American and African"),
    "CARIBBEAN_INDO-CARIBBEAN": (None, "Caribbean and Indo-Caribbean"),
    "HISPANIC_LATINO_A_X": (None, "Hispanic and Latino/a/x"),
    "SOUTH_ASIAN": (None, "South Asian"),
    "JEWISH": (None, "Jewish"),
    "HINDU": (None, "Hindu"),
    "MUSLIM": (None, "Muslim"),
    "SIKH": (None, "Sikh"),
    "INDIGENOUS_FIRST_PEOPLE_AMERICAN_INDIAN_NATIVE_AMERICAN": (None, "Indigenous peoples"),
    "LGBTQ+": ("lgbtq", "LGBTQ+"),
    "TRANSGENDER_AND_GENDER_NONCONFORMING_FOCUS": ("lgbtq", "transgender and gender-nonconforming"),
    "PEOPLE_WITH_DISABILITIES": ("disabilities", "people with disabilities"),
}  # fmt: skip
LANGUAGE_COLUMNS = {
    "SPANISH": "es", "ARABIC": "ar", "BENGALI": "bn", "CHINESE": "zh", "FRENCH": "fr",
    "HAITIAN-CREOLE": "ht", "ITALIAN": "it", "KOREAN": "ko", "POLISH": "pl", "RUSSIAN": "ru",
    "URDU": "ur", "YIDDISH": "yi",
}  # fmt: skip
# Language names found in OTHER_LANGUAGE that have a code in our taxonomy. Chinese varieties
# are Chinese (zh); names without an ISO 639-1 code in our list stay as text.
OTHER_LANGUAGE_NAMES = {
    "albanian": "sq", "armenian": "hy", "cantonese": "zh", "farsi": "fa", "german": "de",
    "greek": "el", "gujarati": "gu", "hebrew": "he", "hindi": "hi", "japanese": "ja",
    "nepali": "ne", "portuguese": "pt", "punjabi": "pa", "singhalese": "si", "tagalog": "tl",
    "thai": "th", "tibetan": "bo", "toishanese": "zh", "vietnamese": "vi", "wenzhounese": "zh",
    "wolof": "wo", "yiddish": "yi",
}  # fmt: skip
# Every listing gets English: the City's data lists the languages *besides* English.
BASE_LANGUAGE = "en"

# Police and prosecutors are law enforcement; survivors must never mistake them.
LAW_ENFORCEMENT = re.compile(r"(?i)district attorney|police|nypd")
# An office the City lists at a police station: said plainly, since many survivors fear police.
AT_POLICE_STATION = re.compile(r"(?i)precinct|police service area")
# A site people live in (a shelter, a residence) is confidential: no address is published.
RESIDENCE = re.compile(
    r"(?i)shelter|safe ?haven|residence|apartments|supportive housing|safe ?house"
)
# A shelter-flagged row is kept public only when it names an office where help is reached.
OFFICE = re.compile(
    r"(?i)office|family justice|cent(?:er|re)|program|project|unit|district attorney|hospital"
)
# New York State and toll-free area codes: a City site's number outside them (636, Missouri)
# is far more likely a typing slip than a real line, and a wrong number fails a survivor.
AREA_CODES = frozenset(
    [
        "212",
        "315",
        "332",
        "347",
        "516",
        "518",
        "585",
        "607",
        "631",
        "646",
        "680",
        "716",
        "718",
        "838",
        "845",
        "914",
        "917",
        "929",
        "934",
        "800",
        "833",
        "844",
        "855",
        "866",
        "877",
        "888",
    ]
)
