"""The share image speaks the page's language, in that language's fonts (Noto Sans CJK for
Japanese and Chinese, Noto Sans Devanagari beside DejaVu Sans for Hindi, DejaVu Sans shaped
right to left for Arabic); where the machine lacks them it is the English card with the
organiser's original title, never boxes (events/sharing/lettering.py)."""

import io

import pytest
from django.core.cache import cache
from PIL import Image

from events.sharing import lettering as lettering_module
from events.sharing.lettering import BUILT_IN, DEVANAGARI, LATIN, Face, lettering
from tests.factories import NOW, upcoming_event

pytestmark = pytest.mark.django_db

TITLES = {
    "ja": "土星に手を振ろう",
    "zh-hans": "向土星挥手",
    "hi": "Cassini के साथ शनि को हाथ हिलाइए",
    "ar": "لوّح لزحل مع كاسيني",
    "es": "Saluda a Saturno",
}


@pytest.fixture
def event(clock):
    clock.move_to(NOW)
    cache.clear()
    return upcoming_event(translations={code: {"title": t} for code, t in TITLES.items()})


def card(client, event, code: str) -> bytes:
    prefix = "" if code == "en" else f"/{code}"
    response = client.get(f"{prefix}/events/{event.slug}/share.png")
    assert response.status_code == 200
    return response.content


def needs_fonts(code: str) -> None:
    """CI installs the fonts (scripts/browser-deps.sh); a newcomer's machine may not."""
    if not lettering(code).can_draw(TITLES[code]):
        pytest.skip(f"this machine has no font (or no shaping) for {code}'s letters")


@pytest.mark.parametrize("code", ["ja", "zh-hans", "hi", "ar"])
def test_each_script_gets_its_own_card_where_the_machine_has_its_fonts(client, event, code):
    needs_fonts(code)
    english = card(client, event, "en")
    own = card(client, event, code)
    assert own != english
    assert lettering(code).can_draw(TITLES[code] + " 1,234 UTC wavesite")


@pytest.mark.parametrize("code", ["ja", "zh-hans", "hi"])
def test_without_the_fonts_it_is_the_english_card_not_boxes(client, event, monkeypatch, code):
    english = card(client, event, "en")
    monkeypatch.setattr(Face, "available", property(lambda face: face in (LATIN, BUILT_IN)))
    cache.clear()
    assert not lettering(code).can_draw(TITLES[code])
    assert card(client, event, code) == english
    assert card(client, event, "es") != english  # Latin letters need nothing more


@pytest.mark.parametrize("code", ["ar", "hi"])
def test_without_shaping_arabic_and_hindi_get_the_english_card(client, event, monkeypatch, code):
    english = card(client, event, "en")
    monkeypatch.setattr(lettering_module, "has_shaping", lambda: False)
    cache.clear()
    assert card(client, event, code) == english


def bright_columns(png: bytes, top: int, bottom: int) -> tuple[int, int]:
    """The leftmost and rightmost columns with white text between rows top and bottom."""
    image = Image.open(io.BytesIO(png)).convert("L").crop((0, top, 1200, bottom))
    mask = image.point(lambda value: 255 if value > 240 else 0)
    left, _, right, _ = mask.getbbox()
    return left, right


def test_the_arabic_card_runs_from_the_right(client, event):
    needs_fonts("ar")
    # The title's band: a short title ends at the left margin in Spanish and starts at the
    # right margin in Arabic.
    left, right = bright_columns(card(client, event, "es"), 110, 200)
    assert left == pytest.approx(72, abs=8) and right < 900
    left, right = bright_columns(card(client, event, "ar"), 110, 200)
    assert right == pytest.approx(1200 - 72, abs=8) and left > 300


def test_a_line_of_two_scripts_is_drawn_in_two_fonts():
    if not (LATIN.available and DEVANAGARI.available):
        pytest.skip("needs DejaVu Sans and Noto Sans Devanagari")
    runs = [(text, font.path) for text, font in lettering("hi").runs("Cassini · शनि पर", 34, False)]
    assert runs == [("Cassini · ", str(LATIN.regular)), ("शनि पर", str(DEVANAGARI.regular))]


def test_a_letter_no_font_has_is_not_drawable():
    # Egyptian hieroglyphs: in none of the fonts the card uses.
    assert not lettering("es").can_draw("Saluda 𓀀")
    assert lettering("es").can_draw("Saluda a Saturno")


def test_a_letter_no_card_can_draw_keeps_the_pages_language(client, clock):
    # A letter in none of the card's fonts (a hieroglyph here; an emoji in life), in the
    # English title too: the Spanish page keeps its Spanish card rather than an English one
    # with the same gap.
    clock.move_to(NOW)
    cache.clear()
    event = upcoming_event(title="Wave 𓀀", translations={"es": {"title": "Saluda 𓀀"}})
    assert card(client, event, "es") != card(client, event, "en")
