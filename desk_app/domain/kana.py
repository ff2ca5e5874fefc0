"""Search keys for Japanese names: width, script and spacing folded so every way of typing a name matches."""

from __future__ import annotations

import unicodedata

# Hiragana ぁ (U+3041) to ゖ (U+3096) and the iteration marks ゝゞ sit exactly 0x60 below their katakana.
_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in (*range(0x3041, 0x3097), 0x309D, 0x309E)}
# Agents type names with or without the space between family and given name, and foreign names
# with or without the middle dot (ジョン・スミス); none of them tells two people apart.
_SEPARATORS = {ord(ch): None for ch in " \t\r\n\u3000\u00a0・"}
# Stored keys are cut here; a prefix search longer than this is never needed.
KEY_LENGTH = 200


def _settle(text: str, fold: str) -> str:
    # NFKC can bring a sound mark next to a kana only once a separator between them is gone
    # ("ﾀ ﾞ"), so folding repeats until nothing changes: the result is then a fixed point,
    # which is what makes a stored key and a folded query agree. Two rounds nearly always do; the
    # bound only guards against a Unicode corner nobody has found.
    for _ in range(8):
        folded = unicodedata.normalize("NFKC", text)
        if fold == "kana":
            folded = folded.translate(_HIRAGANA_TO_KATAKANA)
        else:
            folded = unicodedata.normalize("NFKC", folded.casefold())
        folded = folded.translate(_SEPARATORS)
        if folded == text:
            break
        text = folded
    return text


def fold_kana(text: str) -> str:
    """Kana in one comparable form: katakana, no spaces: 'やまだ たろう', 'ﾔﾏﾀﾞ ﾀﾛｳ' -> 'ヤマダタロウ'."""
    return _settle(text, "kana")


def fold_name(text: str) -> str:
    """A name as one comparable form: NFKC (full-width Latin and digits folded), lower case, no spaces."""
    return _settle(text, "name")


def is_kana(text: str) -> bool:
    """True when `text` holds kana (either script, either width) and separators only, and some kana."""
    folded = fold_kana(text)
    return bool(folded) and all("\u30a1" <= ch <= "\u30fa" or ch in "ーヽヾ" for ch in folded)


def name_key(name: str | None) -> str | None:
    """The stored `customers.name_search` value for `name`."""
    return None if name is None else fold_name(name)[:KEY_LENGTH]


def kana_key(name_kana: str | None) -> str | None:
    """The stored `customers.kana_search` value for `name_kana`."""
    return None if name_kana is None else fold_kana(name_kana)[:KEY_LENGTH]
