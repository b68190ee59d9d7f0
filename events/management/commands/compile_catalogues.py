"""Compile the translation catalogues (locale/*/LC_MESSAGES/*.po) to the .mo files Django
reads, with Babel: no GNU gettext needed, so a newcomer's `make run` works anywhere.

Only catalogues whose .mo is missing or older than the .po are written. A catalogue with a
syntax error stops the command with the file and line."""

import io
from contextlib import redirect_stdout
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def catalogue_files() -> list[Path]:
    return sorted(
        path for folder in settings.LOCALE_PATHS for path in Path(folder).glob("*/LC_MESSAGES/*.po")
    )


def django_plural_forms(language: str) -> str:
    """The Plural-Forms of Django's own catalogue for `language` (a folder name: 'pt_BR'),
    as makemessages copies it into a new catalogue."""
    import django

    own = Path(django.__file__).parent / "conf" / "locale" / language / "LC_MESSAGES" / "django.po"
    try:
        with own.open("rb") as source, redirect_stdout(io.StringIO()):
            return read_po(source).plural_forms
    except OSError as error:
        raise CommandError(f"No plural rule for {language!r} in Django's catalogues") from error


def read_catalogue(po_path: Path):
    """The catalogue, each plural message with exactly its language's number of forms.

    xgettext writes two (empty) forms for every plural message, and makemessages keeps
    them in a new catalogue even for a language with one form (Japanese, Chinese): those
    extra empty forms are dropped here. A catalogue broken otherwise (or with a non-empty
    extra form) is an error naming the file."""
    # (Babel prints a warning for each such message: not news, and not an error.)
    with po_path.open("rb") as source, redirect_stdout(io.StringIO()):
        try:
            catalogue = read_po(source, abort_invalid=False)
        except Exception as error:
            raise CommandError(f"{po_path}: {error}") from error
    # The folder names the language. A header without a plural rule (a tool that rewrote
    # it without one) gets the one makemessages gave it: Django's own for the language.
    language = po_path.parent.parent.name
    catalogue.locale = language
    if '"Plural-Forms:' not in po_path.read_text(encoding="utf-8"):
        catalogue.mime_headers = [("Plural-Forms", django_plural_forms(language))]
    for message in catalogue:
        if message.id and message.pluralizable:
            forms = list(message.string) if isinstance(message.string, tuple | list) else []
            if any(forms[catalogue.num_plurals :]):
                raise CommandError(
                    f"{po_path}: {message.id[0]!r} has {len(forms)} forms, "
                    f"the language has {catalogue.num_plurals}"
                )
            message.string = tuple((forms + [""] * catalogue.num_plurals)[: catalogue.num_plurals])
    return catalogue


def compile_catalogue(po_path: Path) -> Path:
    mo_path = po_path.with_suffix(".mo")
    catalogue = read_catalogue(po_path)
    with mo_path.open("wb") as target:
        # Fuzzy entries are guesses: never shown (the catalogue test refuses them anyway).
        write_mo(target, catalogue, use_fuzzy=False)
    return mo_path


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po to .mo with Babel (no GNU gettext needed)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="write every .mo again")

    def handle(self, *args, force: bool = False, **options):
        written = 0
        for po_path in catalogue_files():
            mo_path = po_path.with_suffix(".mo")
            if force or not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
                compile_catalogue(po_path)
                written += 1
        if options["verbosity"] > 0:
            self.stdout.write(f"{written} catalogue(s) compiled, {len(catalogue_files())} in all.")
