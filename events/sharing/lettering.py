"""The share image's lettering: which fonts draw a language's card, and how a line of text
is drawn with more than one of them.

No single font has every script: DejaVu Sans has Latin, Greek, Cyrillic and Arabic, Noto
Sans CJK has Japanese and Chinese (and Latin), Noto Sans Devanagari has Hindi's letters but
no Latin. A line is drawn as runs, each character in the first of the language's fonts
that has it, so "Cassini · शनि पर" takes its Latin from DejaVu and its Hindi from Noto.

The fonts come from the system (Debian's fonts-dejavu-core, fonts-noto-cjk and
fonts-noto-core; `scripts/browser-deps.sh` installs them for CI, the README names them
for a server). Arabic and Devanagari must be shaped (letters joined, vowel signs placed),
which Pillow does only with libraqm. Where a font or libraqm is missing, `can_draw` says
so and the card is drawn in English instead (events/sharing/image.py) rather than in boxes.
"""

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from PIL import ImageDraw, ImageFont, features

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
NOTO = Path("/usr/share/fonts/truetype/noto")
NOTO_CJK = Path("/usr/share/fonts/opentype/noto")


@dataclass(frozen=True)
class Face:
    """One font of a family, regular and bold; `index` picks a face in a collection."""

    regular: Path
    bold: Path
    index: int = 0

    @property
    def available(self) -> bool:
        return self is BUILT_IN or (self.regular.is_file() and self.bold.is_file())


# Pillow's own font (Latin only), the last resort of every card on a machine without fonts.
BUILT_IN = Face(Path("built-in"), Path("built-in"))


LATIN = Face(DEJAVU / "DejaVuSans.ttf", DEJAVU / "DejaVuSans-Bold.ttf")
# In Noto Sans CJK's collections the Japanese face is the first and the Simplified Chinese
# the third: the same characters are drawn as each language writes them.
JAPANESE = Face(NOTO_CJK / "NotoSansCJK-Regular.ttc", NOTO_CJK / "NotoSansCJK-Bold.ttc", 0)
CHINESE = Face(NOTO_CJK / "NotoSansCJK-Regular.ttc", NOTO_CJK / "NotoSansCJK-Bold.ttc", 2)
DEVANAGARI = Face(NOTO / "NotoSansDevanagari-Regular.ttf", NOTO / "NotoSansDevanagari-Bold.ttf")

# The language's own font first, then the others for a title in another script.
FACES = {
    "ja": (JAPANESE, LATIN, DEVANAGARI, BUILT_IN),
    "zh-hans": (CHINESE, LATIN, DEVANAGARI, BUILT_IN),
}
OTHER_FACES = (LATIN, JAPANESE, DEVANAGARI, BUILT_IN)
RIGHT_TO_LEFT = frozenset({"ar"})

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

# Scripts that need shaping (libraqm), by their letters' Unicode names.
SHAPED_SCRIPTS = ("ARABIC", "DEVANAGARI")
# A character no font has: what a font draws for it is its "missing" box.
NOT_A_CHARACTER = "\U0010fffd"


@cache
def _font(face: Face, size: int, bold: bool, shaping: bool = True) -> Font:
    if face is BUILT_IN:
        return ImageFont.load_default(size=size)
    layout = ImageFont.Layout.RAQM if shaping and has_shaping() else ImageFont.Layout.BASIC
    path = face.bold if bold else face.regular
    return ImageFont.truetype(str(path), size, index=face.index, layout_engine=layout)


@cache
def has_shaping() -> bool:
    """Whether Pillow can join and order Arabic and place Devanagari's vowel signs."""
    return bool(features.check("raqm"))


def _glyph(face: Face, character: str) -> tuple[tuple[int, int], bytes]:
    """What `face` draws for `character` (size and pixels), without shaping."""
    drawn = _font(face, 32, False, shaping=False).getmask(character)
    return drawn.size, bytes(drawn)


@cache
def _missing_box(face: Face) -> tuple[tuple[int, int], bytes]:
    return _glyph(face, NOT_A_CHARACTER)


@lru_cache(maxsize=1 << 16)
def _covers(face: Face, character: str) -> bool:
    """Whether `face` has a glyph for `character`: it draws it unlike its missing box."""
    return _glyph(face, character) != _missing_box(face)


def _needs_shaping(character: str) -> bool:
    return unicodedata.name(character, "").startswith(SHAPED_SCRIPTS)


def _sticks(character: str) -> bool:
    """Spaces, joiners and combining marks go with the run they are in."""
    return character.isspace() or unicodedata.category(character) in {"Mn", "Mc", "Me", "Cf"}


@dataclass(frozen=True)
class Lettering:
    """The fonts of one language's card."""

    faces: tuple[Face, ...]
    right_to_left: bool = False

    def _face_for(self, character: str) -> Face | None:
        # A right-to-left line is drawn in one font (see runs).
        faces = self.faces[:1] if self.right_to_left else self.faces
        return next((face for face in faces if _covers(face, character)), None)

    def can_draw(self, text: str) -> bool:
        """Every letter of `text` has a font here, and the scripts that need shaping get
        it: otherwise the card would show boxes or unjoined letters."""
        for character in text:
            if _sticks(character):
                continue
            if self._face_for(character) is None:
                return False
            if _needs_shaping(character) and not has_shaping():
                return False
        return True

    def runs(self, text: str, size: int, bold: bool) -> Iterator[tuple[str, Font]]:
        """`text` cut where the font changes, each piece with its font. A right-to-left
        line is one run in the first font (DejaVu Sans has Arabic and Latin both), so that
        libraqm orders it as a whole."""
        if self.right_to_left:
            yield text, _font(self.faces[0], size, bold)
            return
        run, run_face = "", None
        for character in text:
            face = run_face if run and _sticks(character) else self._face_for(character)
            face = face or self.faces[0]
            if run and face != run_face:
                yield run, _font(run_face, size, bold)
                run = ""
            run, run_face = run + character, face
        if run:
            yield run, _font(run_face, size, bold)

    def length(self, draw: ImageDraw.ImageDraw, text: str, size: int, bold: bool = False) -> float:
        """How wide `text` is drawn, in pixels."""
        return sum(
            draw.textlength(run, font=font, **self._direction())
            for run, font in self.runs(text, size, bold)
        )

    def draw(
        self,
        draw: ImageDraw.ImageDraw,
        xy: tuple[float, float],
        text: str,
        size: int,
        fill,
        bold: bool = False,
    ) -> None:
        """Draw `text` with its top at `xy`: its left end there, or for a right-to-left
        language its right end."""
        x, y = xy
        if self.right_to_left:
            for run, font in self.runs(text, size, bold):
                draw.text((x, y), run, font=font, fill=fill, anchor="ra", **self._direction())
            return
        for run, font in self.runs(text, size, bold):
            draw.text((x, y), run, font=font, fill=fill, anchor="la")
            x += draw.textlength(run, font=font)

    def _direction(self) -> dict:
        return {"direction": "rtl"} if self.right_to_left and has_shaping() else {}


def lettering(language: str) -> Lettering:
    """The lettering of `language`'s card, with the fonts this machine has."""
    faces = tuple(face for face in FACES.get(language, OTHER_FACES) if face.available)
    return Lettering(faces, right_to_left=language in RIGHT_TO_LEFT)
