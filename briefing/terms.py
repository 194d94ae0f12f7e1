"""Sentence -> content terms: Treebank tokens, Snowball stems, stop words removed.

Both NLTK parts used here work offline (no downloaded data). The stop word list ships
with the code for the same reason: NLTK's own list is a download.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nltk.stem.snowball import SnowballStemmer
    from nltk.tokenize import TreebankWordTokenizer

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be because
    been before being below between both but by can can't cannot could couldn't did didn't
    do does doesn't doing don't down during each few for from further had hadn't has hasn't
    have haven't having he he'd he'll he's her here here's hers herself him himself his how
    how's i i'd i'll i'm i've if in into is isn't it it's its itself just let's may me might
    more most must mustn't my myself no nor not now of off on once only or other ought our
    ours ourselves out over own same shall shan't she she'd she'll she's should shouldn't so
    some such than that that's the their theirs them themselves then there there's these they
    they'd they'll they're they've this those through to too under until up upon us very was
    wasn't we we'd we'll we're we've were weren't what what's when when's where where's which
    while who who's whom why why's will with won't would wouldn't you you'd you'll you're
    you've your yours yourself yourselves
    's 'd 'll 're 've n't one many much said says say according since yet even though however
    """.split()
)

# Words that give what a sentence tells to somebody ("said", "according to"): a date
# right after one dates the saying (timeline), a word next to one is not what a figure
# counts (figures), a line holding one reports somebody's words and is no caption
# (ingest); conflicts adds the present forms that are nouns too ("the union claims 4,500").
REPORTING_WORDS = frozenset(
    "said says say told added announced reported stated noted confirmed claimed warned wrote according".split()
)

# Numbers spelled out, as news writes small counts and round figures.
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
_NUMBER = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
_ACRONYM_DOTS = re.compile(r"^(?:[A-Za-z]\.){2,}$")
_WORDISH = re.compile(r"[^\W_]")
_HYPHEN = re.compile(r"(?<=[^\W\d_.])[-–/](?=\w)|(?<=\.)-(?=\w)")


@functools.cache
def _tokenizer() -> TreebankWordTokenizer:
    from nltk.tokenize import TreebankWordTokenizer

    return TreebankWordTokenizer()


@functools.cache
def _stemmer() -> SnowballStemmer:
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(_stemmer().stem(word))


@functools.cache
def reporting_terms() -> frozenset[str]:
    """REPORTING_WORDS as terms; stemmed on first use, so that importing loads no stemmer."""
    return frozenset(t for word in REPORTING_WORDS if (t := normalise(word)) is not None)


_PER_CENT = re.compile(r"\s*%|\s+per\s?cent\b", re.IGNORECASE)
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "—": " - ", "–": "-"})


_TOKEN_CACHE: dict[str, tuple[str, ...]] = {}
_CACHE_LIMIT = 200_000
# Joins sentences for one tokenizer call; a word Treebank leaves alone.
_SEPARATOR = "qqzbriefingsepqqz"
_FINAL_PERIOD = re.compile(r"^(.*[^.])\.$")
# Treebank's own test for a period that ends its input (nltk.tokenize.treebank).
_TREEBANK_FINAL_PERIOD = re.compile(r"""([^\.])(\.)([\]\)}>"\']*)\s*$""")


def tokens(text: str) -> tuple[str, ...]:
    """Word tokens of a sentence (Treebank conventions), punctuation dropped.
    Typographic quotes and dashes become ASCII first: Treebank knows only those.
    Cached: terms, names and concepts all start from the same tokens."""
    cached = _TOKEN_CACHE.get(text)
    if cached is None:
        prime([text])
        cached = _TOKEN_CACHE[text]
    return cached


def prime(texts: Sequence[str]) -> None:
    """Tokenize many sentences in one Treebank call and cache their tokens. The
    tokenizer's cost is mostly per call (some thirty regular expressions each time),
    so one call for a corpus's sentences is two to three times faster than one each."""
    missing = [t for t in dict.fromkeys(texts) if t not in _TOKEN_CACHE]
    if not missing:
        return
    if len(_TOKEN_CACHE) > _CACHE_LIMIT:
        _TOKEN_CACHE.clear()
    prepared = [_PER_CENT.sub(" percent", t.translate(_QUOTES)) for t in missing]
    if any(_SEPARATOR in t for t in prepared):
        split = [_tokenizer().tokenize(t) for t in prepared]
    else:
        split = [[]]
        for token in _tokenizer().tokenize(f" {_SEPARATOR} ".join(prepared)):
            if token == _SEPARATOR:
                split.append([])
            else:
                split[-1].append(token)
        for sentence, text in zip(split, prepared, strict=True):
            if _TREEBANK_FINAL_PERIOD.search(text):
                _split_final_period(sentence)
    for text, found in zip(missing, split, strict=True):
        _TOKEN_CACHE[text] = tuple(t for t in found if _WORDISH.search(t) or t == "%")


def _split_final_period(sentence: list[str]) -> None:
    """Treebank splits the period that ends its input, and only that one: in a joined
    call, do for each sentence what a call of its own would have done."""
    for k in range(len(sentence) - 1, -1, -1):
        token = sentence[k]
        if _WORDISH.search(token):
            match = _FINAL_PERIOD.match(token)
            if match:
                word = match[1]
                # Its clitics ("Gingrich's.") split only once the period has gone.
                pieces = _tokenizer().tokenize(word + " .")[:-1] if "'" in word else [word]
                sentence[k : k + 1] = [*pieces, "."]
            return
        if token == ".":
            return


def entity_mentions(text: str, proper: frozenset[str] | set[str]) -> list[tuple[str, int, int]]:
    """The names and numbers of a text, each with the positions of its first and last
    word among the text's tokens. A run of capitalised tokens whose terms are known
    proper names (``proper``) gives its last term ("Islamic State" -> "state", "Sean
    Parnell" -> "parnel"); a number gives itself, and a percentage gives a second key
    ("4", "4%"). A name right before a number gives no key: the number names it ("Flight 990")."""
    found: list[tuple[str, int, int]] = []
    run: tuple[str, int] | None = None  # the name read so far: its last term, its first word
    number: str | None = None
    last = -1
    for position, token in enumerate(tokens(text)):
        if token == "percent" and number is not None:
            found.append((number + "%", position - 1, position))  # a quantity with its unit says more than a number
        number = None
        for part, term in parts(token):
            if term is not None and _NUMBER.match(part):
                found.append((term, position, position))
                number = term
            elif term is not None and part[0].isupper() and term in proper:
                run = (term, run[1] if run is not None else position)
                last = position
                continue
            elif run is not None:  # a stop word or a common word ends a name
                found.append((run[0], run[1], last))
            run = None
    if run is not None:
        found.append((run[0], run[1], last))
    return found


def proper_terms(texts: list[str]) -> frozenset[str]:
    """Terms written capitalised inside a sentence somewhere in ``texts``: names."""
    return frozenset(term for text in texts for term in capitalised_terms(text))


def capitalised_terms(text: str) -> frozenset[str]:
    """Terms written capitalised inside ``text``, its first word aside: its names."""
    return frozenset(
        term
        for position, token in enumerate(tokens(text))
        if position and token[:1].isupper() and not _NUMBER.match(token)
        for part, term in parts(token)
        if term and part[:1].isupper()
    )


@functools.lru_cache(maxsize=65536)
def parts(token: str) -> tuple[tuple[str, str | None], ...]:
    """A token's parts (split at hyphens: "U.S.-Iraq", "pro-Iranian") with their terms.
    Cached: every function here walks the same tokens."""
    return tuple((part, normalise(part)) for part in _HYPHEN.split(token) if part)


def normalise(token: str) -> str | None:
    """A token's term: numbers without separators, acronyms without dots, words stemmed;
    None for stop words. An all-capitals acronym is never a stop word ("US" vs "us")."""
    if _NUMBER.match(token):
        return token.replace(",", "")
    if token in ("%", "percent", "per cent", "pct"):
        return "%"
    if _ACRONYM_DOTS.match(token):
        token = token.replace(".", "")
    token = token.strip(".'’`-")  # and a single ` opening a quotation: "`Refer"
    if not token:
        return None
    lower = token.lower()
    acronym = len(token) > 1 and token.isupper()
    if not acronym and (lower in STOPWORDS or len(lower) < 2):
        return None
    return _stem(lower)


@functools.lru_cache(maxsize=16384)
def content_terms(text: str) -> tuple[str, ...]:
    """The stemmed content terms of a text, in order, repeats kept."""
    return tuple(term for token in tokens(text) for _part, term in parts(token) if term)


@functools.lru_cache(maxsize=16384)
def stems(text: str) -> tuple[tuple[str, bool], ...]:
    """Every word of a text as ``(term, is_stop_word)``: content words as in
    ``content_terms``, stop words lower-cased. Bigrams over this stream are close to
    what ROUGE-2 counts."""
    return tuple(
        (part.lower(), True) if term is None else (term, False)
        for token in tokens(text)
        for part, term in parts(token)
    )
