"""Phone normalisation: every way people and exchanges write a number ends in one E.164 form."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from desk_app.domain.phones import InvalidPhoneNumber, PhoneNumber, normalise, number_in_text, written


@pytest.mark.parametrize(
    ("text", "e164", "national"),
    [
        ("03-1234-5678", "+81312345678", "03-1234-5678"),
        ("0312345678", "+81312345678", "03-1234-5678"),
        ("(03) 1234-5678", "+81312345678", "03-1234-5678"),
        ("０３－１２３４－５６７８", "+81312345678", "03-1234-5678"),
        ("03ー1234ー5678", "+81312345678", "03-1234-5678"),
        ("03−1234−5678", "+81312345678", "03-1234-5678"),
        ("+81 (0)3 1234 5678", "+81312345678", "03-1234-5678"),
        ("+81-3-1234-5678", "+81312345678", "03-1234-5678"),
        ("tel:+81-3-1234-5678", "+81312345678", "03-1234-5678"),
        ("tel:03-1234-5678;phone-context=+81", "+81312345678", "03-1234-5678"),
        ("0312345678 自宅", "+81312345678", "03-1234-5678"),
        ("03-1234-5678 xxx", "+81312345678", "03-1234-5678"),
        ("03-1234-5678#", "+81312345678", "03-1234-5678"),
        ("(03) 1234-5678 ext. 12", "+81312345678", "03-1234-5678"),
        ("06-6123-4567", "+81661234567", "06-6123-4567"),
        ("0985-12-3456", "+81985123456", "0985-12-3456"),
        ("090-1234-5678", "+819012345678", "090-1234-5678"),
        ("080 1234 5678", "+818012345678", "080-1234-5678"),
        ("070-1234-5678", "+817012345678", "070-1234-5678"),
        ("050-1234-5678", "+815012345678", "050-1234-5678"),
        ("0120-123-456", "+81120123456", "0120-123-456"),
        ("+1 202 555 0100", "+12025550100", "+1 202-555-0100"),
    ],
)
def test_accepts_the_usual_ways_of_writing_a_number(text: str, e164: str, national: str) -> None:
    number = normalise(text)
    assert (number.e164, number.national) == (e164, national)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("abc", "not a phone number"),
        ("12", "not a valid phone number"),
        ("03-1234-567", "not a valid phone number"),
        ("03-1234-5678 / 090-1111-2222", "more than one phone number"),
        ("0" * 500, "too long to be a phone number"),
    ],
)
def test_refuses_what_is_not_one_number(text: str, reason: str) -> None:
    with pytest.raises(InvalidPhoneNumber, match=reason):
        normalise(text)


@given(st.text(max_size=300))
def test_any_text_either_normalises_or_is_refused(text: str) -> None:
    try:
        number = normalise(text)
    except InvalidPhoneNumber:
        return
    assert number.e164.startswith("+")
    assert number.e164[1:].isdigit()
    # Normalising is idempotent: the E.164 form and the display form name the same number.
    assert normalise(number.e164) == number
    assert normalise(number.national) == number


@given(
    area=st.sampled_from(["3", "6", "90", "80", "70", "50"]),
    digits=st.integers(min_value=0, max_value=99_999_999),
    separator=st.sampled_from(["-", " ", "", "－", "ー", "‐"]),
)
def test_separators_and_width_do_not_change_the_number(area: str, digits: int, separator: str) -> None:
    subscriber = f"{digits:08d}"
    plain = f"0{area}{subscriber}"
    written = separator.join([f"0{area}", subscriber[:4], subscriber[4:]])
    full_width = written.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    try:
        expected = normalise(plain)
    except InvalidPhoneNumber:
        with pytest.raises(InvalidPhoneNumber):
            normalise(full_width)
        return
    assert normalise(written) == expected
    assert normalise(full_width) == expected


def _by_the_matcher(text: str) -> PhoneNumber | str:
    """What `normalise` answered before its plain-number road: the matcher over the text, then the parser."""
    folded = unicodedata.normalize("NFKC", text).strip()
    if not folded:
        return "refused: empty"
    try:
        return written(number_in_text(folded))
    except InvalidPhoneNumber as exc:
        return f"refused: {exc}"


def _normalised(text: str) -> PhoneNumber | str:
    try:
        return normalise(text)
    except InvalidPhoneNumber as exc:
        return f"refused: {exc}"


_FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")
# Area codes of each length, mobile, IP phone, free dial (0120, 0800), pager and 0570 navi dial.
_PREFIXES = (
    "3",
    "6",
    "45",
    "52",
    "92",
    "985",
    "1267",
    "4992",
    "90",
    "80",
    "70",
    "50",
    "120",
    "800",
    "20",
    "570",
)


@st.composite
def japanese_numbers(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(_PREFIXES))
    subscriber = draw(st.text("0123456789", min_size=4, max_size=9))  # too short and too long ones too
    digits = prefix + subscriber
    cut = sorted(draw(st.lists(st.integers(0, len(digits)), max_size=3)))
    separator = draw(st.sampled_from(["-", " ", "", ".", "－", "ー", "‐", " - "]))
    groups = [digits[start:end] for start, end in zip([0, *cut], [*cut, len(digits)], strict=True)]
    body = separator.join(group for group in groups if group)
    lead = draw(st.sampled_from(["0", "+81", "+81 ", "+81-", "+81 (0)", "81", "0081", "010 81 ", "", "00"]))
    text = lead + body
    if draw(st.booleans()):
        text = text.translate(_FULL_WIDTH)
    around = draw(st.sampled_from(["", " ", "(", "tel:", "TEL ", "自宅 ", "03-1234-5678 / "]))
    after = draw(st.sampled_from(["", " ", ")", " 自宅", " ext. 12", "#", " 090-1111-2222", "1"]))
    return around + text + after


@settings(max_examples=1500)
@given(japanese_numbers())
@example("03-1234-5678")
@example("+81 (0)3 1234 5678")
@example("0120-123-456")
@example("000 2345 678")
@example("0037 680 3 1234 5678")
def test_plain_numbers_take_a_shorter_road_to_the_same_answer(text: str) -> None:
    """Fixed, mobile and free-dial numbers, with +81 or without, hyphens, spaces, full-width digits, text
    around them, invalid ones: the plain-number road answers exactly as the matcher's does."""
    assert _normalised(text) == _by_the_matcher(text)


@settings(max_examples=500)
@given(st.text("0123456789+-(). ", max_size=30))
def test_any_plain_digits_and_punctuation_answer_as_the_matcher_does(text: str) -> None:
    assert _normalised(text) == _by_the_matcher(text)
