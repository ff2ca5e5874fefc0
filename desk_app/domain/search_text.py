"""What a search box or a text filter accepts: text of a sensible length, with no control characters or
lone surrogates (which SQLite reads as the end of a pattern or cannot encode, and PostgreSQL refuses)."""

from __future__ import annotations

import unicodedata

from desk_app.domain.messages import Message, message

# Longer than any name, case number, customer number or phrase of a summary anyone types to find one.
MAX_SEARCH_TEXT = 200


def search_text_problem(text: str, *, limit: int = MAX_SEARCH_TEXT) -> Message | None:
    """Why `text` cannot be searched for, without quoting it (`str()` is the English); None when it can.

    Tabs and line breaks count as spaces (a pasted cell may end with one); every other control character
    (NUL above all) and every lone surrogate (undecodable bytes on a command line) is refused.
    """
    if len(text) > limit:
        return message("search_text.too_long", limit=limit)
    for character in text:
        category = unicodedata.category(character)
        if category == "Cs":
            return message("search_text.surrogate")
        if category == "Cc" and not character.isspace():
            return message("search_text.control", character=f"U+{ord(character):04X}")
    return None
