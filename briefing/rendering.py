"""Brief -> Markdown, HTML, PDF or JSON.

Markdown comes from a Jinja2 template; HTML is that Markdown converted by Python-Markdown
and wrapped in a self-contained page (CSS inlined); PDF is that page laid out by
WeasyPrint. Jinja2, Markdown and above all WeasyPrint are imported inside the functions
that need them, so ``import briefing.rendering`` stays cheap and the md/html/json path never
loads WeasyPrint or its system libraries.

Templates are looked up in the user's ``template_dir`` first, then in the shipped ones;
a user template can ``{% extends "default:brief.md.j2" %}`` and override a block.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote, urlsplit

from briefing.config import FORMATS, parse_paper
from briefing.errors import ConfigError, RenderError
from briefing.models import Brief, Claim, Event, Item, KeyFigure, When, collapse_ws, source_ids

if TYPE_CHECKING:
    from jinja2 import Environment

__all__ = [
    "FORMATS",
    "default_template_dir",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
    "render_pdf",
]


# toc gives every heading an id ("Sources" -> "sources"), which the stylesheet uses,
# so the Markdown deliverable carries no renderer-specific attribute syntax.
Cited = Item | KeyFigure | Event | Claim

MARKDOWN_EXTENSIONS = ("sane_lists", "toc", "tables")


# What Python-Markdown (with the extensions above) reads as markup in a line of text.
# Anywhere: emphasis, code, links, attribute lists, heading hashes, backslash escapes.
_MD_INLINE = re.compile(r"([\\`*_{}\[\]#|])")
# Only at the start of a line: list markers, blockquote, "1. " (an ordered list; not
# "4.3 percent").
_MD_LINE_START = re.compile(r"^([-+>]|\d+(?=\.(?:\s|$)))")
# It does not honour "\<" or "\&": "<" always becomes an entity (raw HTML, autolinks),
# "&" only where it would start one (a bare "&" is escaped by Markdown itself).
_ENTITY = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[a-zA-Z0-9]+;)")
# C0 controls are invalid in HTML, and STX/ETX would collide with Python-Markdown's
# placeholders for stashed raw HTML.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Characters kept as they are in a URL shown as a Markdown autolink; everything else
# (space, quotes, angle brackets, backslash, backtick...) is percent-encoded.
_URL_SAFE = "-._~:/?#[]@!$&'()*+,;=%"


def default_template_dir() -> Path:
    """The shipped templates: inside the package when installed, else the checkout's."""
    packaged = Path(__file__).parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).parent.parent / "templates"


def render(
    brief: Brief,
    fmt: str,
    *,
    template_dir: Path | None = None,
    paper: str = "A4",
) -> str | bytes:
    """Render ``brief`` as ``fmt`` (one of FORMATS): str for md/html/json, bytes for pdf."""
    if fmt == "md":
        return render_markdown(brief, template_dir=template_dir)
    if fmt == "html":
        return render_html(brief, template_dir=template_dir, paper=paper)
    if fmt == "pdf":
        return render_pdf(brief, template_dir=template_dir, paper=paper)
    if fmt == "json":
        return render_json(brief)
    raise ConfigError(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}")


def render_json(brief: Brief) -> str:
    return json.dumps(brief.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_markdown(brief: Brief, *, template_dir: Path | None = None) -> str:
    env = _environment(template_dir)
    return _render_template(env, "brief.md.j2", brief=brief)


def render_html(brief: Brief, *, template_dir: Path | None = None, paper: str = "A4") -> str:
    from markupsafe import Markup

    size = parse_paper(paper)
    env = _environment(template_dir)
    body = markdown_to_html(_render_template(env, "brief.md.j2", brief=brief))
    return _render_template(env, "brief.html.j2", brief=brief, body=Markup(body), paper=size)


def render_pdf(brief: Brief, *, template_dir: Path | None = None, paper: str = "A4") -> bytes:
    parse_paper(paper)  # a bad option is reported before a missing library
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango or cairo not installed
        reason = collapse_ws(str(exc)).split(". ")[0][:200]
        raise RenderError(
            f"PDF output needs WeasyPrint and its system libraries (Pango): {reason}"
        ) from exc
    pdf = weasyprint.HTML(string=print_html(brief, template_dir=template_dir, paper=paper)).write_pdf()
    if pdf is None:  # only when given a target to write to, which we never pass
        raise RenderError("WeasyPrint returned no PDF")
    return bytes(pdf)


def print_html(brief: Brief, *, template_dir: Path | None = None, paper: str = "A4") -> str:
    """The HTML page the PDF is laid out from: render_html's, citations glued."""
    return glue_citations(render_html(brief, template_dir=template_dir, paper=paper))


def glue_citations(html: str) -> str:
    """Each run of citation links tied to the word before it by a word joiner, in place
    of the space (the `glued` class puts the space back as a margin). A citation then
    never starts a line alone, and WeasyPrint (70, with Pango 1.50) no longer strands
    a word on a line of its own when a sentence and its citations end a paragraph just
    past the line's end: it broke the text at its first space, not its last. An item's
    support ("· single source") likewise moves to the next line whole."""
    html = html.replace(' <a href="#src-', '\u2060<a class="glued" href="#src-')
    return html.replace("</a> · <em>", "</a> <em>·\u00a0")  # "· single source" on one line


def markdown_to_html(text: str) -> str:
    """The memo's Markdown as an HTML fragment. No `smarty`: item text stays verbatim."""
    import markdown

    html = markdown.markdown(text, extensions=list(MARKDOWN_EXTENSIONS), output_format="html")
    return str(html)


# Filters: every piece of user text reaches the Markdown through one of these.


def md_text(value: object) -> str:
    """User text as literal Markdown text: no markup, no links, no raw HTML."""
    text = collapse_ws(_CONTROL.sub("", str(value)))
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;")
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m[0] + "\\" if m[0][0].isdigit() else "\\" + m[0], text)


def md_code(value: object) -> str:
    """User text as a Markdown code span, fenced with more backticks than it holds."""
    text = collapse_ws(_CONTROL.sub("", str(value)))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}" if longest else f"{fence}{text}{fence}"


def md_url(value: object) -> str:
    """An http(s) URL as a Markdown autolink; anything else as plain text, never a link."""
    url = collapse_ws(_CONTROL.sub("", str(value)))
    try:
        parts = urlsplit(url)
    except ValueError:
        return md_text(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return md_text(url)
    return f"<{quote(url, safe=_URL_SAFE)}>"


def long_date(value: dt.date | None) -> str:
    """5 October 2025, whatever the locale."""
    if value is None:
        return "date unknown"
    return When.on(value).label


def cites(item: Cited) -> str:
    """Numbered links to the Sources list, each source once, in citation order."""
    return "".join(f"[[{n}]](#src-{n})" for n in source_ids(item.citations))


def support(item: Cited) -> str:
    """How many distinct sources carry an entry: "3 sources", or "single source"."""
    count = len(source_ids(item.citations))
    return "single source" if count == 1 else f"{count} sources"


def when(event: Event) -> str:
    """An event's date at its own precision: "2014", "September 2026", "3 January
    2020", "c. 2015", "2014–2017"; a bound with its word: "until September 2026",
    "by mid-2026"."""
    label = event.when.label + (f"–{event.until.label}" if event.until else "")
    if not event.bound:
        return label
    return event.bound + ("" if event.bound.endswith("-") else " ") + label


def _environment(template_dir: Path | None) -> Environment:
    if template_dir is not None and not Path(template_dir).is_dir():
        raise ConfigError(f"template folder not found: {template_dir}")
    return _built_environment(template_dir)


@functools.lru_cache(maxsize=8)
def _built_environment(template_dir: Path | None) -> Environment:
    """The Jinja environment of a template folder, built once: each format, and the PDF
    after the HTML, reuses its compiled templates (Jinja reloads a changed file)."""
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, StrictUndefined

    default = FileSystemLoader(default_template_dir())
    loaders: list[FileSystemLoader | PrefixLoader] = []
    if template_dir is not None:
        loaders.append(FileSystemLoader(template_dir))
    loaders += [default, PrefixLoader({"default": default}, delimiter=":")]
    env = Environment(
        loader=ChoiceLoader(loaders),
        # Markdown templates produce Markdown, escaped by the filters below; only the
        # HTML wrapper is HTML-escaped (style.css is included into it verbatim).
        autoescape=lambda name: name is not None and name.endswith((".html.j2", ".html")),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        mdtext=md_text,
        mdcode=md_code,
        mdurl=md_url,
        longdate=long_date,
        cites=cites,
        support=support,
        when=when,
    )
    return env


def _render_template(env: Environment, name: str, **context: object) -> str:
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

    try:
        return env.get_template(name).render(**context)
    except TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name or name}, line {exc.lineno}"
        raise RenderError(f"template {where}: {exc.message}") from exc
    except TemplateNotFound as exc:
        raise RenderError(f"template not found: {exc.name}") from exc
    except TemplateError as exc:
        raise RenderError(f"template {name}: {exc.message}") from exc
    except UnicodeDecodeError:
        raise RenderError(f"template {name}: not UTF-8 text") from None
    # A user's template is code: whatever it raises while rendering is a template error.
    except (ArithmeticError, LookupError, TypeError, ValueError, AttributeError) as exc:
        raise RenderError(f"template {name}: {type(exc).__name__}: {exc}") from exc
