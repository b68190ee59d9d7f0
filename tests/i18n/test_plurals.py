"""Real plural forms in every language, for 0, 1, 2, 5 and 21 (and Arabic's six)."""

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import ngettext

from events.zones.localformat import format_number

OTHER_LANGUAGES = [code for code, _ in settings.LANGUAGES if code != "en"]
COUNTS = [0, 1, 2, 5, 21, 100]


def minutes(count: int) -> str:
    return ngettext("%(count)s minute", "%(count)s minutes", count) % {"count": count}


def will_wave(count: int) -> str:
    return ngettext("%(count)s person will wave", "%(count)s people will wave", count) % {
        "count": format_number(count)
    }


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_count_reads_in_the_language(language):
    with translation.override("en"):
        english = {count: (minutes(count), will_wave(count)) for count in COUNTS}
    with translation.override(language):
        for count in COUNTS:
            said = (minutes(count), will_wave(count))
            # ("1 minute" is French too: the sentence, not the unit, must be the language's.)
            assert said[1] != english[count][1], (count, said)
            if count > 2:  # a form for exactly 1 (or 2, in Arabic) may say it in words
                assert str(count) in said[0] and str(count) in said[1], (count, said)


def test_english_says_one_person_and_two_people():
    with translation.override("en"):
        assert will_wave(1) == "1 person will wave"
        assert will_wave(21) == "21 people will wave"


def test_arabic_uses_its_six_forms():
    """Arabic counts in six categories: zero, one, two, few (3–10), many (11–99), other."""
    with translation.override("ar"):
        forms = {count: minutes(count) for count in (0, 1, 2, 5, 21, 100)}
    shapes = {count: text.replace(str(count), "N") for count, text in forms.items()}
    # one, two, few and many read differently ("دقيقة واحدة", "دقيقتان", "5 دقائق",
    # "21 دقيقة"); zero, many and other may share their words (undotted, "minute" is the
    # same in all three), so they are not told apart here.
    assert len({shapes[1], shapes[2], shapes[5], shapes[21]}) == 4, forms


@pytest.mark.parametrize("language", ["ja", "zh-hans"])
def test_one_form_for_every_count_in_japanese_and_chinese(language):
    with translation.override(language):
        shapes = {minutes(count).replace(str(count), "N") for count in COUNTS}
    assert len(shapes) == 1
