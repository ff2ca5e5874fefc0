"""Kana and name folding: every way of typing a name gives one key, and folding a key changes nothing."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_app.domain.kana import KEY_LENGTH, fold_kana, fold_name, is_kana, kana_key, name_key

HIRAGANA = [chr(code) for code in range(0x3041, 0x3097)] + ["ゝ", "ゞ"]
# Full-width katakana that have a half-width form, found from NFKC itself (ｶ -> カ, ｶﾞ -> ガ).
_HALF_WIDTH = {
    unicodedata.normalize("NFKC", half): half for half in map(chr, range(0xFF66, 0xFF9E)) if half != "ｰ"
}
for _half in map(chr, range(0xFF76, 0xFF8F)):
    _voiced = unicodedata.normalize("NFKC", _half + "ﾞ")
    if len(_voiced) == 1:
        _HALF_WIDTH[_voiced] = _half + "ﾞ"
for _half in map(chr, range(0xFF8A, 0xFF8F)):
    _HALF_WIDTH[unicodedata.normalize("NFKC", _half + "ﾟ")] = _half + "ﾟ"
KATAKANA_WITH_HALF_WIDTH = sorted(_HALF_WIDTH)
SPACES = st.sampled_from([" ", "\u3000", "  ", "\t"])


def to_katakana(text: str) -> str:
    return "".join(chr(ord(ch) + 0x60) if "ぁ" <= ch <= "ゖ" or ch in "ゝゞ" else ch for ch in text)


def to_half_width(text: str) -> str:
    return "".join(_HALF_WIDTH.get(ch, ch) for ch in text)


@pytest.mark.parametrize(
    "typed",
    [
        "やまだ たろう",
        "ﾔﾏﾀﾞ ﾀﾛｳ",
        "ヤマダタロウ",
        "ヤマダ　タロウ",
        " やまだたろう ",
        "ﾔﾏﾀﾞﾀﾛｳ",
        "やまだ　タロウ",
    ],
)
def test_every_way_of_typing_a_kana_name_gives_one_key(typed: str) -> None:
    assert fold_kana(typed) == "ヤマダタロウ"


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("山田 太郎", "山田太郎"),
        ("山田　太郎", "山田太郎"),
        ("ＳＭＩＴＨ John", "smithjohn"),
        ("ｼﾞｮﾝ･ｽﾐｽ", "ジョンスミス"),  # half-width katakana in the name field is folded too
        ("髙橋 一", "髙橋一"),  # variant kanji are different characters and stay so
        ("㈱みらい", "(株)みらい"),
    ],
)
def test_names_fold_width_case_and_spaces(typed: str, key: str) -> None:
    assert fold_name(typed) == key


def test_sound_marks_typed_apart_from_their_kana_still_join_them() -> None:
    assert fold_kana("ﾀ ﾞ") == "ダ"
    assert fold_kana("ﾊﾟ ﾝ") == "パン"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("やまだ", True),
        ("ﾔﾏﾀﾞ ﾀﾛｳ", True),
        ("ヤマダ・タロー", True),
        ("ヴァイオリン", True),
        ("山田", False),
        ("やまだ太郎", False),
        ("yamada", False),
        ("", False),
        ("　", False),
        ("・", False),
    ],
)
def test_is_kana(text: str, expected: bool) -> None:
    assert is_kana(text) is expected


@given(st.text())
def test_folding_kana_twice_changes_nothing(text: str) -> None:
    once = fold_kana(text)
    assert fold_kana(once) == once


@given(st.text())
def test_folding_a_name_twice_changes_nothing(text: str) -> None:
    once = fold_name(text)
    assert fold_name(once) == once


@given(st.lists(st.sampled_from(HIRAGANA), min_size=1, max_size=20).map("".join))
def test_hiragana_and_katakana_fold_alike(hiragana: str) -> None:
    katakana = to_katakana(hiragana)
    assert fold_kana(hiragana) == fold_kana(katakana) == katakana


@given(st.lists(st.sampled_from(KATAKANA_WITH_HALF_WIDTH), min_size=1, max_size=20).map("".join))
def test_half_width_katakana_folds_to_full_width(katakana: str) -> None:
    assert fold_kana(to_half_width(katakana)) == fold_kana(katakana) == katakana


@given(
    st.lists(st.sampled_from(HIRAGANA + KATAKANA_WITH_HALF_WIDTH), min_size=1, max_size=12),
    st.data(),
)
def test_spaces_anywhere_change_nothing(chars: list[str], data: st.DataObject) -> None:
    spaced = "".join(ch + data.draw(st.one_of(st.just(""), SPACES)) for ch in chars)
    assert fold_kana(to_half_width(spaced)) == fold_kana("".join(chars))


@given(st.text(min_size=1))
def test_a_folded_key_starts_every_longer_typing_of_the_same_name(text: str) -> None:
    # What the prefix search relies on: typing more never makes the key of what was typed so far wrong,
    # as long as the next character does not join the last one (a sound mark would).
    key = fold_kana(text)
    longer = fold_kana(text + " ア")
    assert longer.startswith(key) or not key


def test_stored_keys_are_cut_to_the_column_length_and_empty_stays_empty() -> None:
    assert name_key(None) is None
    assert kana_key(None) is None
    assert kana_key("") == ""
    assert len(name_key("山" * 500) or "") == KEY_LENGTH
    assert len(kana_key("ア" * 500) or "") == KEY_LENGTH
    # One character NFKC turns into eighteen must not make a key longer than the column.
    assert len(name_key("\ufdfa" * 100) or "") == KEY_LENGTH
