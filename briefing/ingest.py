"""Read sources into Articles: decode, split into blocks, find the article's body, metadata.

Web pages saved as text carry the page around the article: navigation, photo captions
and credits, image file names, "related stories" teasers, newsletter boxes. They are
recognised by shape and by their place relative to the article's main body, not by
the wording of any one site:

* each line (or hard-wrapped paragraph) is a block, classified by its shape: prose,
  heading, caption or credit, file name, navigation cue, dateline, byline;
* the main body is the run of prose with the most words, where runs are broken by a
  cue that the article has ended ("Related stories", "Newsletter") or by three or more
  short blocks in a row (the shape of a teaser card: headline, category label,
  snippet); furniture inside an article (ads, captions, credits, "Read more:" links,
  image file names, section breaks, a wire editor's "(BEGIN OPTIONAL TRIM)") is dropped
  without breaking the run, and the items of a list inside it do not break it either;
* other runs are kept only when they sit before the body and share its vocabulary
  (a standfirst); runs after it are teasers for other stories;
* the headline is the heading before the body that shares most words with it.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import itertools
import json
import logging
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.dates import WEEKDAYS, full_dates
from briefing.errors import SourceError
from briefing.models import Article, Block, BlockKind, collapse_ws
from briefing.segment import BULLET, PLACEHOLDER
from briefing.terms import REPORTING_WORDS

log = logging.getLogger("briefing")

# Readers by file suffix: each reads one file into its articles. Later kinds (HTML
# pages, feeds) register here.
Reader = Callable[[Path], list[Article]]
READERS: dict[str, Reader] = {}
STDIN = "-"  # the source (a string, not a path: "./-" is a file) that reads stdin
STDIN_NAME = "<stdin>"

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_TERMINAL = re.compile(r"""[.!?]["'”’)\]]*$|[.!?]\s*\[[A-Z_ ]+\]$""")
_INNER_END = re.compile(r"""[a-z0-9][.!?]["'”’)\]]*\s+["'“‘(]*[A-Z]""")
_TRUNCATED = re.compile(r"(?:…|\.\.\.)\s*$")
_IMAGE_TYPES = "jpe?g|png|gif|webp|svg|avif|tiff?|bmp"  # an image file's name ends so
_FILENAME = re.compile(
    rf"^(?:\S*_\S*|\S+\.(?:{_IMAGE_TYPES}))$", re.IGNORECASE
)
_CREDIT = re.compile(
    r"^(?:(?:top\s+|main\s+|featured\s+|header\s+)?(?:photo|image|picture|pictured|video|"
    r"illustration|graphic|caption|credit)s?(?:\s+credits?)?\s*[:|]"
    r"|.*\b(?:photo|image|picture)s?\s+(?:by|courtesy|credit)\b"
    r"|.*\b(?:/\s*public domain|wikimedia commons|getty images|shutterstock|ap photo|"
    r"afp photo|reuters/)"
    r"|\s*[©Ⓒ])",
    re.IGNORECASE,
)
# A wire photo package's caption, however long: it opens with the photo's code
# ("(NYT41) SAN JOSE, Calif. -- ...") or closes with its credit ("... (James Estrin/New
# York Times Photo)", "(AP Photo/Jane Doe)"); and the package's note to editors.
_PHOTO_CAPTION = re.compile(
    r"^\((?:NYT|AP|LAT|WP|CX)\d+\)\s"
    r"|\([^()]{2,80}/[^()]*\bphoto(?:graph)?s?\)$|\((?:AP|AFP|Reuters)\s+photo\b[^()]*\)$",
    re.IGNORECASE,
)
_EDITORS_NOTE = re.compile(r"^(?:attention|attn\.?:?|note\s+to)\s+editors?\b", re.IGNORECASE)
# A wire's note to its clients ("(For use by N.Y. Times News Service clients)"), and
# each entry of its budget of the day's stories, however long: a slug, where it is from
# and a dash: "POLYGAMIST (Colorado City, Ariz.) - School opens...", "AUTISM-THERAPY
# (Undated) _ The explosion...". Not a dateline: "WASHINGTON (AP) --" names an agency.
_WIRE_NOTE = re.compile(
    r"^\(?(?i:for\s+use\s+by)\s[^,;]{0,60}?\b(?i:clients)\b[^,;()]{0,60}\)?(?:\(\w\))?$"
    r"|^[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*\s+\((?:[Uu]ndated|[A-Z][a-z][\w.' ]*,\s[A-Z][a-z]*\.?)\)\s*(?:--?|_|–|—|\{ndash\})\s",
)
# A wire's budget announces itself in its first lines ("The Seattle Post-Intelligencer
# plans to move the following for clients of the NYTimes News Service...", "... the
# following stories on Tuesday"): nothing in it is article text, not its contacts,
# bylines or notes either. Not "The Army plans to move the following for storage", nor
# "... the following for eventual military use", "... for Army use".
_WIRE_BUDGET = re.compile(
    r"\bplans\s+to\s+move\s+the\s+following\s+(?:stor(?:y|ies)\b"
    r"|for\s+(?:use\s+by|clients\b|(?:(?:" + "|".join((*WEEKDAYS, "weekend", "morning", "evening")) + r")\s+)?editions\b))",
    re.IGNORECASE,
)
_BUDGET_LINES = 3  # the blocks a budget's announcement may be in, notes to clients and codes aside
# An author's note in parentheses: "(Margaret Talbot is a contributing writer for The
# New York Times Magazine.)"
_AUTHOR_NOTE = re.compile(
    r"^\((?:[A-Z][\w.'’-]+\s){1,4}(?:is|was)\s(?:a|an|the)\s[^(),]{0,40}?\b(?:writer|reporter|correspondent|"
    r"columnist|editor|contributor|critic)\b[^(),]*\)$"
)
# Short blocks that announce the page around the article, in the phrasing most sites
# share. Matched against the whole block, so prose that mentions them is never affected.
_NAV_CUES = re.compile(
    r"^(?:don'?t miss|do not miss|(?:keep|continue|read)(?:\s+reading|\s+more)?|"
    r"read (?:also|next|the full story)|related(?:\s+(?:stories|articles|news|posts|content))?|"
    r"more (?:stories|news|from [\w ]+|on this(?: topic)?)|more|see also|also read|"
    r"recommended(?: for you)?|you (?:may|might) (?:also )?like|trending(?: now)?|popular|"
    r"most (?:read|popular|viewed|shared)|latest(?: news| stories)?|top stories|editor'?s picks?|"
    r"newsletters?|sign up(?: for [\w ]+)?|subscribe(?: now| to [\w ]+)?|follow us(?: on [\w ]+)?|"
    r"share(?: this(?: article| story)?)?|share (?:on|via) [\w ]+|comments?|"
    r"leave a (?:comment|reply)|tags?|topics|show (?:less|more)|"
    r"keep reading\s*show less|back to top)\W*$",
    re.IGNORECASE,
)
# Furniture that interrupts an article without ending it.
_INTERSTITIAL = re.compile(
    r"^(?:advertisement|advert|ad|sponsored|story continues below(?: advertisement)?|"
    r"continue reading(?: below)?|skip to (?:main )?content|sign in|log in|menu|search|"
    # A wire editor's notes: "(BEGIN OPTIONAL TRIM)", "(STORY CAN END HERE. OPTIONAL
    # MATERIAL FOLLOWS.)", "(MORE)".
    r"\(?(?:(?:begin|end)\s+)?optional\s+(?:trim|material)(?:\s+follows)?|\(?story can end here\b.*|\(more\)"
    r")\W*$",
    re.IGNORECASE,
)
# A section break ("* * *", "###", "-0-") or a line of typesetting codes ("&QL; &QL;"):
# a few marks and no word (the codes are placeholders, blanked already). A long rule
# ("------") may part the article from the page.
_SECTION_BREAK = re.compile(r"^[^\w\s]{0,4}\w?[^\w\s]{0,4}$")
_INLINE_NAV = re.compile(r"\b(?:keep reading|show less|read more)\b", re.IGNORECASE)
# "Read more: <headline>", "Related: <headline>": a link to another page, not text.
_LINK_LINE = re.compile(
    r"^(?:read (?:more|also|next)|related(?: story| article)?|see also|also read|more on this|"
    r"watch|listen|recommended)\s*[:>»|–-]\s*\S", re.IGNORECASE
)
_BYLINE = re.compile(
    r"^(?:by|written by|posted by|author|authors|words by|reporting by)\s*[:\-–]?\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_NAME = re.compile(r"^[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|da|van|von|al|el|bin|and|&))*$")
_META_SEPARATOR = re.compile(r"\s+[·|•—–-]\s+")
# A time of day, as pages stamp their stories: "6:12 p.m. ET", "at 18:12 BST", "9 AM EDT".
_CLOCK = re.compile(
    r"(?:\bat\s+)?\b\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)(?=\W|$)(?:\s+[A-Z]{1,4}T\b)?"
    r"|(?:\bat\s+)?\b\d{1,2}:\d\d\b(?:\s+[A-Z]{1,4}T\b)?",
    re.IGNORECASE,
)
# "Greg Holloway, Staff Writer": a name, and the role that makes it a byline.
_ROLES = r"(?i:staff\s+writer|staff\s+reporter|reporter|correspondent|editor|columnist|contributor|writer)"
_ROLE = re.compile(rf"^(?i:senior\s+|chief\s+|political\s+|health\s+)?{_ROLES}(?:,|\s+(?i:at|for)\s+|$)")
_NAME_AND_ROLE = re.compile(
    r"^(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}),\s+(?:[\w'’.-]+\s+){0,3}?"
    + _ROLES
    + r"(?:,?\s+(?:[Aa]t\s+|[Ff]or\s+)?[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3})?\.?$",
)
_IMAGE = re.compile(rf"^!\[(?P<alt>[^\]]*)\]\([^)]*\)$|^\S+\.(?:{_IMAGE_TYPES})$", re.IGNORECASE)
_REPORTED = re.compile(rf"\b(?:{'|'.join(sorted(REPORTING_WORDS))})\b|[\"“”]", re.IGNORECASE)
_META_LABEL = re.compile(r"^(?:category|section|filed under|tags?|published|updated|posted)\s*:", re.I)


TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
LEAD_CHARS = 600  # where a news lead dates its story
_BINARY_SAMPLE = 8192


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str


# ---------------------------------------------------------------------------------------
# Finding and reading sources


def find_files(paths: Sequence[Path]) -> list[Path]:
    """Expand folders (recursively, sorted) into the supported files they hold; each
    file once, however it was named."""
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise SourceError(f"{path}: no such file or folder")
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
            files.extend(p for p in found if p.suffix.lower() in READERS)
            unread = [p.suffix.lower() or "no extension" for p in found if p.suffix.lower() not in READERS]
            if unread:
                kinds = ", ".join(sorted(set(unread)))
                log.warning("%s: skipped %d file(s) of a kind not read (%s)", path, len(unread), kinds)
        else:
            files.append(path)
    unique: dict[Path, Path] = {}
    for file in files:
        unique.setdefault(file.resolve(), file)
    return list(unique.values())


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_sources(paths: Sequence[Path]) -> tuple[list[Article], list[Skipped]]:
    """Read every supported file under ``paths``. Files that are not text are skipped
    with a warning; an empty result is an error."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for path in find_files(paths):
        suffix = path.suffix.lower()
        if suffix and suffix not in READERS:
            log.warning("skipped %s: not a supported file type (%s)", path, ", ".join(sorted(READERS)))
            skipped.append(Skipped(path, "not a supported file type"))
            continue
        try:
            found = READERS.get(suffix, _read_text)(path)
        except NotText as exc:
            log.warning("skipped %s: %s", path, exc)
            skipped.append(Skipped(path, str(exc)))
            continue
        articles.extend(readable(found, path, skipped))
    if not articles:
        raise none_readable(", ".join(str(p) for p in paths), skipped, "file")
    return articles, skipped


def none_readable(where: str, skipped: Sequence[Skipped], what: str) -> SourceError:
    detail = f" ({len(skipped)} {what}(s) skipped)" if skipped else ""
    return SourceError(f"no readable article in {where}{detail}")


def readable(articles: Iterable[Article], path: Path | None, skipped: list[Skipped]) -> list[Article]:
    """The articles that have body text; the others are logged and noted as skipped."""
    kept = []
    for article in articles:
        if article.body_blocks():
            kept.append(article)
        else:
            log.warning("skipped %s: no article text found", _name(article))
            skipped.append(Skipped(path or Path(article.path or STDIN), "no article text found"))
    return kept


def distinct(articles: Iterable[Article]) -> list[Article]:
    """Each article once. A copy whose body is word for word an earlier article's (a
    page saved twice, a file also piped in on stdin) is left out with a warning: it is
    not a second source, and counting it would inflate how many sources carry a fact."""
    first: dict[str, Article] = {}
    kept = []
    for article in articles:
        body = collapse_ws(" ".join(article.text[b.start : b.end] for b in article.body_blocks()))
        if not body:  # no article text: not a copy of anything (readable() says so)
            kept.append(article)
            continue
        original = first.setdefault(body, article)
        if original is article:
            kept.append(article)
        else:
            log.warning("skipped %s: the same article as %s", _name(article), _name(original))
    return kept


def _name(article: Article) -> str:
    return article.path or article.url or _lead(article.text)


def _lead(text: str) -> str:
    words = text.split()
    return "an article starting " + repr(" ".join(words[:8])) if words else "an empty article"


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CP1252_BYTES = "briefing-cp1252"


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    """Read bytes that fail to decode as CP-1252, or Latin-1 where CP-1252 has no
    character; never fails."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return "".join(_cp1252_char(b) for b in bad), error.end


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([byte]).decode("latin-1")


codecs.register_error(_CP1252_BYTES, _cp1252_bytes)


class NotText(Exception):
    """The file is not text (binary) or holds nothing to read."""


def decode(raw: bytes) -> str:
    """Bytes to text: BOM-marked UTF-8/16, else UTF-8 (stray bytes read as CP-1252),
    else CP-1252 (its five undefined bytes as Latin-1). Never fails on text; raises
    NotText for binary data."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    if b"\x00" in raw[:_BINARY_SAMPLE]:
        raise NotText("binary file (NUL bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        # UTF-8 text with a few stray bytes (pasted from a CP-1252 source) stays UTF-8,
        # its stray bytes read as CP-1252: valid multi-byte UTF-8 hardly ever arises by
        # chance in CP-1252 text. Text with none of it is CP-1252 throughout.
        utf8 = _UTF8_SEQUENCE.search(raw) is not None
        text = raw.decode("utf-8" if utf8 else "cp1252", errors=_CP1252_BYTES)
    sample = text[:_BINARY_SAMPLE]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if sample and controls / len(sample) > 0.05:
        raise NotText("binary file (control characters)")
    return text


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror})") from None


def read_text_file(path: Path) -> Article:
    text = decode(read_bytes(path))
    if not text.strip():
        raise NotText("empty file")
    return parse_text(text, path=display_path(path), markdown=path.suffix.lower() in (".md", ".markdown"))


def display_path(path: Path) -> str:
    """The path as a reader knows it: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _read_text(path: Path) -> list[Article]:
    return [read_text_file(path)]


for _suffix in TEXT_SUFFIXES:
    READERS[_suffix] = _read_text


# ---------------------------------------------------------------------------------------
# JSON Lines: articles handed over by another program


JSON_FIELDS = ("title", "url", "published", "outlet", "author")


def read_json_lines(text: str, name: str) -> list[Article]:
    """Articles from JSON Lines: one object per line, with ``text`` (the article, as
    plain text) and optionally ``title``, ``url``, ``published`` (an ISO 8601 or RFC
    2822 date), ``outlet`` and ``author``; other keys are ignored, blank lines skipped.
    Each record is read like a text file, its offsets index into its ``text``, and its
    path is ``NAME:LINE``. A malformed record is an error naming its line."""
    articles: list[Article] = []
    # Lines end at "\n" only: JSON strings may hold U+2028 and other line separators.
    for number, line in enumerate(text.removeprefix("\ufeff").split("\n"), 1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SourceError(f"{where}: not a JSON object ({exc.msg}, column {exc.colno})") from None
        except RecursionError:
            raise SourceError(f"{where}: not a JSON object (nested too deeply)") from None
        if not isinstance(record, dict):
            raise SourceError(f"{where}: not a JSON object")
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            raise SourceError(f"{where}: 'text' must be the article's text, a non-empty string")
        body = _no_surrogates(body, where)
        given: dict[str, str] = {}
        for key in JSON_FIELDS:
            value = record.get(key)
            if value is not None and not isinstance(value, str):
                raise SourceError(f"{where}: '{key}' must be a string or null, not {type(value).__name__}")
            if value is not None and value.strip():
                given[key] = _no_surrogates(" ".join(value.split()), where)
        article = Article(
            text=body,
            path=where,
            title=given.get("title"),
            published=parse_published(given["published"], where) if "published" in given else None,
            author=given.get("author"),
            outlet=given.get("outlet"),
            url=given.get("url"),
        )
        articles.append(complete(article))
    return articles


def complete(article: Article) -> Article:
    """An Article made by another program (text and what it knows: title, url...) read
    like a file: its blocks found, and what it leaves out (title, date, author) taken
    from the text where it can be. An Article that has its blocks is returned as it is."""
    if article.blocks:
        return article
    parsed = parse_text(article.text, path=article.path)
    return dataclasses.replace(
        parsed,
        title=article.title or parsed.title,
        published=article.published or parsed.published,
        author=article.author or parsed.author,
        outlet=article.outlet,
        url=article.url,
    )


def parse_published(value: str, where: str) -> dt.date:
    """A publication date as JSON feeds and APIs give it: ISO 8601 ("2025-10-02",
    "2025-10-02T08:30:00Z") or RFC 2822 ("Thu, 02 Oct 2025 08:30:00 GMT")."""
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        pass
    import email.utils  # only for feeds that date this way

    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        raise SourceError(
            f"{where}: 'published' is not a date (YYYY-MM-DD, ISO 8601 or RFC 2822): {value!r}"
        ) from None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(value: str, where: str) -> str:
    """JSON may escape half of a UTF-16 pair ("\\ud83d" without its mate), which no
    text can hold; like an undecodable byte in a file, each reads as U+FFFD, so
    offsets stay as they are."""
    if not _SURROGATE.search(value):
        return value
    log.warning("%s: an unpaired surrogate escape (half an emoji?) read as U+FFFD", where)
    return _SURROGATE.sub("\ufffd", value)


def _read_json_lines_file(path: Path) -> list[Article]:
    raw = read_bytes(path)
    if not raw.strip():
        raise NotText("empty file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:  # binary, or another encoding: skipped like any such file
        raise NotText(_not_utf8(raw, exc)) from None
    return read_json_lines(text, display_path(path))


def read_stdin() -> list[Article]:
    """The articles of the JSON Lines on standard input (the source ``-``): records
    without article text are skipped with a warning; none at all is an error."""
    if sys.stdin is None:
        raise SourceError("'-' reads standard input, but there is none (closed)")
    raw = sys.stdin.buffer.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{STDIN_NAME}: {_not_utf8(raw, exc)}") from None
    skipped: list[Skipped] = []
    articles = readable(read_json_lines(text, STDIN_NAME), None, skipped)
    if not articles:
        raise none_readable(STDIN_NAME, skipped, "record")
    return articles


def _not_utf8(raw: bytes, error: UnicodeDecodeError) -> str:
    line = raw.count(b"\n", 0, error.start) + 1
    return f"JSON Lines must be UTF-8 (line {line}, byte {error.start} is not)"


READERS[".jsonl"] = _read_json_lines_file


# ---------------------------------------------------------------------------------------
# Blocks and their shapes


@dataclass(frozen=True)
class _Shape:
    start: int
    end: int
    text: str
    words: int
    prose: bool
    boilerplate: bool  # caption, credit, file name, navigation
    nav: bool  # a cue that the article ends or the page's furniture starts
    meta: bool  # dateline, byline, category label
    interstitial: bool  # furniture inside an article: ads, captions, links, file names
    md_heading: bool = False  # a Markdown "# heading" line
    listed: bool = False  # an item of a list


def split_blocks(text: str) -> list[tuple[int, int]]:
    """Spans of the text's blocks: each non-blank line, or each paragraph when the
    text is hard-wrapped (lines of similar length broken inside sentences)."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\r\n]+", text)]
    lines = [(s, e) for s, e in lines if text[s:e].strip()]
    runs: list[list[tuple[int, int]]] = []
    for span in lines:
        gap = text[runs[-1][-1][1] : span[0]] if runs else ""
        if runs and gap.count("\n") + gap.count("\r") - gap.count("\r\n") <= 1:
            runs[-1].append(span)
        else:
            runs.append([span])
    blocks: list[tuple[int, int]] = []
    for run in runs:
        if _hard_wrapped(text, run):
            blocks.append((run[0][0], run[-1][1]))
        else:
            blocks.extend(run)
    return [part for s, e in blocks for part in _shouted_head(text, *_strip_span(text, s, e))]


# A block that opens with 25 words or more in capitals before its prose: a notice
# shouted ahead of a wire story ("WASHINGTON, D.C. 20003 Tel: ... COPYRIGHT 1998 BY
# WORLDSOURCES, INC. ... MACAU'S Judicial Police on Sunday announced..."). Prose starts
# at two words in a row with small letters ("Tel:" alone is the notice's); the
# capitalised word before them opens the story unless it ends a sentence ("INC.").
SHOUTED_WORDS = 25  # a notice is long; a list of acronyms opening a sentence is not
_NOTICE_END = re.compile(r"[A-Z]{2,}\.")  # "INC.", not "U.S." nor "S."


def _shouted_head(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The block as one span, or as its shouted head and its prose."""
    words = []
    for m in re.finditer(r"\S+", text[start:end]):
        words.append(m)
        if len(words) >= 2 and _has_lowercase(words[-2]) and _has_lowercase(words[-1]):
            break
    else:
        return [(start, end)]
    head = words[:-2]
    if len(head) < SHOUTED_WORDS:
        return [(start, end)]
    last = head[-1]
    cut = start + (last.end() if _NOTICE_END.fullmatch(last.group()) else last.start())
    return [_strip_span(text, start, cut), _strip_span(text, cut, end)]


def _has_lowercase(word: re.Match[str]) -> bool:
    return any(ch.islower() for ch in word.group())


def _hard_wrapped(text: str, run: list[tuple[int, int]]) -> bool:
    if len(run) < 2:
        return False
    lengths = [len(text[s:e].rstrip()) for s, e in run]
    longest = max(lengths)
    if longest > 110 or longest < 30:
        return False
    body = lengths[:-1]
    full = sum(1 for n in body if n >= 0.6 * longest)
    # Lines broken inside sentences: most lines long, and some not ending a sentence.
    ends = [text[s:e].rstrip() for s, e in run[:-1]]
    open_ends = sum(1 for end in ends if not (_TERMINAL.search(end) or _TRUNCATED.search(end)))
    return longest >= 60 and full >= 0.6 * len(body) and open_ends >= 0.5 * len(body)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _shape(text: str, start: int, end: int, markdown: bool) -> _Shape:
    flat = " ".join(text[start:end].split())
    line = flat
    md_heading = markdown and bool(re.match(r"#{1,6}\s", line))
    if markdown:
        line = re.sub(r"^(?:#{1,6}\s+|[-*+]\s+|>\s*)", "", line)
    words = len(_WORD.findall(line))
    clean = PLACEHOLDER.sub("", line).strip()
    # Furniture is short: a long paragraph is never a caption, a dateline or a menu.
    short = words <= SHORT_BLOCK
    filename = short and bool(_FILENAME.match(clean)) and " " not in clean
    credit = (short and bool(_CREDIT.match(clean))) or any(
        pattern.search(clean) for pattern in (_PHOTO_CAPTION, _EDITORS_NOTE, _WIRE_NOTE, _AUTHOR_NOTE)
    )
    nav = short and (bool(_NAV_CUES.match(clean)) or bool(_INLINE_NAV.search(clean) and words <= 6))
    link = short and bool(_LINK_LINE.match(clean)) and not _TERMINAL.search(clean)
    image = bool(_IMAGE.match(clean))
    separator = bool(_SECTION_BREAK.match(clean.replace(" ", "")))
    interstitial = bool(_INTERSTITIAL.match(clean)) or separator or link or filename or credit or image
    meta_line = short and _is_meta_line(clean)
    breadcrumb = "|" in clean and words <= 8 and not _TERMINAL.search(clean) and not meta_line
    meta = short and (bool(_META_LABEL.match(clean)) or meta_line)
    truncated = bool(_TRUNCATED.search(clean)) and words <= 25
    # A paragraph ends a sentence; a long one may trail a fragment (a wire editor's
    # "4th graf pvs", a dangling link text) and still be prose.
    ends = (
        bool(_TERMINAL.search(clean))
        or (clean.endswith(":") and words >= 15)
        or (words >= 20 and bool(_INNER_END.search(clean)))
    )
    prose = (
        words >= 8
        and ends
        and not truncated
        and not _headline_shaped(clean, words)
        and not (filename or credit or nav or link or meta)
        and _mostly_lower(clean)
    )
    return _Shape(
        start=start,
        end=end,
        text=clean,
        words=words,
        prose=prose,
        boilerplate=interstitial or nav or breadcrumb or truncated,
        nav=nav,
        meta=meta,
        interstitial=interstitial,
        md_heading=md_heading,
        listed=bool(BULLET.match(flat)),  # before Markdown's marks came off ``line``
    )


def _captions(shapes: Sequence[_Shape]) -> list[_Shape]:
    """A short block right under an image is its caption, not prose: when it repeats the
    image's alt text, or, inside the article (prose above the image), is one short
    sentence that reports no one's words ("Cranes stand idle at the terminal on
    Wednesday."). Under a page's top image, such a sentence is as likely its lead."""
    out = list(shapes)
    for i in range(1, len(out)):
        image = _IMAGE.match(out[i - 1].text)
        shape = out[i]
        if not image or shape.words > 30:
            continue
        alt = _vocabulary(image["alt"] or "")
        echoes = bool(alt) and len(alt & _vocabulary(shape.text)) >= 0.5 * len(alt)
        inside = any(s.prose for s in out[: i - 1])
        one_line = (
            inside
            and shape.words <= 20
            and not _INNER_END.search(shape.text)
            and not _REPORTED.search(shape.text)
        )
        if echoes or one_line:
            out[i] = dataclasses.replace(shape, prose=False, boilerplate=True, interstitial=True)
    return out


def _mostly_lower(text: str) -> bool:
    """Prose is written in lower case; a headline or a shouted label is not. The whole
    block counts: a wire story may open with a shouted copyright notice."""
    letters = sum(ch.isalpha() for ch in text)
    return sum(ch.islower() for ch in text) > 0.5 * letters


def _headline_shaped(line: str, words: int) -> bool:
    """One short sentence in Title Case, or one short question: a heading, not prose."""
    if words > 25 or re.search(r"[.!?]\s+\S", line.rstrip(".!?\"'”’ ")):
        return False
    if line.rstrip("\"'”’ ").endswith("?") and words <= 20:
        return True
    long_words = [w for w in _WORD.findall(line) if len(w) > 3]
    capitalised = sum(1 for w in long_words if w[0].isupper())
    # A sentence with its full stop is Title Case only when every long word is: news
    # prose full of names ("They walked off the job at the Port of Portmere on
    # Monday.") is not a heading.
    needed = len(long_words) if line.rstrip("\"'”’ ").endswith(".") else 0.75 * len(long_words)
    return len(long_words) >= 3 and capitalised >= needed


def _is_meta_line(line: str) -> bool:
    """A dateline or a byline, or both in one line with labels between separators:
    "Published March 14, 2025 at 6:12 p.m. | Updated March 14, 2025 at 9:40 p.m.",
    "By Marcus Lee · Valley Public Radio · 2025-03-16", "Written by Greg Holloway,
    Ledger Editorial Board | 18/03/2025"."""
    kinds = [_meta_kind(part) for part in _META_SEPARATOR.split(line.strip("*_ "))]
    return None not in kinds and bool({"date", "byline", "role"} & set(kinds))


def _meta_kind(part: str) -> str | None:
    part = part.strip("*_ ")
    if _is_dateline(part):
        return "date"
    if _byline_author(part):
        return "byline"
    words = _WORD.findall(part)
    if _ROLE.match(part) and len(words) <= 8:
        return "role"  # "Staff Writer, The Millbrook Courier"
    if 1 <= len(words) <= 4 and not _TERMINAL.search(part) and all(w[0].isupper() or len(w) <= 3 for w in words):
        return "label"  # "Valley Public Radio", "Staff Writer"
    return None


def _is_dateline(line: str) -> bool:
    """A line that is a date, perhaps with its time, 'by', 'published' and a category
    label."""
    for start, end, _date in full_dates(line):
        rest = _CLOCK.sub(" ", line[:start] + " " + line[end:]).strip()
        rest = re.sub(r"(?i)\b(?:by|on|at|published|updated|posted|date|last modified)\b[:]?", " ", rest)
        rest = re.sub(r"(?i)\b(?:category|section)\s*:.*$", " ", rest)
        return len(_WORD.findall(rest)) <= 2
    return False


def _byline_author(line: str) -> str | None:
    """The name of a byline: "By Greg Holloway", "Written by Greg Holloway, Ledger
    Editorial Board", "By Ann Lee and Bo Park, March 18, 2025", "Greg Holloway, Staff
    Writer"."""
    line = line.strip()
    match = _BYLINE.match(line)
    if match:
        rest = match["rest"]
    elif role := _NAME_AND_ROLE.match(line):
        rest = role["name"]
    else:
        return None
    for start, end, _date in reversed(list(full_dates(rest))):
        rest = rest[:start] + rest[end:]
    rest = _CLOCK.sub("", rest).strip(" ,.")
    name, _, after = rest.partition(",")  # ", Ledger Editorial Board", ", Reuters"
    name = name.strip()
    if len(name.split()) > 6 or not _NAME.match(name) or len(_WORD.findall(after)) > 5:
        return None
    return name


# ---------------------------------------------------------------------------------------
# The article's body


_GAP = 3  # non-prose blocks in a row that part a teaser from the article
SHORT_BLOCK = 60  # words: captions, credits, datelines and menus are shorter


def _runs(shapes: Sequence[_Shape]) -> list[list[int]]:
    """Indices of prose blocks, grouped into runs (see the module docstring)."""
    runs: list[list[int]] = []
    current: list[int] = []
    gap = 0
    for i, shape in enumerate(shapes):
        if shape.prose:
            if current and gap >= _GAP:
                runs.append(current)
                current = []
            current.append(i)
            gap = 0
        elif shape.nav:
            if current:
                runs.append(current)
                current = []
            gap = 0
        elif not (shape.interstitial or shape.listed):  # a list inside the article: not a teaser card
            gap += 1
    if current:
        runs.append(current)
    return runs


def _vocabulary(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) > 3}


def _overlap(part: str, whole: set[str]) -> float:
    words = _vocabulary(part)
    return len(words & whole) / len(words) if words else 0.0


def parse_text(text: str, *, path: str | None = None, markdown: bool = False) -> Article:
    """Classify the blocks of a page's text and read its metadata."""
    spans = split_blocks(text)
    shapes = [_shape(text, s, e, markdown) for s, e in spans]
    # A page's header is headline, then byline or dateline: what stands before a
    # dateline near the top is never body text, however sentence-like.
    header_end = next((i for i, s in enumerate(shapes[:5]) if s.meta), 0)
    shapes = [dataclasses.replace(s, prose=False) if i < header_end else s for i, s in enumerate(shapes)]
    shapes = _captions(shapes)
    runs = _runs(shapes)
    told = itertools.islice((s for s in shapes if not (s.boilerplate or s.meta)), _BUDGET_LINES)
    if not runs or any(_WIRE_BUDGET.search(s.text) for s in told):
        return Article(text=text, path=path, blocks=tuple(Block(s.start, s.end, "boilerplate") for s in shapes))

    main = max(runs, key=lambda run: (sum(shapes[i].words for i in run), -run[0]))
    vocabulary = _vocabulary(" ".join(shapes[i].text for i in main))
    first, last = main[0], main[-1]
    # A standfirst before the body shares its words; runs after it are other stories.
    for run in runs:
        if run[-1] < first and first - run[-1] <= _GAP + 1:
            if _overlap(" ".join(shapes[i].text for i in run), vocabulary) >= 0.5:
                first = run[0]

    kinds: list[BlockKind] = []
    for i, shape in enumerate(shapes):
        if shape.boilerplate:
            kinds.append("boilerplate")
        elif shape.meta:
            kinds.append("meta")
        elif first <= i <= last:
            kinds.append("body" if shape.prose else "heading")
        else:
            kinds.append("boilerplate")

    title_index = _find_title(shapes, kinds, first, vocabulary, markdown)
    if title_index is not None:
        kinds[title_index] = "title"
    blocks = tuple(Block(s.start, s.end, k) for s, k in zip(shapes, kinds, strict=True))

    header = [shapes[i].text for i in range(first) if kinds[i] in ("meta", "title")]
    footer = [shapes[i].text for i in range(last + 1, len(shapes)) if kinds[i] == "meta"]
    lead = shapes[first].text
    return Article(
        text=text,
        path=path,
        title=shapes[title_index].text if title_index is not None else None,
        published=_published(header, footer, lead),
        author=_author(header + footer),
        blocks=blocks,
    )


def _find_title(
    shapes: Sequence[_Shape],
    kinds: Sequence[BlockKind],
    first: int,
    vocabulary: set[str],
    markdown: bool,
) -> int | None:
    """The headline: a Markdown heading; else the one just above the byline or dateline,
    where pages put their headline, unless it reads as a sentence (a standfirst); else the
    block before the body that shares most of the body's words (not a masthead: "PELL
    COUNTY LEDGER" shares the county's name with the story)."""
    best: tuple[float, int] | None = None
    above_header: int | None = None
    candidate: int | None = None  # the last block that could be a headline
    for i in range(first):
        shape = shapes[i]
        if shape.meta:
            # The headline stands above a byline or dateline; of several, the body's.
            above_header = candidate if candidate is not None else above_header
            continue
        if kinds[i] != "boilerplate" or shape.prose or shape.nav:
            continue
        if shape.md_heading:
            return i
        # Captions, credits, file names and links are interstitial: never a headline.
        if shape.interstitial or not 3 <= shape.words <= 30 or "|" in shape.text:
            continue
        candidate = i if not shape.text.rstrip("\"'”’ ").endswith(".") else None
        score = _overlap(shape.text, vocabulary)
        if score >= 0.3 and (best is None or score > best[0]):
            best = (score, i)
    if above_header is not None:
        return above_header
    return best[1] if best else None


def _published(header: Iterable[str], footer: Iterable[str], lead: str) -> dt.date | None:
    """The dateline's date; else a full date in the first paragraph (news leads date
    the event they report, the day of publication); else unknown."""
    for line in list(header) + list(footer):
        found = _find_date(line)
        if found:
            return found
    # The lead's first sentences, not a whole wire story run into one paragraph.
    return _find_date(lead[:LEAD_CHARS])


def _author(lines: Iterable[str]) -> str | None:
    for line in lines:
        # "Published 5 March 2025 · By Sam Okafor": a byline may share its line.
        for part in _META_SEPARATOR.split(line):
            name = _byline_author(part.strip("*_ "))
            if name:
                return name
    return None


def _find_date(text: str) -> dt.date | None:
    return next((date for _start, _end, date in full_dates(text)), None)
