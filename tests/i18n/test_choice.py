"""Which language a page is in: the address's prefix, else (first visit to a public page)
the switcher's cookie or Accept-Language; the switcher; hreflang; lang and dir."""

import re
from datetime import UTC, datetime
from urllib.parse import quote, unquote

import pytest
from django.conf import settings

from tests.factories import SITE, TORONTO_ID, make_real_cities, upcoming_event

pytestmark = pytest.mark.django_db

LANGUAGE_CODES = [code for code, _ in settings.LANGUAGES]


@pytest.fixture
def event():
    return upcoming_event()


def html_tag(page: str) -> str:
    return re.search(r"<html[^>]*>", page).group(0)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_each_language_has_its_address_lang_and_direction(client, event, code):
    prefix = "" if code == "en" else f"/{code}"
    response = client.get(f"{prefix}/events/{event.slug}/")
    assert response.status_code == 200
    assert response["Content-Language"] == code
    tag = html_tag(response.content.decode())
    assert f'lang="{code}"' in tag
    assert f'dir="{"rtl" if code == "ar" else "ltr"}"' in tag


def test_a_first_visit_follows_accept_language_to_the_prefixed_address(client, event):
    response = client.get(
        f"/events/{event.slug}/?tz=Europe/Madrid", headers={"accept-language": "es-ES,es;q=0.9"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/es/events/{event.slug}/?tz=Europe/Madrid"
    assert "Accept-Language" in response["Vary"]
    assert "private" in response["Cache-Control"]


def test_english_or_an_unknown_language_stays_unprefixed_and_varies(client, event):
    for header in ("en-US,en;q=0.9", "sw,tlh;q=0.5", ""):
        response = client.get(f"/events/{event.slug}/", headers={"accept-language": header})
        assert response.status_code == 200, header
        assert 'lang="en"' in html_tag(response.content.decode())
    assert "Accept-Language" in response["Vary"]
    assert "Cookie" not in response.get("Vary", "")


def test_a_prefixed_address_is_that_language_whatever_the_browser_says(client, event):
    response = client.get(f"/ja/events/{event.slug}/", headers={"accept-language": "de"})
    assert response.status_code == 200
    assert 'lang="ja"' in html_tag(response.content.decode())


def test_the_switcher_remembers_the_choice_and_goes_back_in_that_language(client, event):
    page = client.get(f"/events/{event.slug}/").content.decode()
    assert f'href="/language/fr/?next=/events/{event.slug}/"' in page
    response = client.get("/language/fr/", {"next": f"/events/{event.slug}/"})
    assert response.status_code == 302
    assert response["Location"] == f"/fr/events/{event.slug}/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "fr" and cookie["httponly"]
    # The choice wins over the browser's language on the next unprefixed page.
    again = client.get(f"/events/{event.slug}/", headers={"accept-language": "de"})
    assert again["Location"] == f"/fr/events/{event.slug}/"
    # From a French page to German, and back to English.
    assert (
        client.get("/language/de/", {"next": f"/fr/events/{event.slug}/?tz=Europe/Paris"})[
            "Location"
        ]
        == f"/de/events/{event.slug}/?tz=Europe/Paris"
    )
    assert client.get("/language/en/", {"next": f"/ar/events/{event.slug}/"})["Location"] == (
        f"/events/{event.slug}/"
    )
    # Choosing English stays on English addresses, even for a German browser.
    client.get("/language/en/", {"next": f"/fr/events/{event.slug}/"})
    english = client.get(f"/events/{event.slug}/", headers={"accept-language": "de"})
    assert english.status_code == 200


def test_the_switcher_keeps_the_zone_and_place_the_page_shows_and_nothing_else(client, event):
    # A visitor who chose Paris and Toronto keeps them in the other language; a shared
    # link's utm_source is no part of the page (events/web/canonical.py).
    make_real_cities()
    page = client.get(
        f"/events/{event.slug}/",
        {"tz": "Europe/Paris", "city": str(TORONTO_ID), "utm_source": "xyzzy"},
    ).content.decode()
    back = quote(f"/events/{event.slug}/?tz=Europe/Paris&city={TORONTO_ID}", safe="/")
    assert f'href="/language/es/?next={back}"' in page
    assert "xyzzy" not in page
    switched = client.get("/language/es/", {"next": unquote(back)})
    assert switched["Location"] == f"/es/events/{event.slug}/?tz=Europe/Paris&city={TORONTO_ID}"
    # A page without a zone or place of its own goes back to its path.
    assert 'href="/language/es/?next=/events/"' in client.get("/events/").content.decode()


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", ""]
)
def test_the_switcher_never_sends_anyone_off_site(client, target):
    response = client.get("/language/es/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/es/"


def test_an_unknown_language_is_a_404(client):
    assert client.get("/language/xx/").status_code == 404
    assert client.get("/xx/events/").status_code == 404


def test_hreflang_alternates_name_every_language_and_a_default(client, event):
    page = client.get(f"/de/events/{event.slug}/").content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page))
    assert alternates["en"] == f"{SITE}/events/{event.slug}/"
    assert alternates["x-default"] == f"{SITE}/events/{event.slug}/"
    assert alternates["pt-br"] == f"{SITE}/pt-br/events/{event.slug}/"
    assert set(alternates) == {*LANGUAGE_CODES, "x-default"}


def test_the_admin_follows_the_choice_without_a_prefix(admin_client):
    response = admin_client.get("/admin/", headers={"accept-language": "de"})
    assert response.status_code == 200
    assert response["Content-Language"] == "de"


def test_each_language_is_cached_apart(client, event):
    english = client.get(f"/events/{event.slug}/").content.decode()
    spanish = client.get(f"/es/events/{event.slug}/").content.decode()
    again = client.get(f"/events/{event.slug}/").content.decode()
    assert 'lang="es"' in html_tag(spanish)
    assert 'lang="en"' in html_tag(again) and again == english


def test_the_javascript_catalogue_is_the_addresses_language(client):
    response = client.get("/fr/jsi18n/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    script = response.content.decode()
    assert "gettext" in script
    # The site's own strings in French, and not Django admin's calendar widget's.
    assert '"Link copied."' in script and "Lien copi" in script
    assert "Choose a time" not in script  # (an admin widget's string, in Django's own)


def test_the_javascript_catalogue_is_dated_by_its_compiled_files(client, tmp_path, settings):
    from django.utils.autoreload import file_changed

    from events.web.language import catalogues_changed_at

    first = client.get("/fr/jsi18n/")
    assert (
        client.get("/fr/jsi18n/", headers={"if-modified-since": first["Last-Modified"]}).status_code
        == 304
    )
    # Read once per process; a changed .mo (the development server's signal) is seen at once.
    compiled = tmp_path / "fr" / "LC_MESSAGES" / "djangojs.mo"
    compiled.parent.mkdir(parents=True)
    compiled.write_bytes(b"")
    settings.LOCALE_PATHS = [*settings.LOCALE_PATHS, tmp_path]
    assert catalogues_changed_at() != datetime.fromtimestamp(compiled.stat().st_mtime, tz=UTC)
    file_changed.send(sender=None, file_path=tmp_path / "notes.txt")
    assert catalogues_changed_at() != datetime.fromtimestamp(compiled.stat().st_mtime, tz=UTC)
    file_changed.send(sender=None, file_path=compiled)
    assert catalogues_changed_at() == datetime.fromtimestamp(compiled.stat().st_mtime, tz=UTC)
    catalogues_changed_at.cache_clear()


def test_shared_links_carry_the_language(client, event):
    """What a visitor shares from a Spanish page opens in Spanish: the canonical address,
    Open Graph's and every share button's."""
    from urllib.parse import parse_qs, urlsplit

    page = client.get(f"/es/events/{event.slug}/").content.decode()
    spanish = f"{SITE}/es/events/{event.slug}/"
    assert f'<link rel="canonical" href="{spanish}">' in page
    assert f'<meta property="og:url" content="{spanish}">' in page
    facebook = re.search(r'href="(https://www\.facebook\.com/[^"]+)"', page).group(1)
    assert parse_qs(urlsplit(facebook.replace("&amp;", "&")).query)["u"] == [spanish]
    assert client.get(spanish.removeprefix(SITE)).status_code == 200
