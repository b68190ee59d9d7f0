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
# Headings start at h3: the page already has its h1 and the announcement's own h2/h3.
HEADING_SHIFT = 2


# The same announcement is rendered for every email of a broadcast and every page view: a
# pure function of its text, so the last few results are kept.
@lru_cache(maxsize=128)
def render_markdown(text: str) -> SafeString:
    """Markdown → HTML with only harmless tags, attributes and link schemes left."""
    html = markdown.markdown(
        text, extensions=["extra", "sane_lists"], output_format="html", tab_length=4
    )
    for level in range(4, 0, -1):
        shifted = min(level + HEADING_SHIFT, 6)
        html = html.replace(f"<h{level}", f"<h{shifted}").replace(f"</h{level}>", f"</h{shifted}>")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - nh3 has just removed everything unsafe
