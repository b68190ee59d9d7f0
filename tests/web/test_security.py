"""Every page carries the security headers, and the public pages give the browser no
inline script or style to run (the CSP would refuse it anyway)."""

import re

import pytest

from tests.factories import make_event
from tests.html import inline_scripts

pytestmark = pytest.mark.django_db


def test_every_page_carries_the_security_headers(client):
    event = make_event()
    for url in ("/", event.get_absolute_url(), f"/events/{event.slug}/times/", "/nope/"):
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "script-src 'self'" in csp
        assert "style-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert "http" not in csp  # no third-party origin
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_public_pages_have_no_inline_script_or_style(client):
    event = make_event()
    for url in ("/", event.get_absolute_url(), f"/events/{event.slug}/times/"):
        html = client.get(url).content.decode()
        assert inline_scripts(html) == [], url
        assert re.findall(r"<style\b", html) == [], url
        assert re.findall(r"\sstyle=", html) == [], url
        assert re.findall(r"\son[a-z]+=", html) == [], url
