"""What makes a CSV cell safe to open in a spreadsheet ("CSV injection", OWASP).

A spreadsheet runs a cell that starts with =, +, -, @ (or a tab or carriage return before
one) as a formula: a participant named `=HYPERLINK(…)` would become a link on the
organiser's screen. A cell is also not always read whole: a spreadsheet set to another
list separator, or a person pasting text "split into columns", cuts it at a comma, a
semicolon, a tab, a vertical bar or a line break, so `Ann;=1+1;` becomes a cell `=1+1`.

The rule: an apostrophe goes before every formula character that starts the cell or
follows one of those separators (spaces between them allowed). Spreadsheets show the
apostrophe as "this is text" and hide it; the text is otherwise unchanged, so a name such
as `Jean-Luc` or `Ana = Bea` stays as it is. A cell that is a plain number or offset
(`-5`, `-0.5`, `-05:00`) is left alone: a spreadsheet reads it as the number it is.
"""

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Where a spreadsheet may cut a cell: the separators of every locale's CSV and of "text to
# columns", and line breaks.
SEPARATORS = ",;\t|\r\n"

_FORMULA_AFTER_SEPARATOR = re.compile(rf"([{re.escape(SEPARATORS)}][ ]*)([=+\-@])")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?|[+-][0-9]{1,2}:[0-9]{2}", re.ASCII)


def neutralise(cell: str) -> str:
    """The text with a ' before each formula a spreadsheet could find in it."""
    if not cell or _PLAIN_NUMBER.fullmatch(cell):
        return cell
    if cell.startswith(FORMULA_STARTS):
        cell = f"'{cell}"
    return _FORMULA_AFTER_SEPARATOR.sub(r"\1'\2", cell)
