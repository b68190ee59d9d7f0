"""Compile the translation catalogues (locale/*/LC_MESSAGES/*.po) to the .mo files Django
reads, with Babel: no GNU gettext needed, so a newcomer's `make run` works anywhere.

Only catalogues whose .mo is missing or older than the .po are written. A catalogue with a
syntax error stops the command with the file and line."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def catalogue_files() -> list[Path]:
    return sorted(
        path for folder in settings.LOCALE_PATHS for path in Path(folder).glob("*/LC_MESSAGES/*.po")
    )


def compile_catalogue(po_path: Path) -> Path:
    mo_path = po_path.with_suffix(".mo")
    with po_path.open("rb") as source:
        try:
            catalogue = read_po(source, abort_invalid=True)
        except Exception as error:
            raise CommandError(f"{po_path}: {error}") from error
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
