"""Relevance, fact matching and the memo's selection; summaries in coverage.py.

One `Index` is built per corpus and serves every query:

* relevance: BM25 of the query's stemmed terms (keywords weigh double) against each
  sentence, divided by what a sentence holding every query term would score, so 1.0
  means "says everything the query asks" and the same scale serves every theme; a
  question for a number or a date favours sentences that give one;
* support: whether a sentence matches enough of a theme to stand in its section (see
  SUPPORT), and so whether a theme is covered at all;
* same fact: sentences of other sources that carry a fact, found by names, numbers and
  quotations they share (see `same_fact`), so one item cites every source;
* selection: the coverage objective of coverage.py, per theme, in one global greedy
  over all themes, so a sentence goes to the theme it fits best and no fact appears
  twice. Multi-source support comes from the concept weights: a concept counts once
  per document that holds it.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

from briefing.models import Citation, Sentence, Share, Theme
from briefing.coverage import FEW_SOURCES, PARAMS, Coverage, Params, concept_weights, maximize, sentence_concepts
from briefing.dates import date_terms, is_date_term, says_when
from briefing.terms import REPORTING_WORDS, capitalised_terms, content_terms, entity_mentions, prime, proper_terms, tokens

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Vector = npt.NDArray[np.float64]
    Matrix = npt.NDArray[np.float64]
    Mask = npt.NDArray[np.bool_]

log = logging.getLogger("briefing")

# Set by reading memos of the sample corpus and of small corpora of other stories (tests);
# docs/selection.md describes the selector.
K1, B = 1.2, 0.75
MIN_WORDS, MAX_WORDS = 7, 70
# A theme is covered when some sentence matches two or more of its terms, one of them a
# marker the user declared (a keyword, or without keywords a word of its name), for a weight of at
# least SUPPORT (a keyword, 2, and a query word, 1). A query's length does not move it;
# a lone shared word, or common words without a marker, fail it. A query too short to
# reach it ("Troops": "How many troops remain?") needs all of its terms instead. Every
# item of a section must pass the same test.
SUPPORT = 3.0
ELIGIBLE = 0.1  # least relevance of a sentence to be picked for a theme
HOME_RATIO = 0.6  # a sentence fits a theme only within this ratio of its best theme
PADDING = 0.15  # an item must be worth this share of its section's first item
DANGLING_PRIOR = 0.75  # a sentence that opens on what came before it ("It...", "This...")
MEMO_DANGLING = 0.5  # a memo item that leans on the sentence before it, a further factor
REDUNDANT = 0.45  # cosine above which a sentence repeats one already picked
# Two sentences carry the same fact when they share three terms or more and either
# say nearly the same (IDF-weighted share of the shorter one's terms at VERBATIM), or
# share a good part (at SHARE) including two names or numbers, or the same quotation:
# wordings of a fact differ, but its names, numbers and quoted words recur. In a small corpus a repeated fact has a low
# IDF precisely because it is repeated, so names and numbers, not rarity, decide.
DUPLICATE_VERBATIM = 0.6
DUPLICATE_SHARE = 0.33
DUPLICATE_ENTITIES = 2
COMMON_ENTITY = 0.05  # names and numbers in more than this share of sentences do not count
ALIAS = 2 / 3  # two names found together in this share of the rarer one's sentences name one referent
ALIAS_GAP = 4  # ... when written with at most this many words between them somewhere
SECOND_HAND = 0.75  # how surely a sentence must retell one of a fact's wordings to join it through that one
SAME_TELLING = 0.5  # share of what the sentence telling less says that the other says too
SAME_QUOTE = 0.6  # share of the shorter quotation's terms that the other quotation holds
_JOINED = re.compile(r"of(?: the)?", re.IGNORECASE)  # "Institutes of Health", "Bank of the South"

# A space before a comma or a full stop: what a page's link leaves when its text is lost
# ("while the military presence in Iraq , operations ... continue"). Not before a colon
# or a semicolon, where French typography puts one.
_HOLE = re.compile(r"[\w\"”’)] ,(?=\s)|[\w\"”’)] \.$")
# A quotation's opening marks, wire copy's "``" and "''" among them, and the marks that
# may close it. A "''" before a space or at the end closes a quotation; a stray one opens
# none. A single "`" opens one only at the sentence's start (further on it marks a title
# or a quotation within one), and a single "'" closes it only after a comma or a stop:
# elsewhere it is mostly an apostrophe.
_CLOSING_QUOTES = {"``": ("''",), "''": ("''",), "“": ("”",), '"': ('"', "''"), "`": ("''", "'")}
_OPENS = re.compile(r"``|^`|''(?=\S)|“|\"")
_SINGLE_CLOSE = re.compile(r"(?<=[,.?!])'(?!')(?=\s|$)")  # "`Refer to the clips,' Gingrich told..."
_OPENING_QUOTE = r"(?:(?:" + "|".join(map(re.escape, _CLOSING_QUOTES)) + r"|[‘'])\s*)?"
# A sentence that announces what follows tells nothing itself: "Here is what we know as
# of Monday morning.", "Here's what you need to know.", "The following are major news
# items in leading British newspapers Wednesday." (not "The following day, ...", nor
# "The following were among those killed: ..." with its list).
_SIGNPOST = re.compile(
    r"^" + _OPENING_QUOTE + r"(?:here(?:'s|’s|\s+is|\s+are)\s+(?:what|how|why|where|when|who|a\s+look|everything|the\s+latest)"
    r"|the\s+following\s+(?:is|are|was|were)\b(?![^:]*:\s*\S))\b",
    re.IGNORECASE,
)
_CONNECTIVES = r"and|but|or|so(?!\s+far\b)|also|then"  # not "So far, officials ..."
# Words after "this" or "these" that tell when: "This year's El Nino", "These days".
_WHEN_WORDS = r"days|week|weekend|month|year|morning|afternoon|evening|night|season|summer|spring|fall|autumn|winter|decade|century"
# Words that point to what came before: "It ...", "They ...", "Such ...".
_POINTERS = (
    rf"(?:(?:this|these)(?!\s+(?:{_WHEN_WORDS})\b)|"
    r"that|those|it|its|they|their|them|he|she|his|her|such|here|"
    # "There, the coalition..." points back; "There are 2,500 troops" stands alone.
    r"there(?!\s+(?:is|are|was|were|has|have|had|will|would|may|might|could|seems?|appears?)\b|['’]s\b))"
    r"\b(?!-)"  # not "Then-President Bush", "So-called trap crops"
)
_DANGLING = re.compile(
    r"^" + _OPENING_QUOTE + r"(?:[A-Z][a-z]+,\s+|so\s+far,?\s+)?"  # "Today, it ...", "Still, they ...", "So far it ..."
    rf"(?:(?:{_CONNECTIVES})\b(?!-)|{_POINTERS})",
    re.IGNORECASE,
)
# A connective says who or what without the sentence before it unless a pointer
# follows it, maybe after an opening phrase: "But it ...", "But Tuesday night, he
# acknowledged ..." lean on it; "But Primakov said ...", "But the West Nile virus had
# never before been detected ..." do not.
_CONNECTIVE_OPENS = re.compile(rf"^{_OPENING_QUOTE}(?:{_CONNECTIVES})\b(?!-)", re.IGNORECASE)
_CONNECTIVE_POINTS = re.compile(
    rf"^{_OPENING_QUOTE}(?:{_CONNECTIVES}),?\s+(?:(?:{_CONNECTIVES})\s+)?(?:[^,;:]{{1,40}},\s+)?{_POINTERS}"
    r"|^" + _OPENING_QUOTE + r"so\s+(?:do|does|did|is|are|was|were|will|would|can|could|has|have|had)\b",  # "So do hormones"
    re.IGNORECASE,
)


def _says_who(text: str) -> bool:
    """A dangling sentence that says who or what all the same: a connective before what
    it names ("But Primakov said ..."), not before a pointer, nor in a quotation whose
    speaker is "he" ("``But we are demanding...,'' he said.")."""
    return bool(_CONNECTIVE_OPENS.match(text) and not _CONNECTIVE_POINTS.match(text) and not _unattributed(text))


def _dangles(text: str) -> bool:
    """The sentence opens on what came before it: a pointer, a connective, or a
    quotation whose speaker the sentence before names ("he said")."""
    return _DANGLING.match(text) is not None or _unattributed(text)


# "``I want to start a charity,'' he told Mallot.": who "he" is, the sentence before says.
_SPOKE = "|".join(sorted(REPORTING_WORDS | {"asked", "explained", "recalled", "adds", "admits", "admitted", "insisted",
                                             "argued", "replied", "joked", "conceded", "was quoted as saying"}))
# After the pronoun any verb names no one: "she asks", "he continued", "he once said".
_SPEAKER_POINTS = re.compile(
    r"^\W*(?:(?:he|she|they|we|i)\s+(?:(?:[a-z]+ly|once|later|then|also)\s+)?"
    rf"(?:{_SPOKE}|wrote|spoke|thought|(?!(?:is|was|has|does|goes)\b)[a-z]+(?:s|ed))\b"
    rf"|(?:{_SPOKE})\s+(?:he|she|they|we)\b)",
    re.IGNORECASE,
)


class _Quotation(NamedTuple):
    start: int
    words: slice  # what it quotes
    end: int  # the sentence's end when it is not closed there
    closed: bool


def _quotations(text: str) -> Iterator[_Quotation]:
    """A sentence's quotations, in order. Each runs to its first closing mark: an opening
    mark inside it opens another paragraph of the same quotation (wire copy and curly
    typography open a long quotation again at each paragraph and close it once, "``We
    couldn't go out. ``Even the restaurants are closed,'' she said."). One pass: each
    closing mark's next place is looked for again only once the scan has passed it."""
    at, ahead = 0, dict[str, int]()  # a closing mark's next place from the last look; -1: none
    while m := _OPENS.search(text, at):
        ends = []
        for close in _CLOSING_QUOTES[m[0]]:
            if close == "'":  # only at the sentence's start: looked for once
                k = single.start() if (single := _SINGLE_CLOSE.search(text, m.end())) else -1
            elif 0 <= (k := ahead.get(close, 0)) < m.end():
                k = ahead[close] = text.find(close, m.end())
            if k >= 0:
                ends.append((k, close))
        if not ends:
            yield _Quotation(m.start(), slice(m.end(), len(text)), len(text), closed=False)
            return
        end, close = min(ends)
        yield _Quotation(m.start(), slice(m.end(), end), end + len(close), closed=True)
        at = end + len(close)


@functools.lru_cache(maxsize=4096)
def _opening_quotation(text: str) -> str | None:
    """What is left of a sentence that opens with a quotation once its quotations are
    taken out, or None when it opens otherwise or its quotation runs on past it. Cached:
    a sentence's dangling, orphan and quality tests each ask."""
    quotations = list(_quotations(text))
    if not quotations or quotations[0].start != 0 or not quotations[0].closed:
        return None
    rest, at = [], 0
    for q in quotations:
        rest.append(text[at : q.start])
        at = q.end
    return " ".join([*rest, text[at:]])


def _unattributed(text: str) -> bool:
    """A sentence that opens with a quotation and says "he said" after it."""
    rest = _opening_quotation(text)
    return rest is not None and _SPEAKER_POINTS.match(rest) is not None


# Outside a quotation, no word but a figure's: "``Star Wars: Episode I -- The Phantom
# Menace,'' $64.8 million." is a line of a chart.
_FIGURE_WORDS = re.compile(r"(?:[^\w]|\d|\b(?:million|billion|trillion|thousand|dlrs|percent|per\s+cent)\b)*", re.IGNORECASE)


def _quotation_alone(text: str) -> bool:
    """A sentence that is a quotation and nothing else says not who said it: one whose
    quotation goes on past it, or holds nothing else but a figure."""
    if not _OPENS.match(text):
        return False
    rest = _opening_quotation(text)
    return rest is None or _FIGURE_WORDS.fullmatch(rest) is not None


# A memo shows a sentence alone, so more openings lean on what came before it there:
# "Others suffered...", "For example, it...", and a pronoun after an opening phrase
# ("Over time, these increases...", "In the next century, it would...").
# So does what someone says of "that", "this" or "those" ("Experts say that's probably
# because...", "The union said this clearly addresses..."; not "announced this week").
_LEANS_BACK = re.compile(
    r"^" + _OPENING_QUOTE + r"(?:others\b|for\s+(?:example|instance)\b"
    r"|[A-Z][\w'’-]*(?:\s+[\w'’-]+){1,3},\s+(?:this|that|these|those|it|its|they|their|them|he|she|his|her|such)\b"
    r"|(?:[\w'’.-]+\s+){1,4}(?:" + "|".join(sorted(REPORTING_WORDS)) + r")\s+(?:that[’']s|that\s+(?:is|was)|this|these|those)\b"
    rf"(?!\s+(?:{_WHEN_WORDS})\b))",
    re.IGNORECASE,
)
# A connective answers the sentence before it ("Yet nearly everyone said their knee pain
# decreased", "Instead, the panel..."), and so does an "also" in the opening words
# ("Trichogrammas have also been used to kill bollworms"). Among its section's other
# items such a sentence still reads well ("However, according to the Pentagon, fewer
# than 1,000 American troops remain"); in the bottom line, with nothing around it, not.
_ANSWERS_BEFORE = re.compile(
    r"^" + _OPENING_QUOTE + r"(?:(?:yet|still|however|instead|meanwhile|nevertheless|nonetheless|moreover|furthermore"
    r"|besides|likewise|similarly|otherwise|thus|hence|therefore|consequently|indeed|conversely|accordingly"
    r"|even\s+so|in\s+(?:addition|contrast|turn)|by\s+contrast|as\s+a\s+result|on\s+the\s+other\s+hand)\b"
    r"|(?:[\w'’-]+,?\s+){1,4}also\b)",
    re.IGNORECASE,
)


def leans_back(text: str, alone: bool = False) -> bool:
    """The sentence leans on the one before it, read as a memo item; ``alone``: read
    with no item around it either, as in the bottom line."""
    return bool(_dangles(text) or _LEANS_BACK.match(text) or (alone and _ANSWERS_BEFORE.match(text)))


_WANTS_QUANTITY = re.compile(r"\bhow (?:many|much|large|big|far|long)\b|\bnumbers?\b|\bwhat (?:percentage|share|proportion)\b|\bfigures?\b", re.I)
_WANTS_DATE = re.compile(r"\bwhen\b|\bwhat (?:date|year|month|day)\b|\bhow long\b|\btimeline\b|\bdeadline\b|\buntil\b", re.I)
_YEAR = re.compile(r"^(?:1[89]|20|21)\d\d$")
ANSWER_BOOST = 1.3  # a sentence holding what the question asks for (a number, a date)


@dataclass(frozen=True)
class Query:
    terms: dict[str, float]  # stemmed term -> weight
    markers: frozenset[str] = frozenset()  # terms the user named as the point of it
    wants_quantity: bool = False  # "how many", "what percentage": the answer is a number
    wants_date: bool = False  # "when", "until": the answer is a date

    @classmethod
    def from_theme(cls, theme: Theme) -> Query:
        # The theme's name is part of what the user asked for.
        return cls.from_text(theme.query, theme.keywords, name=theme.name)

    @classmethod
    def from_text(cls, text: str, keywords: Sequence[str] = (), name: str = "") -> Query:
        """Query words weigh 1; a keyword weighs 2, shared among the words of a phrase
        ("Islamic State" is one keyword, not two)."""
        weights: dict[str, float] = {}
        named = dict.fromkeys(content_terms(name))  # in order: sums over the terms run in it
        for term in (*named, *content_terms(text)):
            weights[term] = max(weights.get(term, 0.0), 1.0)
        markers: set[str] = set()
        for keyword in keywords:
            terms = dict.fromkeys(content_terms(keyword))
            markers.update(terms)
            for term in terms:
                weights[term] = max(weights.get(term, 0.0), 2.0 / len(terms))
        # Keywords say what marks a relevant sentence; a name holds descriptive words
        # too ("timeline", "numbers"), so it marks only when there are no keywords.
        asked = f"{name} {text}"
        return cls(
            weights,
            frozenset(markers or named or weights),
            wants_quantity=bool(_WANTS_QUANTITY.search(asked)),
            wants_date=bool(_WANTS_DATE.search(asked)),
        )


@dataclass(frozen=True)
class Pick:
    sentence: int  # index into Index.sentences
    score: float
    duplicates: tuple[int, ...]  # the same fact in other sources, best first


class Index:
    """Term statistics and similarities of a corpus's sentences."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        import numpy as np

        self.sentences = list(sentences)
        n = len(self.sentences)
        prime([s.text for s in self.sentences])  # one tokenizer call for the corpus
        self.terms = [content_terms(s.text) for s in self.sentences]
        proper = proper_terms([s.text for s in self.sentences])
        self._mentions = [entity_mentions(s.text, proper) for s in self.sentences]
        entities = [frozenset(key for key, _first, _last in found) for found in self._mentions]
        # What a sentence tells, beyond the names and dates it tells it of: the rest of its
        # terms, figures among them ("1,200 residents were evacuated" / "some 1,200
        # residents were moved to shelters").
        self.told = [
            frozenset(t for t in terms if t not in proper and not is_date_term(t))
            for terms in self.terms
        ]
        # A name the whole corpus repeats (the story's own country) identifies no fact.
        spread = Counter(key for keys in entities for key in keys)
        common = {key for key, k in spread.items() if k > max(COMMON_ENTITY * n, 5)}
        self.entities = [keys - common for keys in entities]
        self.names = [frozenset(k for k in keys if not k[0].isdigit()) for keys in self.entities]  # no numbers
        self.quoted = [
            frozenset(t for q in _quotations(s.text) if q.closed for t in content_terms(s.text[q.words]))
            for s in self.sentences
        ]
        vocabulary: dict[str, int] = {}
        for terms in self.terms:
            for t in terms:
                vocabulary.setdefault(t, len(vocabulary))
        self.vocabulary = vocabulary
        df = Counter(t for terms in self.terms for t in set(terms))
        self.idf = {t: math.log(1 + (n - k + 0.5) / (k + 0.5)) for t, k in df.items()}
        # Words the whole corpus repeats ("school" in a corpus on school violence).
        self.common_terms = frozenset(t for t, k in df.items() if k > max(COMMON_ENTITY * n, 5))
        # Each sentence's terms as a set and their IDF weight, for the comparisons of pairs.
        self.term_sets = [frozenset(terms) for terms in self.terms]
        self._term_weights = [self._weight(terms) for terms in self.term_sets]
        self.max_idf = math.log(1 + (n + 0.5) / 0.5)
        self.lengths = np.array([max(len(t), 1) for t in self.terms], dtype=float)
        self.avg_length = float(self.lengths.mean()) if n else 1.0

        self.sources = np.array([s.source for s in self.sentences])
        self.source_count = len({s.source for s in self.sentences})  # articles with a sentence
        self.dangling = np.array([_dangles(s.text) for s in self.sentences], dtype=bool)
        self.quality = np.array([_quality(s, bool(d)) for s, d in zip(self.sentences, self.dangling, strict=True)])
        # Without the sentence before it, a reader cannot tell who or what it speaks of.
        self.orphan = np.array([bool(d) and not _says_who(s.text) for s, d in zip(self.sentences, self.dangling, strict=True)])
        # Read alone, as a memo shows it, a sentence leans on more (see `leans_back`).
        self.leans_back = self.dangling | np.array([bool(_LEANS_BACK.match(s.text)) for s in self.sentences], dtype=bool)
        self.concepts = [sentence_concepts(s.text) for s in self.sentences]
        self.lengths_in_words = [len(s.text.split()) for s in self.sentences]
        self.numbers = [frozenset(t for t in terms if t[0].isdigit()) for terms in self.terms]
        self.has_quantity = np.array([any(not _YEAR.match(t) for t in ns) for ns in self.numbers])
        self._dates: Sequence[Sequence[object]] | None = None
        self._shares: Mapping[int, Mapping[float, Share]] = {}

    def note_readings(
        self, dates: Sequence[Sequence[object]], shares: Mapping[int, Mapping[float, Share]]
    ) -> None:
        """What figures.read_corpus read for a memo: each sentence's dates (``has_date``
        reads them from here instead of reading every sentence again) and what it tells
        of each percentage it gives (``same_fact`` does not take one share of two things
        for one fact). Summaries read no figures: they compare shares as numbers."""
        self._dates = dates
        self.__dict__.pop("has_date", None)  # read before this: read again from these
        self._shares = shares

    def _weight(self, terms: Iterable[str]) -> float:
        # Exactly rounded, so a set's order (each process hashes its own way) changes nothing.
        return math.fsum(self.idf[t] for t in terms)

    @functools.cached_property
    def has_date(self) -> Mask:
        """Whether each sentence says when: a date of any kind (only "when" questions ask)."""
        import numpy as np

        said = [bool(d) for d in self._dates] if self._dates is not None else [says_when(s.text) for s in self.sentences]
        result: Mask = np.array(said, dtype=bool)
        return result

    # Summaries need neither; memo sections and their redundancy checks do.
    @functools.cached_property
    def vectors(self) -> Matrix:
        """L2-normalised TF-IDF rows, one per sentence."""
        import numpy as np

        tfidf = np.zeros((len(self.sentences), len(self.vocabulary)))
        for i, terms in enumerate(self.terms):
            for t, c in Counter(terms).items():
                tfidf[i, self.vocabulary[t]] = (1 + math.log(c)) * self.idf[t]
        norms = np.linalg.norm(tfidf, axis=1, keepdims=True)
        result: Matrix = tfidf / np.where(norms == 0, 1, norms)
        return result

    @functools.cached_property
    def similarity(self) -> Matrix:
        """Cosine similarity of every pair of sentences."""
        result: Matrix = self.vectors @ self.vectors.T
        return result

    def relevance(self, query: Query) -> Vector:
        """BM25 of the query against every sentence, scaled so 1.0 is a full match."""
        return self.match(query)[0]

    def match(self, query: Query) -> tuple[Vector, Vector]:
        """Relevance of every sentence to the query, and its support: the weight of
        the query terms it holds when they are two or more, one is a marker and they
        weigh SUPPORT or all the query does; else 0."""
        import numpy as np

        n = len(self.sentences)
        rel, mass, count, marked = np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n, dtype=bool)
        norm = K1 * (1 - B + B * self.lengths / self.avg_length)
        best = 0.0
        for term, weight in query.terms.items():
            idf = self.idf.get(term, self.max_idf)
            best += weight * idf
            if term not in self.vocabulary:
                continue
            tf = np.array([terms.count(term) for terms in self.terms], dtype=float)
            rel += weight * idf * tf * (K1 + 1) / (tf + norm)
            present = tf > 0
            mass += present * weight
            count += present
            if term in query.markers:
                marked |= present
        if query.wants_quantity:
            rel *= np.where(self.has_quantity, ANSWER_BOOST, 1.0)
        if query.wants_date:
            rel *= np.where(self.has_date, ANSWER_BOOST, 1.0)
        relevance: Vector = rel / best if best > 0 else rel
        enough = (count >= min(2, len(query.terms))) & (mass >= min(SUPPORT, sum(query.terms.values())))
        support: Vector = np.where(enough & marked, mass, 0.0)
        return relevance, support

    def overlap(self, i: int, j: int) -> float:
        """IDF-weighted share of the smaller sentence's terms that the other holds too."""
        shared = self.term_sets[i] & self.term_sets[j]
        if len(shared) < 3:
            return 0.0
        return self._weight(shared) / min(self._term_weights[i], self._term_weights[j])

    def same_fact(self, i: int, j: int) -> float:
        """How surely sentences i and j carry the same fact (0 when they do not). Not
        when they give different figures ("would cost $48 million" / "$52 million"), nor
        when they share only names and a day ("Mayor Rosa Delgado said on Monday that
        she would support it" is not her promise of bottled water on Monday)."""
        share = self.overlap(i, j)
        if not share or self.other_figures(i, j):
            return 0.0
        shared = (self.entities[i] & self.entities[j]) - date_terms()
        if self._shares_apart(i, j, shared):
            return 0.0
        if share >= DUPLICATE_VERBATIM and self._tell_alike(i, j) and self._not_a_fragment_of(i, j):
            return share
        if share < DUPLICATE_SHARE:
            return 0.0
        if self.quoted[i] and self.quoted[j]:
            # Two quotations: the same statement only if they quote the same words; a
            # shared speaker ("Pentagon spokesman Sean Parnell") is not a shared fact.
            return share if self._same_quote(i, j) else 0.0
        if self.distinct_names(shared) >= DUPLICATE_ENTITIES:
            return share  # the same names, told in other words: "airstrike killed" / "assassination"
        return 0.0

    def _shares_apart(self, i: int, j: int, shared: frozenset[str]) -> bool:
        """The one figure the sentences share is a percentage ("40", "40%") that they tell
        of different things: "40 percent of the high school students using steroids" is
        not "40 percent of those athletes believe the illegal drug is not harmful". Shares
        coincide far more often than counts; told of one thing, their clauses share a word
        ("80 percent of child seats are installed incorrectly" / "... of child car seats
        are used improperly"), and when that is their only word, what each is a share of
        agrees. Known only once figures.read_corpus has noted the shares."""
        shared = frozenset(key for key in shared if not is_date_term(key))  # "in 1998" in both
        numbers = {key.rstrip("%") for key in shared}
        if len(numbers) != 1 or len(shared) != 2 or not all(key[0].isdigit() for key in shared):
            return False
        value = float(numbers.pop())
        mine, theirs = self._shares.get(i, {}).get(value), self._shares.get(j, {}).get(value)
        if mine is None or theirs is None:
            return False
        both = mine.told & theirs.told
        if len(both) != 1:
            return not both
        # One shared word. A name or place both give joins them ("90 percent of malaria
        # victims" / "of the cases ... in Africa").
        [word] = both
        if word in capitalised_terms(self.sentences[i].text) & capitalised_terms(self.sentences[j].text):
            return False
        if value % 5 == 0 and (word in _change_terms() or word in self.common_terms):
            # A round share is what many things come to, and this word says only that
            # something changed ("increase ... by 15 percent") or what the whole corpus
            # is about ("evolution"): a teacher's 40 percent is not a Gallup poll's.
            return True
        if not (mine.of and theirs.of):
            return False
        # Then they are one thing only if what each share is of may be ("of restaurant
        # owners" / "of smokers" who "smoke" are not).
        return not any(_counted_alike(a, b, word) for a in mine.of for b in theirs.of)

    @functools.cached_property
    def _together(self) -> frozenset[frozenset[str]]:
        """Pairs of names that are one referent's: written close together ("the Food
        and Drug Administration"; "Cheung Tze-keung, alias Big Spender"), and together
        in ALIAS of the rarer name's sentences, two at least. Names only told together
        ("Okafor said the strike could last until Christmas") stay two. So are two names
        joined by "of" ("the National Institutes of Health") in ALIAS of the sentences
        that hold both: each may have a life of its own ("Health" in "the Department of
        Health"), but together they name one thing."""
        mentions: Counter[str] = Counter()
        pairs: Counter[tuple[str, str]] = Counter()
        joined: Counter[tuple[str, str]] = Counter()
        close: set[tuple[str, str]] = set()
        for sentence, found, names in zip(self.sentences, self._mentions, self.names, strict=True):
            mentions.update(names)
            ordered = sorted(names)
            pairs.update((a, b) for n, a in enumerate(ordered) for b in ordered[n + 1 :])
            spans = [m for m in found if m[0] in names]
            if len(spans) < 2:
                continue
            words = tokens(sentence.text)
            here: set[tuple[str, str]] = set()
            for a, _first, a_last in spans:
                for b, b_first, _last in spans:
                    if a != b and 0 < b_first - a_last <= ALIAS_GAP + 1:
                        close.add((min(a, b), max(a, b)))
                        if _JOINED.fullmatch(" ".join(words[a_last + 1 : b_first])):
                            here.add((min(a, b), max(a, b)))
            joined.update(here)
        return frozenset(
            frozenset(pair)
            for pair, k in pairs.items()
            if pair in close
            and (
                (k >= 2 and k >= ALIAS * min(mentions[pair[0]], mentions[pair[1]]))
                or joined[pair] >= ALIAS * k
            )
        )

    def distinct_names(self, keys: frozenset[str]) -> int:
        """How many referents the names and numbers ``keys`` stand for: a name written
        together with one already counted adds none (numbers always count)."""
        counted: list[str] = []
        for key in sorted(keys):
            if not any(frozenset((key, other)) in self._together for other in counted):
                counted.append(key)
        return len(counted)

    def other_figures(self, i: int, j: int) -> bool:
        """Each sentence gives a number the other does not."""
        a, b = self.numbers[i], self.numbers[j]
        return bool(a - b) and bool(b - a)

    def holds_telling(self, i: int, j: int) -> bool:
        """Sentence i holds SAME_TELLING at least of all sentence j says (IDF-weighted):
        j's wording is borne out by i. Not "Vioxx and Celebrex are in a new class of
        drugs known as COX-2 inhibitors." for "Separately, a panel of experts advising
        the U.S. Food and Drug Administration endorsed the first in a potential new line
        of pain relievers, known as Cox 2 inhibitor drugs.": the second carries the
        first's fact, not the first the second's."""
        return self._weight(self.term_sets[j] & self.term_sets[i]) >= SAME_TELLING * self._term_weights[j]

    def _tell_alike(self, i: int, j: int) -> bool:
        """The other sentence holds at least half of what the one telling less says
        (IDF-weighted), beyond the names and dates they share."""
        a, b = self.told[i], self.told[j]
        if not a or not b:
            return True
        small, other = (a, b) if self._weight(a) <= self._weight(b) else (b, a)
        return self._weight(small & other) >= SAME_TELLING * self._weight(small)

    def _not_a_fragment_of(self, i: int, j: int) -> bool:
        """Three words of a short sentence found in a long one are not the same
        sentence: "No two children with autism are alike." is not "Support services
        for people with autism _ children and adults alike _ fall far short". It takes
        four shared terms, or a third of the longer one's weight."""
        shared = self.term_sets[i] & self.term_sets[j]
        if len(shared) >= 4:
            return True
        return self._weight(shared) >= DUPLICATE_SHARE * max(self._term_weights[i], self._term_weights[j])

    def _same_quote(self, i: int, j: int) -> bool:
        """Both sentences quote (nearly) the same words: one statement, reported twice."""
        a, b = self.quoted[i], self.quoted[j]
        if not a or not b:
            return False
        shared = len(a & b)
        return shared >= 2 and shared >= SAME_QUOTE * min(len(a), len(b))

    @functools.cached_property
    def _cited(self) -> dict[tuple[int, int], int]:
        return {(s.source + 1, s.start): i for i, s in enumerate(self.sentences)}

    def sentence_of(self, citation: Citation) -> int:
        """The sentence a citation of this corpus points at."""
        return self._cited[citation.source, citation.start]

    def duplicates(self, i: int, exclude: set[int] | frozenset[int] = frozenset()) -> tuple[int, ...]:
        """The sentence in each other source that carries the same fact as sentence i."""
        return tuple(j for _score, j in self._duplicates(i, exclude))

    def _duplicates(self, i: int, exclude: set[int] | frozenset[int]) -> list[tuple[float, int]]:
        """duplicates() with how surely each carries the fact, surest first."""
        best: dict[int, tuple[float, int]] = {}
        for j in range(len(self.sentences)):
            src = int(self.sources[j])
            if src == self.sentences[i].source or j in exclude or self.quality[j] == 0:
                continue
            score = self.same_fact(i, j)
            if score > 0 and score > best.get(src, (0.0, -1))[0]:
                best[src] = (score, j)
        return sorted(best.values(), key=lambda pair: (-pair[0], pair[1]))

    def fact_group(self, i: int, exclude: set[int] | frozenset[int] = frozenset()) -> tuple[int, ...]:
        """Sentences of other sources carrying sentence i's fact: its duplicates, then, for
        sources not yet found, sentences that retell one of them closely or retell two of
        them (one wording may match where another does not). A duplicate often tells more,
        or less, than sentence i, and what merely shares names with it is then another
        fact: "The radical group Islamic Jihad claimed responsibility" is not "The Islamic
        militant group Hamas ... claimed responsibility"."""
        group = list(self.duplicates(i, exclude))
        sources = {self.sentences[i].source} | {self.sentences[j].source for j in group}
        found: dict[int, list[float]] = {}  # a candidate: how surely it retells each member
        for j in group:
            for score, k in self._duplicates(j, exclude):
                if self.sentences[k].source not in sources:
                    found.setdefault(k, []).append(score)
        for k, scores in found.items():  # in the order the members found them
            if (max(scores) >= SECOND_HAND or len(scores) >= 2) and self.sentences[k].source not in sources:
                group.append(k)
                sources.add(self.sentences[k].source)
        return tuple(group)


# A comparison with nothing to compare to tells only that the next sentence will say
# how: "Meanwhile, the situation in neighboring Syria is different.", "This year's
# atmosphere is vastly different." (not "... is different from the one in Iraq", nor a
# subject that names both sides: "The House and Senate bills are similar.").
_BARE_COMPARISON = re.compile(
    r"^(?:[^,;:]{1,60},\s+)?"  # "Meanwhile, "
    r"(?!(?:[^\s,;:]+\s+){0,5}(?:and|or|both|two|three|versus|vs\.?)\s)(?:[^\s,;:]+\s+){1,6}"  # a subject of one side
    r"(?:is|was|are|were|looks?|looked|seems?|seemed)\s+(?:(?:[a-z]+ly|much|very|quite|not|no)\s+)*"
    r"(?:different|similar|the\s+same|another\s+story|a\s+different\s+story)\.$",
    re.IGNORECASE,
)


def _quality(sentence: Sentence, dangling: bool) -> float:
    """A prior on a sentence standing alone in a memo: 0 rules it out."""
    text = sentence.text
    words = len(text.split())
    if words < MIN_WORDS or words > MAX_WORDS:
        return 0.0
    end = text.rstrip("\"'”’ )]")
    if not end.endswith((".", "!")):  # questions, lead-ins, fragments
        return 0.0
    if not text[0].isupper() and not text[0] in "\"“‘'(`":
        return 0.0
    if _SIGNPOST.match(text) or _BARE_COMPARISON.match(text) or _quotation_alone(text):
        return 0.0
    score = 1.0
    if dangling:
        score *= DANGLING_PRIOR
    if sentence.listed:  # a list item leans on the sentence that introduces the list
        score *= 0.5
    if _HOLE.search(text):  # where a web page's link was, words may be missing
        score *= 0.5
    # Lead sentences of news carry the facts; the prior fades over the article.
    score *= 1.0 - 0.25 * min(sentence.position / 30, 1.0)
    return score


Empty = Literal["uncovered", "too long", "elsewhere"]


@dataclass(frozen=True)
class ThemePicks:
    picks: tuple[Pick, ...]
    relevance: tuple[float, ...]  # of every sentence to the theme
    # Why a theme has no picks: no sentence supports it, none fits its word budget,
    # or what supports it is already picked (for another theme, or as the same fact).
    empty: Empty | None = None


def select_themes(index: Index, themes: Sequence[Theme], params: Params = PARAMS) -> list[ThemePicks]:
    """Picks for every theme at once, by the same coverage objective as summaries: each
    theme weighs concepts by its own relevance. A global greedy takes, step by step, the
    theme whose best next sentence is worth most against that theme's first pick, so a
    sentence goes where it fits best; no sentence twice, no fact twice."""
    import numpy as np

    n = len(index.sentences)
    if n == 0 or not themes:
        return [ThemePicks((), (0.0,) * n, "uncovered") for _ in themes]
    matches = [index.match(Query.from_theme(t)) for t in themes]
    relevance = np.vstack([m[0] for m in matches])
    item_support = np.vstack([m[1] for m in matches])
    home = relevance.max(axis=0)
    support = (item_support * (index.quality > 0)).max(axis=1)
    eligible = (
        (relevance >= ELIGIBLE)
        & (item_support > 0)
        & (relevance >= HOME_RATIO * home)
        & (index.quality > 0)
        & (support > 0)[:, None]
    )
    size = np.array([max(k, 1) for k in index.lengths_in_words], dtype=float)
    # What a sentence is worth to a theme besides its concepts: relevance and form. A
    # memo shows each sentence alone, so one that leans on the sentence before it ("It
    # no longer...", "There, the coalition...") counts for much less than in a summary.
    # The prior is part of each theme's objective (Coverage), as for a single article: a
    # section answers a precise question, so who says it best matters, not only what.
    standalone = np.where(index.leans_back, MEMO_DANGLING, 1.0)
    prior = index.quality * standalone * (params.relevance_floor + relevance) ** params.focus
    problems = []
    for t in range(len(themes)):
        candidates = np.flatnonzero(eligible[t]).tolist()
        weights = concept_weights(index, relevance[t], params)
        problems.append(Coverage(index, weights, candidates, prior=prior[t]))
    per_word = size**params.length_power

    picks: list[list[Pick]] = [[] for _ in themes]
    used: set[int] = set()
    blocked: set[int] = set()
    chosen: list[int] = []
    first: list[float | None] = [None] * len(themes)
    words_left = [t.max_words if t.max_words is not None else math.inf for t in themes]
    open_ = [True] * len(themes)
    while any(open_):
        best: tuple[float, int, int] | None = None
        for t, theme in enumerate(themes):
            if not open_[t]:
                continue
            if len(picks[t]) >= theme.max_sentences:
                open_[t] = False
                continue
            mine = [p.sentence for p in picks[t]]
            value = problems[t].gains(mine) / per_word
            mask = eligible[t] & (size <= words_left[t])
            mask[list(used | blocked)] = False
            if chosen:
                mask &= index.similarity[:, chosen].max(axis=1) < REDUNDANT
            value = np.where(mask, value, 0.0)
            i = int(np.argmax(value))
            if value[i] <= 0:
                open_[t] = False
                continue
            top = first[t]
            share = 1.0 if top is None else float(value[i]) / top
            if share < PADDING:  # not worth an item next to the section's first
                open_[t] = False
                continue
            if best is None or share > best[0] + 1e-12:
                best = (share, t, i)
        if best is None:
            break
        _share, t, i = best
        if first[t] is None:
            first[t] = float((problems[t].gains([]) / per_word)[i])
        duplicates = index.fact_group(i, exclude=used)
        score = float(relevance[t, i] * index.quality[i])
        picks[t].append(Pick(i, score, duplicates))
        words_left[t] -= index.lengths_in_words[i]
        used.add(i)
        used.update(duplicates)
        chosen.append(i)
        # Whatever carries the same fact as any wording of this one is taken too.
        for member in (i, *duplicates):
            for j in np.flatnonzero(index.similarity[member] >= 0.1).tolist():
                if j not in used and index.same_fact(member, j):
                    blocked.add(j)
    result = []
    for t, theme in enumerate(themes):
        empty: Empty | None = None
        if not picks[t]:
            fitting = eligible[t] & (size <= (theme.max_words or math.inf))
            empty = "uncovered" if support[t] <= 0 else "too long" if not fitting.any() else "elsewhere"
        result.append(ThemePicks(tuple(picks[t]), tuple(relevance[t].tolist()), empty))
    return result


@functools.cache
def _change_terms() -> frozenset[str]:
    """Words that say a quantity changed, not what changed ("reduce", "rose", "a cut").
    Stemmed on first use: the stemmer is no import-time cost."""
    return frozenset(
        content_terms(
            "increase increased reduce reduced reduction cut raise raised lower lowered rise rose risen fall fell "
            "fallen drop dropped grow grew grown decline declined double doubled halve halved jump jumped climb "
            "climbed slash slashed boost boosted shrink shrank surge surged soar soared gain gained"
        )
    )


def _counted_alike(a: tuple[str, ...], b: tuple[str, ...], word: str) -> bool:
    """Two things shares are of (Share.of) may be one: their last words are one noun
    ("sales", "IOC members" / "IOC membership"; not "cars" / "cargo"). Not when that
    word is all their clauses share and one says only "the cases": "90 percent of the
    cases occur in children" may not be malaria's. Both saying "the species" may be one
    ("could die out" / "rendered extinct"): which words tell the same, terms cannot say."""
    short, long = sorted((a[-1], b[-1]), key=len)
    if long != short and long not in (short + "ship", short + "s"):
        return False
    return (a[0] == "the") == (b[0] == "the") or word not in (a[-1], b[-1])


def story_query(index: Index, params: Params = PARAMS) -> Query | None:
    """What the documents' leads say in common, as the query of a summary asked none:
    the ``params.story_terms`` content words (no dates) that the first
    ``params.story_lead`` sentences of the most documents hold, two at least (a tie
    at the last place goes alphabetically), each weighed by the number of leads that
    hold it against that of the word the most hold. The references of a generic summary tell the
    story as a whole, which the leads tell, where concept coverage alone may favour a
    sub-story many articles discuss (an athlete's withdrawal over the games). None
    with fewer than three sources, or when no two leads share a word."""
    if not params.story_lead or index.source_count < FEW_SOURCES:
        return None
    leads: dict[str, set[int]] = {}
    for sentence, terms in zip(index.sentences, index.terms, strict=True):
        if sentence.position < params.story_lead:
            for term in terms:
                if not is_date_term(term):
                    leads.setdefault(term, set()).add(sentence.source)
    shared = sorted((t for t, docs in leads.items() if len(docs) >= 2), key=lambda t: (-len(leads[t]), t))
    chosen = shared[: params.story_terms]
    if not chosen:
        return None
    top = len(leads[chosen[0]])
    weights = {t: len(leads[t]) / top for t in chosen}
    return Query(weights, frozenset(weights))


def summarize_index(
    index: Index, query: Query | None, words: int, params: Params = PARAMS
) -> list[Pick]:
    """A plain extractive summary of at most ``words`` words, best sentence first: the
    sentences that together cover the most weighted concepts (see coverage.py). A
    sentence that opens on what came before it is held only with that sentence, right
    after it."""
    relevance = index.relevance(query) if query is not None and query.terms else None
    if relevance is None and (story := story_query(index, params)) is not None:  # "What is it?" asks nothing
        relevance = index.relevance(story)
        params = dataclasses.replace(params, relevance_floor=params.story_floor)
    weights = concept_weights(index, relevance, params)
    candidates = [i for i in range(len(index.sentences)) if index.quality[i] > 0]
    # A sentence that opens on what came before it ("This suggests a significant
    # reduction...") reads only after that sentence. One whose sentence before cannot be
    # picked (it has none, or that one is a heading) is no candidate; picked without it,
    # it goes, and the rest is chosen again; picked with it, it follows it.
    choose = functools.partial(maximize, index, weights, words=words, relevance=relevance, params=params)
    everything, available = candidates, set(candidates)
    for i in candidates:  # in order, so a chain goes with its head
        if index.orphan[i] and not _follows(index, i, available):
            available.discard(i)
    candidates = [i for i in candidates if i in available]
    while True:
        chosen = choose(candidates)
        picked = {i for i, _gain in chosen}
        orphans = {i for i in picked if index.orphan[i] and not _follows(index, i, picked)}
        if not orphans:
            break
        candidates = [i for i in candidates if i not in orphans]
    if not chosen:  # only a sentence that leans on another fits: better it than nothing
        chosen = choose(everything)
        if chosen:
            log.warning("only sentences that lean on one before them could be chosen; they are printed without it")
    picked = {i for i, _gain in chosen}
    placed = [index.orphan[i] and _follows(index, i, picked) for i, _gain in chosen]
    ordered = [pick for pick, after in zip(chosen, placed, strict=True) if not after]
    for i, gain in sorted(pick for pick, after in zip(chosen, placed, strict=True) if after):
        at = next(k for k, (j, _g) in enumerate(ordered) if j == i - 1)  # a chain in order: "It ..." after "This ..."
        ordered.insert(at + 1, (i, gain))
    return [Pick(i, gain, ()) for i, gain in ordered]


def _follows(index: Index, i: int, picked: Collection[int]) -> bool:
    """Sentence i's predecessor in its article is among ``picked``."""
    if i - 1 not in picked:
        return False
    before, sentence = index.sentences[i - 1], index.sentences[i]
    return before.source == sentence.source and before.position == sentence.position - 1
