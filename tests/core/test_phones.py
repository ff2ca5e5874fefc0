"""Phone normalisation: every way people and exchanges write a number ends in one E.164 form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_app.phones import InvalidPhoneNumber, normalise


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
