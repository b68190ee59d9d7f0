"""The translation catalogues are complete and sound: every message of every language
translated (all plural forms), none fuzzy, the same placeholders as the English, and the
compiled .mo files the site reads made from them."""

import re
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from django.conf import settings
from django.utils.translation import to_locale

from events.management.commands.compile_catalogues import read_catalogue

LOCALE = Path(settings.LOCALE_PATHS[0])
LANGUAGES = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
DOMAINS = ["django", "djangojs"]
# %(name)s and %s in Python and in JavaScript's interpolate(); {name} in format_lazy.
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdfi]|%[sdfi]|\{\w*\}")


def catalogue(language: str, domain: str):
    """The catalogue as the site compiles it (events/management/commands/compile_catalogues)."""
    path = LOCALE / to_locale(language) / "LC_MESSAGES" / f"{domain}.po"
    assert path.exists(), f"{path} is missing"
    return read_catalogue(path)


def _key(message) -> tuple:
    ids = message.id
    context = message.context
    if isinstance(context, bytes):  # (Babel's read_mo leaves a context undecoded)
        context = context.decode()
    return (context, tuple(ids) if isinstance(ids, list | tuple) else ids)


def _value(message):
    return tuple(message.string) if isinstance(message.string, list | tuple) else message.string


def _texts(value) -> list[str]:
    return list(value) if isinstance(value, tuple | list) else [value]


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language, domain):
    messages = [m for m in catalogue(language, domain) if m.id]
    assert len(messages) > (100 if domain == "django" else 10)
    untranslated = [m.id for m in messages if not all(_texts(m.string))]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert untranslated == [], f"{language}: {len(untranslated)} untranslated"
    assert fuzzy == [], f"{language}: {len(fuzzy)} fuzzy"


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language, domain):
    """A translation may not drop or invent a %(name)s: Python would raise at run time, or
    a number would vanish. (A plural form for exactly one may leave the count out.)"""
    wrong = []
    for message in catalogue(language, domain):
        if not message.id:
            continue
        ids = _texts(message.id)
        expected = set().union(*(PLACEHOLDER.findall(text) for text in ids))
        for form in _texts(message.string):
            found = set(PLACEHOLDER.findall(form))
            invented = found - expected
            dropped = expected - found
            if invented or (dropped and not message.pluralizable):
                wrong.append((ids[0], form))
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_forms_are_the_languages_own(language):
    """Arabic has six forms, Japanese and Chinese one, the others two or three (Spanish,
    French and Portuguese have one for round millions, as Django's own catalogues say):
    the header must say so, and each plural message must have them all."""
    po = catalogue(language, "django")
    expected = {"ar": [6], "ja": [1], "zh-hans": [1], "de": [2], "hi": [2]}.get(language, [2, 3])
    assert po.num_plurals in expected
    for message in po:
        if message.id and message.pluralizable:
            assert len(message.string) == po.num_plurals, message.id


@pytest.mark.parametrize("domain", DOMAINS)
def test_english_has_a_real_singular_and_plural(domain):
    # Never "1 event(s) published": an English message counted with ngettext says one
    # thing for 1 and another for the rest (the catalogues' msgid and msgid_plural).
    # ("1 waved", "12 waved": the English past tense has one form; other languages' do not.)
    invariant = {"%(count)s waved"}
    same = [
        message.id[0]
        for message in catalogue("de", domain)
        if message.pluralizable and message.id[0] == message.id[1]
    ]
    assert [text for text in same if text not in invariant] == []


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_the_source(language, domain):
    """make compiles .po to .mo (Babel, no GNU gettext); a stale .mo would show old text."""
    po = catalogue(language, domain)
    mo_path = LOCALE / to_locale(language) / "LC_MESSAGES" / f"{domain}.mo"
    assert mo_path.exists(), "run `make setup` (manage.py compile_catalogues)"
    with mo_path.open("rb") as source:
        mo = read_mo(source)
    expected = {_key(m): _value(m) for m in po if m.id and not m.fuzzy}
    compiled = {_key(m): _value(m) for m in mo if m.id}
    assert compiled == expected
