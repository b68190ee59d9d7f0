"""Reading pages as a visitor does: the visible text, one section, a form's messages, the
tags a link preview reads, and what a page would run."""

import html as html_module
import re


def visible(html: str) -> str:
    """Text as a reader sees it: tags removed, whitespace collapsed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"</?(span|strong|time|a|em)\b[^>]*>", "", html)  # inline: no gap
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def text(response) -> str:
    """The visible text of a response's page."""
    return visible(response.content.decode())


def section(html: str, css_class: str) -> str:
    """The page's <section class="css_class"> element, as HTML."""
    match = re.search(rf'<section class="{css_class}"[^>]*>.*?</section>', html, re.S)
    assert match, f'the page has no <section class="{css_class}">'
    return match.group(0)


def local_window_text(response) -> str:
    """The main line of an event page: the window in the visitor's zone."""
    match = re.search(r'<p class="local-window">(.*?)</p>', response.content.decode(), re.S)
    return visible(match.group(1))


def field_error(response, field: str, form: str = "signup") -> str:
    """The message shown beside `field` of `form`, which its input names in
    aria-describedby."""
    html = response.content.decode()
    error_id = f"{form}-{field}-error"
    control = re.search(rf'<(input|select)[^>]*id="{form}-{field}"[^>]*>', html).group(0)
    assert error_id in re.search(r'aria-describedby="([^"]*)"', control).group(1)
    return visible(re.search(rf'id="{error_id}">(.*?)</p>', html, re.S).group(1))


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def meta_tags(html: str) -> dict[str, str]:
    """The page's <meta property|name=… content=…> tags, unescaped."""
    pairs = re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', html)
    return {name: html_module.unescape(content) for name, content in pairs}


def inline_scripts(html: str) -> list[str]:
    """<script> tags with code of their own (no src): the site's CSP would refuse them. A
    JSON-LD data block is not code (browsers never run it) and is not counted."""
    return re.findall(r'<script(?![^>]*\bsrc=)(?![^>]*type="application/ld\+json")[^>]*>', html)


def script_sources(html: str) -> list[str]:
    return re.findall(r'<script[^>]*src="([^"]+)"', html)
