"""What a search box or a text filter accepts: text of a sensible length, with no control characters or
lone surrogates (which SQLite reads as the end of a pattern or cannot encode, and PostgreSQL refuses)."""

from __future__ import annotations

import unicodedata

# Longer than any name, case number, customer number or phrase of a summary anyone types to find one.
MAX_SEARCH_TEXT = 200


def search_text_problem(text: str, *, limit: int = MAX_SEARCH_TEXT) -> str | None:
    """Why `text` cannot be searched for, in English and without quoting it; None when it can.

    Tabs and line breaks count as spaces (a pasted cell may end with one); every other control character
    (NUL above all) and every lone surrogate (undecodable bytes on a command line) is refused.
    """
    if len(text) > limit:
        return f"is longer than {limit} characters"
    for character in text:
        category = unicodedata.category(character)
        if category == "Cs":
            return "holds a character that is not text (a lone surrogate)"
        if category == "Cc" and not character.isspace():
            return f"holds a control character (U+{ord(character):04X})"
    return None
