#!/usr/bin/env -S sh -c 'exec "$(dirname "$0")/../.venv/bin/python" "$0" "$@"'
"""Translators' helper: a catalogue's untranslated messages out as JSON, translations back
in, with Babel (no GNU gettext, no hand-edited .po syntax).

    scripts/catalogue.py todo es            # locale/es/LC_MESSAGES/*.po → locale/es/todo.json
    scripts/catalogue.py fill es todo.json  # the "translation" fields back into the .po files
    scripts/catalogue.py stats              # per language: messages, translated, fuzzy

In the JSON each message has "domain", "id" (a list of two for plurals), "context",
"comments", "where", and "translation": a string, or for plurals a list with as many forms as
"plural_forms" says (the language's CLDR plural categories, in order, from "plural_rule").
A translation must keep every %(name)s placeholder of the English (a form for exactly one
may leave the count out).
"""

import json
import re
import sys
from pathlib import Path

from babel.messages.pofile import write_po

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from events.management.commands.compile_catalogues import read_catalogue

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfi]|%[sdfi]")
FOLDERS = {"pt-br": "pt_BR", "zh-hans": "zh_Hans"}


def folder(language: str) -> Path:
    return LOCALE / FOLDERS.get(language, language) / "LC_MESSAGES"


def load(path: Path):
    """The catalogue as the site compiles it (plural forms made right, see there)."""
    return read_catalogue(path)


def save(path: Path, catalogue) -> None:
    with path.open("wb") as target:
        write_po(target, catalogue, width=0, omit_header=False, sort_output=False)


def todo(language: str) -> None:
    out = []
    for path in sorted(folder(language).glob("*.po")):
        catalogue = load(path)
        for message in catalogue:
            if not message.id:
                continue
            strings = (
                message.string if isinstance(message.string, tuple | list) else [message.string]
            )
            if all(strings) and not message.fuzzy:
                continue
            out.append(
                {
                    "domain": path.stem,
                    "id": list(message.id) if message.pluralizable else message.id,
                    "context": message.context,
                    "comments": message.auto_comments,
                    "where": [f"{file}:{line}" for file, line in message.locations][:3],
                    "plural_forms": catalogue.num_plurals if message.pluralizable else None,
                    "translation": None,
                }
            )
    target = LOCALE / FOLDERS.get(language, language) / "todo.json"
    target.write_text(json.dumps(out, ensure_ascii=False, indent=1))
    print(f"{len(out)} messages to translate → {target}")


def fill(language: str, source: str) -> None:
    entries = json.loads(Path(source).read_text())
    by_domain: dict[str, dict] = {}
    for entry in entries:
        key = (
            entry.get("context"),
            tuple(entry["id"]) if isinstance(entry["id"], list) else entry["id"],
        )
        by_domain.setdefault(entry["domain"], {})[key] = entry.get("translation")
    problems = []
    for domain, translations in by_domain.items():
        path = folder(language) / f"{domain}.po"
        catalogue = load(path)
        for message in catalogue:
            key = (message.context, tuple(message.id) if message.pluralizable else message.id)
            if not message.id or key not in translations or not translations[key]:
                continue
            value = translations[key]
            ids = list(message.id) if message.pluralizable else [message.id]
            expected = set().union(*(PLACEHOLDER.findall(text) for text in ids))
            forms = value if isinstance(value, list) else [value]
            if message.pluralizable and len(forms) != catalogue.num_plurals:
                problems.append(f"{ids[0]!r}: {len(forms)} forms, {catalogue.num_plurals} needed")
                continue
            bad = [
                form
                for form in forms
                if set(PLACEHOLDER.findall(form)) - expected
                or (not message.pluralizable and expected - set(PLACEHOLDER.findall(form)))
            ]
            if bad:
                problems.append(f"{ids[0]!r}: placeholders differ in {bad[0]!r}")
                continue
            message.string = tuple(forms) if message.pluralizable else forms[0]
            message.flags.discard("fuzzy")
            # gettext's guess was made from an older message ("#| msgid …", which Babel
            # reads as a comment): translated now, the guess's trace goes too.
            message.previous_id = []
            message.user_comments = [c for c in message.user_comments if not c.startswith("| ")]
        save(path, catalogue)
    for problem in problems:
        print("NOT FILLED:", problem)
    print(f"{len(entries) - len(problems)} filled, {len(problems)} refused")


def stats() -> None:
    for path in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        catalogue = load(path)
        messages = [m for m in catalogue if m.id]
        done = [
            m
            for m in messages
            if all(m.string if isinstance(m.string, tuple | list) else [m.string]) and not m.fuzzy
        ]
        fuzzy = [m for m in messages if m.fuzzy]
        print(
            f"{path.parent.parent.name:8} {path.stem:9} {len(messages):5} messages, "
            f"{len(done):5} translated, {len(fuzzy)} fuzzy"
        )


if __name__ == "__main__":
    command, *args = sys.argv[1:] or ["stats"]
    {"todo": todo, "fill": fill, "stats": stats}[command](*args)
