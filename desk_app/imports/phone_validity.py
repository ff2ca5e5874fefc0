"""Whether a Japanese national number is valid, answered once per number block instead of once per number.

phonenumbers decides validity by matching the national significant number (the digits after the 0, with
no leading zero) against its Japanese patterns: the general one and one per number type, each after a
check of the length. Every one of those patterns ends in "any digit" repeated at least `FREE_TAIL`
times, so the last `FREE_TAIL` digits never change the answer: 03-3211-1234 and 03-3211-9999 are valid
or invalid together. An export's numbers share a few thousand such blocks (an area code and exchange),
so the import asks phonenumbers once per block.

`FREE_TAIL` is not written down here: it is read from the patterns of the phonenumbers installed, when
this module is imported (`free_tail`), so a new release whose patterns look at the last digits makes the
blocks smaller (at worst one number each), never wrong. `tests/core/imports/test_import_shortcuts.py` also
compares the answers with phonenumbers' on generated numbers.
"""

from __future__ import annotations

# The regular expression parser of the standard library (named sre_parse before Python 3.11).
from re import _parser as re_parser  # type: ignore[attr-defined]
from typing import Any

import phonenumbers
from phonenumbers import PhoneMetadata

REGION = "JP"
_COUNTRY_CODE = 81
# Enough blocks for every Japanese area code and exchange; past it the cache starts again (memory flat).
MAX_BLOCKS = 200_000
_DESCRIPTIONS = (
    "general_desc",
    "premium_rate",
    "toll_free",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
    "fixed_line",
    "mobile",
)
_ZERO = ord("0")
_ANY_DIGIT = (
    [(re_parser.CATEGORY, re_parser.CATEGORY_DIGIT)],
    [(re_parser.RANGE, (_ZERO, ord("9")))],
)


def _is_any_digit(item: tuple[Any, Any]) -> bool:
    op, argument = item
    return bool(op is re_parser.IN and list(argument) in _ANY_DIGIT)


def _tail(items: list[tuple[Any, Any]], at_start: bool) -> int | None:
    """How many digits at the end of whatever `items` matches may each be any digit; None when `items`,
    at the start of a number, can only match text starting with 0, which a national significant number
    never does.

    The answer is a lower bound, which is all the cache needs: each step below keeps the language equal
    to (something) followed by that many arbitrary digits.
    """
    if at_start and items and items[0] == (re_parser.LITERAL, _ZERO):
        return None
    free = 0
    for index in range(len(items) - 1, -1, -1):
        op, argument = items[index]
        starts = at_start and index == 0
        if _is_any_digit(items[index]):
            free += 1
            continue
        if op in (re_parser.MAX_REPEAT, re_parser.MIN_REPEAT):
            low, high, repeated = argument
            repeated = list(repeated)
            if len(repeated) == 1 and _is_any_digit(repeated[0]):
                # \d{low,high} = \d{0,high-low} \d{low}: the last `low` digits are free.
                free += low
                if low == high:
                    continue
            return free
        if op is re_parser.BRANCH:
            tails = [_tail(list(branch), starts) for branch in argument[1]]
            live = [tail for tail in tails if tail is not None]
            if not live:
                return None
            return free + min(live)
        if op is re_parser.SUBPATTERN:
            inner = _tail(list(argument[-1]), starts)
            return None if inner is None else free + inner
        return free
    return free


def free_tail(pattern: str) -> int | None:
    """The digits at the end of every number `pattern` fully matches that can be any digit (see `_tail`)."""
    return _tail(list(re_parser.parse(pattern)), at_start=True)


def _metadata_free_tail() -> int:
    metadata = PhoneMetadata.metadata_for_region(REGION)
    tails: list[int] = []
    for name in _DESCRIPTIONS:
        description = getattr(metadata, name, None)
        pattern = getattr(description, "national_number_pattern", None)
        if pattern:
            tail = free_tail(pattern)
            if tail is not None:
                tails.append(tail)
    return min(tails, default=0)


FREE_TAIL = _metadata_free_tail()


class JapanValidity:
    """`is_valid_number_for_region(+81 national, "JP")`, remembered per number block."""

    def __init__(self, free_tail: int = FREE_TAIL, max_blocks: int = MAX_BLOCKS) -> None:
        self.free_tail, self.max_blocks = free_tail, max_blocks
        self._known: dict[tuple[str, int], bool] = {}

    def __call__(self, national_number: int) -> bool:
        significant = str(national_number)
        length = len(significant)
        # A number no longer than the free tail is its own block.
        block = (significant[: -self.free_tail] if length > self.free_tail else significant, length)
        valid = self._known.get(block)
        if valid is None:
            valid = bool(
                phonenumbers.is_valid_number_for_region(
                    phonenumbers.PhoneNumber(country_code=_COUNTRY_CODE, national_number=national_number),
                    REGION,
                )
            )
            if len(self._known) >= self.max_blocks:
                self._known.clear()
            self._known[block] = valid
        return valid
