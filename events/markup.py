"""Announcements are written in Markdown; visitors get sanitised HTML, never script."""

from functools import lru_cache

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
