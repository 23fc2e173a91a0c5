"""What a contribution may put into a page: escape by default, allow on purpose.

Plain text is made inert wherever it is printed (``escape_text`` for Markdown,
``html_text`` for HTML). Markdown is rendered, then judged against one allow-list
of elements, attributes and addresses: ``markdown_problems`` tells a contributor
what is refused, with its line, and ``sanitise`` (nh3, the Ammonia sanitiser)
enforces the same list on what is published. Addresses are parsed
(``urllib.parse``), never matched by a pattern.

Python-Markdown and nh3 are imported where they are used: the ``documents`` package, which
imports this module through its fields, runs in the browser (Pyodide) without them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .text import one_line

if TYPE_CHECKING:
    import markdown

EXTENSIONS = ["admonition", "attr_list", "tables", "def_list", "md_in_html", "toc",
              "pymdownx.details", "pymdownx.superfences"]
"""The site's Markdown, as mkdocs.yml declares it (abbreviations come from the glossary)."""

SCHEMES = frozenset({"http", "https", "mailto"})
TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp",
    "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
})
"""Elements a contribution may produce: text structure, tables, code, images of the site."""
ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "lang"},
    "a": {"href"}, "img": {"src", "alt", "width", "height"}, "ol": {"start"},
    "td": {"colspan", "rowspan", "style"}, "th": {"colspan", "rowspan", "scope", "style"},
    "col": {"span"}, "details": {"open"},
}
"""Attributes allowed on them; ``style`` only for a table column's alignment."""
STYLES = frozenset({"text-align"})
URL_ATTRIBUTES = frozenset({"href", "src"})
_WHY = {
    "script": "script", "noscript": "script", "iframe": "cadre", "frame": "cadre",
    "frameset": "cadre", "object": "objet intégré", "embed": "objet intégré",
    "form": "formulaire", "input": "formulaire", "button": "formulaire", "select": "formulaire",
    "textarea": "formulaire", "style": "feuille de style", "link": "feuille de style",
    "meta": "redirection ou métadonnée", "base": "changement d'adresse de base",
    "svg": "image SVG active", "math": "formule active",
}
ABBREVIATION = re.compile(r"^[ \t]{0,3}\*\[[^\]\n]*\]:", re.MULTILINE)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Control characters (tab and line feed are text), lone surrogates and non-characters."""


# --- Addresses ---------------------------------------------------------------------------

_URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")
"""RFC 3986: anything else in an address (space, quote, angle bracket…) must be encoded."""


def web_address_problem(url: str) -> str | None:
    """Why ``url`` is not a public http(s) address, or None (the ``url:`` fields)."""
    bad = next((c for c in url if not _URL_CHARACTERS.fullmatch(c)
                and (ord(c) < 128 or not c.isprintable() or c.isspace())), None)
    if bad is not None:
        return (f"caractère {_shown(bad)} interdit (encodez-le : %{ord(bad):02X} ; une adresse "
                "ne contient ni espace, ni guillemet, ni chevron)")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return "adresse illisible : attendu une adresse complète http(s)://…"
    if parts.scheme not in ("http", "https"):
        return "attendu une adresse complète http(s)://…"
    if parts.username is not None or parts.password is not None:
        return "identifiant ou mot de passe dans l'adresse refusé (…@…)"
    host = parts.hostname or ""
    if not re.fullmatch(r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}", host):
        return f"nom de domaine invalide « {host} » : attendu par exemple https://www.exemple.fr/…"
    return None


def link_problem(url: str, *, image: bool = False, base: str | None = None) -> str | None:
    """Why a link or image address of a contribution is refused, or None.

    Links go to http, https or mailto addresses, or to the site's own pages and files
    (relative, inside the site when ``base``, the folder of the page, is known).
    Images come from the site only: no request to a third party.
    """
    if CONTROL.search(url) or re.search(r"\s", url):
        return f"adresse {_quoted(url)} refusée : espace ou caractère de contrôle"
    try:
        parts = urlsplit(url)
    except ValueError:
        return f"adresse {_quoted(url)} illisible"
    if parts.scheme:
        if image:
            return f"image externe {_quoted(url)} refusée : placez l'image dans content/"
        if parts.scheme not in SCHEMES:
            return (f"adresse {parts.scheme}: refusée ({_quoted(url)}) : seuls http, https, "
                    "mailto et les pages du site sont permis")
        if parts.scheme == "mailto":
            return None if parts.path else f"adresse {_quoted(url)} sans destinataire"
        problem = web_address_problem(url)
        return f"adresse {_quoted(url)} refusée : {problem}" if problem else None
    if parts.netloc or url.startswith(("//", "\\\\")):
        return f"adresse {_quoted(url)} sans protocole : écrivez https://…"
    if parts.path.startswith(("/", "\\")):
        return f"chemin absolu {_quoted(url)} refusé : écrivez un chemin relatif à la page"
    if base is not None and parts.path:
        depth = len([p for p in base.split("/") if p])
        for part in parts.path.split("/"):
            depth += -1 if part == ".." else (0 if part in ("", ".") else 1)
            if depth < 0:
                return f"chemin {_quoted(url)} hors du site"
    return None


def _quoted(text: str) -> str:
    return f"« {text if len(text) <= 60 else text[:57] + '…'} »"


def _shown(character: str) -> str:
    return f"U+{ord(character):04X}" if CONTROL.match(character) or character.isspace() \
        else f"« {character} »"


# --- Rendered HTML -----------------------------------------------------------------------

class _Elements(HTMLParser):
    """Every element and attribute of an HTML fragment, as a browser decodes them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("tag", tag, tuple(sorted((k, _style(v) if k == "style" else (v or ""))
                                                     for k, v in attrs))))

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.events.append(("text", " ".join(data.split())))


def _style(value: str | None) -> str:
    declarations = [d.split(":", 1) for d in (value or "").split(";") if d.strip()]
    return ";".join(f"{k.strip().lower()}:{v.strip()}" for k, v in
                    (d if len(d) == 2 else (d[0], "") for d in declarations))


def _elements(fragment: str) -> list[tuple]:
    parser = _Elements()
    parser.feed(fragment)
    parser.close()
    return parser.events


def html_problems(fragment: str, base: str | None = None) -> list[tuple[str, str]]:
    """(what to look for in the source, message) for everything the allow-list refuses."""
    found: list[tuple[str, str]] = []
    for event in _elements(fragment):
        if event[0] != "tag":
            continue
        _, tag, attrs = event
        if tag not in TAGS:
            why = _WHY.get(tag)
            found.append((f"<{tag}", f"balise <{tag}> interdite" + (f" ({why})" if why else "")))
            continue
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name.startswith("on"):
                found.append((name, f"attribut d'événement {name} interdit (script)"))
            elif name == "style" and name in allowed:
                if any(d.split(":")[0] not in STYLES for d in value.split(";") if d):
                    found.append(("style", "attribut style interdit (mise en forme libre)"))
            elif name not in allowed:
                found.append((name, f"attribut {name} interdit sur <{tag}>"))
            elif name in URL_ATTRIBUTES:
                problem = link_problem(value, image=tag == "img", base=base)
                if problem:
                    found.append((value or name, problem))
    return found


def _url_filter(base: str | None) -> Callable[[str, str, str], str | None]:
    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute in URL_ATTRIBUTES and link_problem(value, image=tag == "img", base=base):
            return None
        return value
    return keep


def sanitise(fragment: str, *, tags: frozenset[str] = TAGS,
             attributes: dict[str, set[str]] | None = None, base: str | None = None,
             keep: Callable[[str, str, str], str | None] | None = None) -> str:
    """``fragment`` reduced to the allow-list: what is published, whatever got through."""
    import nh3

    return nh3.clean(fragment, tags=set(tags), attributes=attributes or ATTRIBUTES,
                     attribute_filter=keep or _url_filter(base), url_schemes=set(SCHEMES),
                     link_rel=None, filter_style_properties=set(STYLES), strip_comments=True)


# --- Markdown ----------------------------------------------------------------------------

_RENDERER: markdown.Markdown | None = None


def render(text: str) -> str:
    """Markdown to HTML with the site's extensions, as a contribution is judged."""
    global _RENDERER
    if _RENDERER is None:
        import markdown

        _RENDERER = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
    _RENDERER.reset()
    return _RENDERER.convert(text)


def markdown_problems(text: str, base: str | None = None) -> list[tuple[int, str]]:
    """(line within ``text``, 0-based; message) for each refused construct of a Markdown text.

    The text is rendered, then judged; whatever the sanitiser would still change is
    refused too, so that nothing is ever silently stripped from a page.
    """
    problems: list[tuple[int, str]] = []
    for match in ABBREVIATION.finditer(text):
        problems.append((text.count("\n", 0, match.start()),
                         "définition d'abréviation « *[…]: » refusée : les infobulles viennent "
                         "du glossaire (data/glossary.yml)"))
    rendered = render(text)
    for needle, message in html_problems(rendered, base):
        problems.append((_line_of(text, needle), message))
    if not problems and _elements(sanitise(rendered, base=base)) != _elements(rendered):
        problems.append((0, "HTML refusé par le filtre de sécurité (balise mal formée ?)"))
    return problems


def _line_of(text: str, needle: str) -> int:
    position = text.lower().find(needle.lower())
    if position < 0 and needle.startswith("<"):
        position = text.find("<")
    return text.count("\n", 0, position) if position >= 0 else 0


# --- Plain text --------------------------------------------------------------------------

_INERT = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]|#\"<>&"})
_LEADING = re.compile(r"[-+=~:!?>]|\d+[.)]")


def escape_text(value: object) -> str:
    """Plain text made inert in Markdown and in HTML: what is typed is what is read.

    Characters that Markdown or HTML would read as syntax become character
    references; a list marker or other block syntax at the start is neutralised;
    line breaks become spaces (a plain field is one line of text).
    """
    text = re.sub(r"[ \t]*\n\s*", " ", str(value)).translate(_INERT)
    start = len(text) - len(text.lstrip())
    match = _LEADING.match(text, start)
    if match:
        mark = match.group(0)[-1]
        text = text[:match.end() - 1] + f"&#{ord(mark)};" + text[match.end():]
    return text


def html_text(value: object) -> str:
    """Plain text for a context that MkDocs' theme prints as HTML (titles, metadata).

    Only what HTML reads as markup is escaped: an apostrophe, or an ampersand before a
    space, stays as typed, since the theme escapes some of these titles once more
    (``aria-label``) and a reader would hear « &#x27; ».
    """
    text = one_line(str(value))  # non-breaking spaces kept
    text = re.sub(r"&(?=[A-Za-z0-9#])", "&amp;", text)
    return text.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
