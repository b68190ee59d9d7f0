"""Every public page in every language: status 200, the right lang and dir, and no English
left on a page that is not English (a string left unmarked, or missing from a catalogue,
shows up here)."""

import re
from datetime import timedelta
from functools import cache
from html import unescape
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils.translation import to_locale

from tests.factories import (
    NOW,
    WINDOW_START,
    make_announcement,
    make_participant,
    upcoming_event,
)

pytestmark = pytest.mark.django_db

OTHER_LANGUAGES = [code for code, _ in settings.LANGUAGES if code != "en"]
LOCALE = Path(settings.LOCALE_PATHS[0])

# Words a page in another language never has, unless a sentence was left in English.
# Lower case (a sentence's start is caught by the words after it): "The Hague" and "Google
# Calendar" are names, which stay. Not "wave": the site's name is wavesite.
ENGLISH = re.compile(
    r"\b(the|your|you|and|with|when|where|from|there|here|this|that|will|sign up|"
    r"signed up|people|participants?|minutes?|hours?|days?|look|faces?|camera|start|ends?|"
    r"share|choose|search|time zone|local time|waves?|waving|before|after|Your|Sign up|"
    r"When|Where|Share|Choose)\b"
)


def visible_text(page: str) -> str:
    """The words a reader sees or hears: text and the labels of things (alt, title,
    aria-label, placeholder, value of buttons), without scripts, styles and data blocks."""
    page = re.sub(r"<(script|style|template)\b.*?</\1>", " ", page, flags=re.S | re.I)
    labels = re.findall(r'\b(?:alt|title|aria-label|placeholder)="([^"]*)"', page)
    text = re.sub(r"<[^>]+>", " ", page)
    return unescape(" ".join([text, *labels]))


@cache
def own_words(language: str) -> frozenset[str]:
    """The marker words the language's own translations use ("minutes", "participants",
    "face" are French too): on its pages they are the language, not English left over."""
    words = set()
    for path in LOCALE.joinpath(to_locale(language), "LC_MESSAGES").glob("*.po"):
        with path.open("rb") as source:
            for message in read_po(source):
                forms = (
                    message.string if isinstance(message.string, tuple | list) else [message.string]
                )
                words |= {
                    match.group(0) for form in forms if form for match in ENGLISH.finditer(form)
                }
    return frozenset(words)


def english_left(page: str, language: str = "") -> list[str]:
    text = visible_text(page)
    allowed = own_words(language) if language else frozenset()
    return sorted(
        {
            text[max(0, m.start() - 30) : m.end() + 30].strip()
            for m in ENGLISH.finditer(text)
            if m.group(0) not in allowed
        }
    )


def neutral_event(**fields):
    """An event whose own texts are given in every language (so only the site's own
    strings can be English) and whose names are the same in all of them."""
    texts = {"title": "Cassini 2026", "summary": "Cassini · Saturn · 2026", "description": "…"}
    return upcoming_event(
        title="Cassini 2026",
        target="Cassini",
        translations={code: texts for code in OTHER_LANGUAGES},
        **fields,
    )


@pytest.fixture
def site(clock):
    clock.move_to(NOW)
    event = neutral_event()
    make_announcement(
        event,
        title="2026",
        body="…",
        translations={c: {"title": "2026", "body": "…"} for c in OTHER_LANGUAGES},
    )
    participant = make_participant(event, zone="Europe/Paris")
    return event, participant


def public_pages(event, participant) -> list[str]:
    slug = event.slug
    return [
        "/",
        "/zones/",
        f"/events/{slug}/",
        f"/events/{slug}/?tz=Asia/Tokyo",
        f"/events/{slug}/times/",
        f"/events/{slug}/photos/",
        f"/events/{slug}/signup/",
        f"/events/{slug}/signup/thanks/?tz=Europe/Paris",
        f"/events/{slug}/embed/",
        f"/signup/{participant.manage_key}/",
        f"/signup/{participant.manage_key}/delete/",
        "/places/search/?q=Par",
        "/zones/search/?q=Tok",
    ]


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_public_page_speaks_the_language(client, site, language):
    event, participant = site
    for path in public_pages(event, participant):
        response = client.get(f"/{language}{path}")
        assert response.status_code == 200, path
        page = response.content.decode()
        if "<html" in page:
            assert f'lang="{language}"' in re.search(r"<html[^>]*>", page).group(0), path
        assert english_left(page, language) == [], path


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_the_live_and_past_event_pages_speak_the_language(client, clock, language):
    event = neutral_event()
    clock.move_to(WINDOW_START + timedelta(minutes=2))
    live = client.get(f"/{language}/events/{event.slug}/").content.decode()
    assert english_left(live, language) == []
    wave = client.post(f"/{language}/events/{event.slug}/wave/", {"tz": "Europe/Paris"})
    assert wave.status_code == 200
    assert english_left(wave.content.decode(), language) == []
    clock.move_to(WINDOW_START + timedelta(days=1))
    past = client.get(f"/{language}/events/{event.slug}/").content.decode()
    assert english_left(past, language) == []


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_error_pages_speak_the_language(client, language):
    response = client.get(f"/{language}/events/no-such-event/")
    assert response.status_code == 404
    assert english_left(response.content.decode(), language) == []


def test_the_check_itself_finds_english():
    assert english_left("<p>Sign up before the start</p>") != []
    assert english_left('<p>Hallo</p><img alt="Your place">') != []
    assert english_left("<p>Inscríbete antes del comienzo</p><script>the()</script>") == []
    # A word the language's own translations use is the language ("15 minutes" in French).
    assert english_left("<p>15 minutes avant</p>", "fr") == []
    assert english_left("<p>15 minutes before</p>", "fr") != []
