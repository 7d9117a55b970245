"""The index schema: text fields Whoosh scores, and compact columns numpy filters on."""

from __future__ import annotations

import re
from collections import Counter

from whoosh import columns, fields, formats
from whoosh.analysis import STOP_WORDS, Analyzer, Token
from whoosh.codec.whoosh3 import W3Codec
from whoosh.lang.porter import stem
from whoosh.system import pack_uint

from directory.providers.taxonomy import LANGUAGES, POPULATIONS, SERVICE_TYPES

from .facts import FLAG_BITS
from .postings import BlockPostingsWriter, RecordingFieldWriter

# Name and service types outrank the description: a listing *named* a legal clinic is a
# better answer to "lawyer" than one that mentions a lawyer once.
FIELD_BOOSTS = {
    "name": 3.0,
    "service_text": 2.5,
    "organization": 1.5,
    # Who is served and where (city, service area): one field, as each field costs build time.
    "context": 0.8,
    "description": 1.0,
}
TEXT_FIELDS = tuple(FIELD_BOOSTS)

SERVICE_BITS = {code: 1 << n for n, code in enumerate(SERVICE_TYPES.codes)}
POPULATION_BITS = {code: 1 << n for n, code in enumerate(POPULATIONS.codes)}
LANGUAGE_INDEX = {code: n for n, code in enumerate(LANGUAGES.codes)}
LANGUAGE_BYTES = 16  # room for 128 language codes
assert len(SERVICE_BITS) <= 32 and len(POPULATION_BITS) <= 32
assert len(LANGUAGE_INDEX) <= LANGUAGE_BYTES * 8

# What a generation's documents hold; an index built to another format is rebuilt on first
# use. Bump the number when `provider_to_document` or the files change meaning (4: flat
# postings files; 5: hashed keys in them; 6: the day a listing was last verified is a
# column, and "out of date" is decided per search).
INDEX_FORMAT = "6;flags=" + ",".join(FLAG_BITS)

# Coordinates as integer micro-degrees: float columns crash in whoosh-reloaded 2.7.5.
NO_COORDINATE = -(2**31)
# The day a listing was last verified, as date.toordinal(); this when it never was.
NO_DAY = -(2**31)


_WORD = re.compile(r"\w+(?:\.?\w+)*")


class EnglishAnalyzer(Analyzer):
    """Lowercase, drop English stopwords, Porter-stem: Whoosh's StemmingAnalyzer in one pass.

    Building the index spends much of its time in analysis; one loop with a stem cache is
    faster than the chain of generators and gives the same terms.
    """

    def __init__(self) -> None:
        self._stems: dict[str, str | None] = {}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EnglishAnalyzer)

    def __hash__(self) -> int:
        return hash(EnglishAnalyzer)

    def term(self, word: str) -> str | None:
        """The index term of one lowercase word, or None for a stopword."""
        found = self._stems.get(word, "")
        if found == "":
            found = None if len(word) < 2 or word in STOP_WORDS else stem(word)
            if len(self._stems) < 200_000:
                self._stems[word] = found
        return found

    def terms(self, value: str) -> list[str]:
        """The index terms of a text, in order, stopwords dropped."""
        words = _WORD.findall(value.lower())
        stems = self._stems
        # Most words are in the cache: looked up without a Python call each.
        found = [stems.get(word, "") for word in words]
        if "" in found:
            pairs = zip(found, words, strict=True)
            found = [self.term(word) if t == "" else t for t, word in pairs]
        return [t for t in found if t]

    def __call__(self, value, positions=False, start_pos=0, **kwargs):
        token = Token(positions=positions, **kwargs)
        position = start_pos
        for match in _WORD.finditer(value.lower()):
            text = self.term(match.group())
            if text:
                token.text, token.boost, token.stopped = text, 1.0, False
                if positions:
                    token.pos = position
                    position += 1
                yield token


class CountedFrequency(formats.Frequency):
    """Whoosh's term-frequency format, counting a text's terms in one pass.

    Whoosh's own format builds a token object per word; counting the analyzer's terms with
    `Counter` gives the same (term, frequency, weight, value) rows in a fraction of the time.
    """

    def term_counts(self, value, analyzer) -> Counter | None:
        """Each term of a text and its count; None where Whoosh's own way must count them."""
        if not isinstance(value, str) or not hasattr(analyzer, "terms"):
            return None
        return Counter(analyzer.terms(value))

    def word_values(self, value, analyzer, **kwargs):
        counts = self.term_counts(value, analyzer)
        if counts is None:
            return super().word_values(value, analyzer, **kwargs)
        boost = self.field_boost
        return ((term, n, n * boost, pack_uint(n)) for term, n in counts.items())


class SearchCodec(W3Codec):
    """Whoosh's W3 format without per-block length statistics.

    Only Whoosh's own scorer reads them (to skip blocks); this service scores in numpy from
    the per-document length columns, which are still written. Gathering the statistics
    re-read every posting's field length from disk and took a fifth of the build.
    """

    length_stats = False

    def __init__(self, blocklimit: int = 128, compression: int = 0, inlinelimit: int = 1):
        # Blocks of postings are not compressed: zlib set up for each small block was ~12% of a
        # build, for files ~1.5x smaller that searches never read (they read the flat
        # postings, postings.py). Each block says whether it is compressed, so segments
        # written before read as they did.
        super().__init__(blocklimit, compression, inlinelimit)

    def field_writer(self, storage, segment):
        return RecordingFieldWriter(self, storage, segment, frozenset(TEXT_FIELDS))

    def postings_writer(self, dbfile, byteids=False):
        return BlockPostingsWriter(
            dbfile, blocklimit=self._blocklimit, byteids=byteids,
            compression=self._compression, inlinelimit=self._inlinelimit,
        )  # fmt: skip


def make_schema() -> fields.Schema:
    """The Whoosh schema; every non-text value lives in a fixed-width column."""
    analyzer = EnglishAnalyzer()
    # Frequencies without positions: no phrase queries are run, and positions cost time.
    # Field boosts are applied when scoring, not stored in the weights.
    text = {name: fields.TEXT(analyzer=analyzer, phrase=False) for name in FIELD_BOOSTS}
    for field in text.values():
        field.format = CountedFrequency(field_boost=field.format.field_boost)
    return fields.Schema(
        id=fields.ID(unique=True, stored=True),
        version=fields.STORED(),  # documents.document_version: what verify compares
        lat_e6=fields.COLUMN(columns.NumericColumn("i", default=NO_COORDINATE)),
        lon_e6=fields.COLUMN(columns.NumericColumn("i", default=NO_COORDINATE)),
        service_bits=fields.COLUMN(columns.NumericColumn("I", default=0)),
        population_bits=fields.COLUMN(columns.NumericColumn("I", default=0)),
        flag_bits=fields.COLUMN(columns.NumericColumn("I", default=0)),
        verified_day=fields.COLUMN(columns.NumericColumn("i", default=NO_DAY)),
        language_bits=fields.COLUMN(columns.FixedBytesColumn(LANGUAGE_BYTES)),
        hours=fields.COLUMN(columns.RefBytesColumn()),
        time_zone=fields.COLUMN(columns.RefBytesColumn()),
        **text,
    )
