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


@pytest.mark.django_db
def test_a_form_sent_without_its_csrf_token_gets_a_page_saying_what_to_do():
    from django.test import Client

    from tests.html import text

    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/zone/", {"tz": "Europe/Paris", "next": "/"})
    assert response.status_code == 403
    assert "Please send the form again" in text(response)
    assert "reload the page" in text(response)


@pytest.mark.django_db
def test_a_malformed_request_gets_the_sites_400_page(client):
    # A Host header that is not allowed: Django refuses it as a SuspiciousOperation.
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "This request could not be understood" in response.content.decode()
