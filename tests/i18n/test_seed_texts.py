"""The starting events ship in all nine languages: every text translated, with the
original's times, numbers and names, shown on the event page, and given to a database
seeded before the translations existed without touching ones already there."""

import re
from datetime import UTC, datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from events.models import Announcement, Event
from events.organiser.seed_translations import ANNOUNCEMENT_TRANSLATIONS, EVENT_TRANSLATIONS
from tests.html import text

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
CASSINI = "wave-at-saturn-2013"
# Names that stay as they are in every language, Latin script included.
NAMES = ("Cassini", "MESSENGER", "Voyager 1", "MDIS", "JPL Horizons", "NASA", "UTC")


@pytest.fixture
def seeded(clock):
    clock.move_to(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    call_command("seed_events", stdout=StringIO())


def seeded_texts():
    """(what, original, language, translation) for every translated text of every seeded
    event and announcement."""
    for obj in [*Event.objects.order_by("pk"), *Announcement.objects.order_by("pk")]:
        for language in LANGUAGES:
            texts = obj.translations.get(language, {})
            for field in obj.TRANSLATED_FIELDS:
                what = f"{obj} {field} ({language})"
                yield what, getattr(obj, field), language, texts.get(field, "")


def expand_myriads(text: str) -> str:
    """'14億4000万' → '1440000000', '2 万' → '20000': Japanese and Chinese count large
    numbers in ten thousands."""

    def oku(match):
        value = Decimal(match[1]) * 10**8 + Decimal(match[2] or 0) * 10**4
        return str(int(value))

    text = re.sub(r"(\d+(?:\.\d+)?)\s*[億亿](?:\s*(\d+)\s*万)?", oku, text)
    return re.sub(r"(\d+(?:\.\d+)?)\s*万", lambda m: str(int(Decimal(m[1]) * 10**4)), text)


def digits(text: str) -> str:
    """The text with digit groups joined: '20,000', '20.000', '20 000' and '1,44' become
    '20000' and '144', so a number reads the same whatever the language's separators."""
    return re.sub(r"(?<=\d)[.,:\u00a0\u202f ](?=\d)", "", expand_myriads(text))


def test_every_seeded_text_is_there_in_every_language(seeded):
    assert Event.objects.count() == 5 and Announcement.objects.count() == 1
    assert len(LANGUAGES) == 8
    for what, original, _language, translation in seeded_texts():
        assert translation.strip(), f"{what} is missing"
        # No title is a bare name (such as 'MESSENGER'), so none may stay in English.
        assert translation != original, f"{what} is the English original"
        assert translation.count("\n\n") == original.count("\n\n"), f"{what}: paragraphs"


def test_the_translations_keep_the_originals_times_numbers_and_names(seeded):
    for what, original, _language, translation in seeded_texts():
        for clock_time in re.findall(r"\d{1,2}:\d{2}(?::\d{2})?", original):
            assert clock_time in translation, f"{what} lacks {clock_time}"
        for number in re.findall(r"\d+(?:[.,:]\d+)*", original):
            assert re.sub(r"\D", "", number) in digits(translation), f"{what} lacks {number}"
        for name in NAMES:
            if name in original:
                assert name in translation, f"{what} lacks {name}"


def test_the_number_check_reads_each_languages_way_of_writing_them():
    assert "20000" in digits("Plus de 20\u00a0000 personnes")
    assert "20000" in digits("Mehr als 20.000 Menschen")
    assert "20000" in digits("2万人以上")
    assert "144" in digits("14億4000万km") and "144" in digits("14.4 亿公里")
    assert "98" in digits("9800万km") and "144" in digits("1,44 Milliarden km")
    assert "2127" not in digits("21:72")


def test_the_shipped_translations_cover_exactly_the_seeded_texts(seeded):
    assert set(EVENT_TRANSLATIONS) == set(Event.objects.values_list("slug", flat=True))
    assert set(ANNOUNCEMENT_TRANSLATIONS) == {CASSINI}
    for translations in [*EVENT_TRANSLATIONS.values(), *ANNOUNCEMENT_TRANSLATIONS.values()]:
        assert sorted(translations) == sorted(LANGUAGES)


def test_the_spanish_page_shows_the_spanish_texts(seeded, client):
    response = client.get(f"/es/events/{CASSINI}/")
    assert response.status_code == 200
    page = text(response)
    assert "Saluda a Saturno" in page
    assert "Wave at Saturn" not in page
    assert "Saluda a Saturno" not in text(client.get(f"/events/{CASSINI}/"))


def test_a_rerun_fills_empty_translations_and_keeps_the_others(seeded, clock):
    # A database seeded before the translations shipped, and an organiser's edits since.
    Event.objects.filter(slug=CASSINI).update(translations={})
    Announcement.objects.update(translations={})
    edited = {"es": {"title": "MESSENGER mira hacia casa"}}
    Event.objects.filter(slug="messenger-earth-moon-2013").update(translations=edited)
    Event.objects.filter(slug="pale-blue-dot-1990").update(
        translations={}, title="Voyager 1 and the Pale Blue Dot"
    )
    before = Event.objects.get(slug=CASSINI).updated_at

    call_command("seed_events", stdout=StringIO())

    cassini = Event.objects.get(slug=CASSINI)
    assert cassini.translations == EVENT_TRANSLATIONS[CASSINI]
    assert cassini.updated_at > before  # cached pages of the event are renewed
    assert Announcement.objects.get().translations == ANNOUNCEMENT_TRANSLATIONS[CASSINI]
    assert Event.objects.get(slug="messenger-earth-moon-2013").translations == edited
    # A rewritten original gets no translation of the text it replaced; the rest do.
    voyager = Event.objects.get(slug="pale-blue-dot-1990")
    assert sorted(voyager.translations) == sorted(LANGUAGES)
    assert all(set(texts) == {"summary", "description"} for texts in voyager.translations.values())
    assert voyager.title == "Voyager 1 and the Pale Blue Dot"


def test_a_rerun_with_translations_in_place_writes_nothing(seeded):
    before = list(Event.objects.order_by("pk").values())
    announcement = list(Announcement.objects.values())
    call_command("seed_events", stdout=StringIO())
    assert list(Event.objects.order_by("pk").values()) == before
    assert list(Announcement.objects.values()) == announcement
