"""Markdown made safe: hostile input, rendering, headings below the page's own."""

import re

import pytest

from events.markup import markdown_to_text, render_markdown, render_markdown_for_email

HOSTILE = [
    '<script>alert("x")</script>',
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload="alert(1)"><circle/></svg>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<form action="https://evil.example"><input name=q></form>',
    "<object data=x></object><embed src=x>",
    '"><script>alert(1)</script>',
]


@pytest.mark.parametrize("hostile", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_markup_never_reaches_the_page(hostile):
    html = str(render_markdown(f"Hello\n\n{hostile}\n\nBye")).lower()
    for danger in (
        "<script",
        "onerror",
        "onload",
        "javascript:",
        "<iframe",
        "<svg",
        "style=",
        "data:text",
        "<form",
        "<input",
        "<object",
        "<embed",
    ):
        assert danger not in html
    assert "hello" in html and "bye" in html


def test_markdown_is_rendered():
    html = str(render_markdown("# Wave\n\n**Now** and [here](https://nasa.gov).\n\n- one\n- two"))
    assert "<h3>Wave</h3>" in html  # the page's own headings come first
    assert "<strong>Now</strong>" in html
    assert '<a href="https://nasa.gov" rel="noopener noreferrer nofollow">here</a>' in html
    assert "<ul>\n<li>one</li>" in html


def test_headings_start_below_the_pages_own():
    html = str(render_markdown("# 1\n\n## 2\n\n### 3\n\n#### 4\n\n##### 5\n\nSetext\n---"))
    assert html == (
        "<h3>1</h3>\n<h4>2</h4>\n<h5>3</h5>\n<h6>4</h6>\n<h6>5</h6>\n<h4>Setext</h4>"
    )  # no ids either: nothing for a page's anchors to collide with


def test_no_table_of_contents_and_no_top_level_heading_from_raw_html():
    html = str(render_markdown("[TOC]\n\n# A\n\n<h1>raw</h1>\n\n<h2>raw too</h2>"))
    assert "<p>[TOC]</p>" in html
    assert "<h1" not in html and "<h2" not in html
    assert "raw" in html and "raw too" in html


# --- for emails ----------------------------------------------------------------------------

BASE = "https://wave.example/events/juno/"


def test_email_links_are_absolute_against_the_event_page():
    html = render_markdown_for_email(
        "[times](times/) [home](/) [nasa](https://nasa.gov/) [mail](mailto:a@b.org)", BASE
    )
    assert re.findall(r'href="([^"]+)"', html) == [
        "https://wave.example/events/juno/times/",
        "https://wave.example/",
        "https://nasa.gov/",
        "mailto:a@b.org",
    ]


def test_email_text_has_no_markdown_and_writes_links_out():
    text = markdown_to_text(
        "### Plan\n\nGo **out** at [the time](times/).\n\n"
        "1. look up\n2. wave\n\n> be quick\n\n    code line\n\n---\n\nEnd <script>x()</script>",
        BASE,
    )
    assert text == (
        "Plan\n\nGo out at the time (https://wave.example/events/juno/times/).\n\n"
        "1. look up\n2. wave\n\n> be quick\n\ncode line\n\n———\n\nEnd"
    )


def test_email_text_of_a_bare_link_says_it_once():
    assert markdown_to_text("<https://nasa.gov/>", BASE) == "https://nasa.gov/"
    assert markdown_to_text("[javascript](javascript:alert(1))", BASE) == "javascript"
