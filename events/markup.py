"""Announcements are written in Markdown; visitors get sanitised HTML, never script."""

from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urljoin

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
# Headings start at h3: the page already has its h1 and the announcement's own h2/h3. The
# `toc` extension's `baselevel` moves every Markdown heading down (# → h3, ## → h4, deeper
# ones stop at h6); `marker=""` keeps a literal "[TOC]" as text. The ids it gives headings
# are removed by nh3 below, as are raw HTML h1 and h2 tags (their text stays).
FIRST_HEADING_LEVEL = 3
MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "toc"]
MARKDOWN_CONFIG = {"toc": {"baselevel": FIRST_HEADING_LEVEL, "marker": ""}}


# The same announcement is rendered for every email of a broadcast and every page view: a
# pure function of its text, so the last few results are kept.
@lru_cache(maxsize=128)
def render_markdown(text: str) -> SafeString:
    """Markdown → HTML with only harmless tags, attributes and link schemes left."""
    html = markdown.markdown(
        text,
        extensions=MARKDOWN_EXTENSIONS,
        extension_configs=MARKDOWN_CONFIG,
        output_format="html",
        tab_length=4,
    )
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - nh3 has just removed everything unsafe


# --- for emails: every link absolute, and a text part people can read ---------------------


@lru_cache(maxsize=128)
def render_markdown_for_email(text: str, base_url: str) -> SafeString:
    """render_markdown(), with every link made absolute against `base_url`: a relative
    link ("/events/x/", "times/") means nothing in a mail program."""
    html = markdown.markdown(
        text,
        extensions=MARKDOWN_EXTENSIONS,
        extension_configs=MARKDOWN_CONFIG,
        output_format="html",
        tab_length=4,
    )

    def absolute(tag: str, attribute: str, value: str) -> str:
        if tag == "a" and attribute == "href":
            return urljoin(base_url, value)
        return value

    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        attribute_filter=absolute,
    )
    return mark_safe(clean)  # noqa: S308 - nh3 has just removed everything unsafe


@lru_cache(maxsize=128)
def markdown_to_text(text: str, base_url: str) -> str:
    """The announcement as plain text for an email's text part: paragraphs, headings,
    lists (• and 1.), quotes (>), and every link written out as "words (address)"; no
    Markdown syntax left. Reads the sanitised HTML, whose few tags it knows."""
    writer = _TextWriter()
    writer.feed(render_markdown_for_email(text, base_url))
    writer.close()
    return writer.text()


_BLOCKS = {"p", "h3", "h4", "h5", "h6", "pre", "blockquote", "ul", "ol", "table", "hr", "tr"}


class _TextWriter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line = ""
        self.lists: list[list] = []  # per open list: [kind, number]
        self.quote = 0
        self.link: str | None = None
        self.link_words = ""
        self.pre = False

    def _break(self, blank: bool = False) -> None:
        if self.line.strip():
            prefix = "> " * self.quote
            self.lines.append(prefix + self.line.strip())
        self.line = ""
        if blank and self.lines and self.lines[-1] != "":
            self.lines.append("")

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self._break(blank=not self.lists)
        if tag == "blockquote":
            self.quote += 1
        elif tag in ("ul", "ol"):
            self.lists.append([tag, 0])
        elif tag == "li" and self.lists:
            self._break()
            kind = self.lists[-1]
            kind[1] += 1
            indent = "  " * (len(self.lists) - 1)
            self.line = f"{indent}{kind[1]}. " if kind[0] == "ol" else f"{indent}• "
        elif tag == "br":
            self._break()
        elif tag == "hr":
            self.lines.append("———")
        elif tag == "a":
            self.link = dict(attrs).get("href") or ""
            self.link_words = ""
        elif tag == "pre":
            self.pre = True
        elif tag in ("td", "th") and self.line:
            self.line += " | "

    def handle_endtag(self, tag):
        if tag == "a" and self.link is not None:
            words, href = self.link_words.strip(), self.link
            target = href.removeprefix("mailto:")
            if href and words != target and words != href:
                self.line += f" ({target})"
            self.link = None
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self._break(blank=not self.lists)
        elif tag == "li":
            self._break()
        elif tag == "blockquote":
            self._break(blank=True)
            self.quote = max(0, self.quote - 1)
        elif tag == "pre":
            self.pre = False
            self._break(blank=True)
        elif tag in _BLOCKS:
            self._break(blank=not self.lists)

    def handle_data(self, data):
        if self.pre:
            for number, part in enumerate(data.split("\n")):
                if number:
                    self._break()
                self.line += part
            return
        words = " ".join(data.split())
        if data[:1].isspace() and self.line and not self.line.endswith(" "):
            words = " " + words
        if data[-1:].isspace() and words and not words.endswith(" "):
            words += " "
        self.line += words
        if self.link is not None:
            self.link_words += words

    def text(self) -> str:
        self._break()
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(self.lines)
