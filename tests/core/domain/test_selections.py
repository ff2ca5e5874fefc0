"""A saved search's criteria: checked, written as JSON and read back, and hostile JSON refused whole."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_app.domain.enums import OrderChannel
from desk_app.domain.messages import JAPANESE, render
from desk_app.domain.prefectures import PREFECTURE_ORDER
from desk_app.domain.selections import (
    FIRST_DAY,
    LAST_DAY,
    CustomerSelection,
    SelectionError,
    describe,
    from_json,
    name_problem,
    selection_problem,
    to_json,
)

D = dt.date


def test_a_selection_with_no_criterion_is_refused_rather_than_naming_everyone() -> None:
    assert selection_problem(CustomerSelection()).code == "selection.empty"
    assert selection_problem(CustomerSelection(has_email=False)) is None
    assert selection_problem(CustomerSelection(registered_to=D(2026, 12, 7))) is None


@pytest.mark.parametrize(
    ("selection", "code"),
    [
        (
            CustomerSelection(ordered_from=D(2026, 10, 2), ordered_to=D(2026, 10, 1)),
            "selection.orders_reversed",
        ),
        (
            CustomerSelection(registered_from=D(2026, 1, 2), registered_to=D(2025, 1, 1)),
            "selection.registration_reversed",
        ),
        (CustomerSelection(prefectures=("東京都", "東京")), "selection.unknown_prefecture"),
        (CustomerSelection(postal_prefix="10a"), "selection.postal_prefix"),
        (CustomerSelection(postal_prefix="12345678"), "selection.postal_prefix"),
        (CustomerSelection(postal_prefix="１００"), "selection.postal_prefix"),
        (CustomerSelection(ordered_to=D(9999, 12, 31)), "selection.day_out_of_range"),
        (CustomerSelection(registered_from=D(1, 1, 1)), "selection.day_out_of_range"),
    ],
)
def test_wrong_criteria_are_named(selection: CustomerSelection, code: str) -> None:
    problem = selection_problem(selection)
    assert problem is not None
    assert problem.code == code


def test_one_day_is_a_range_and_both_ends_count() -> None:
    assert (
        selection_problem(CustomerSelection(ordered_from=D(2026, 10, 1), ordered_to=D(2026, 10, 1))) is None
    )


def test_names_are_short_printable_and_not_blank() -> None:
    assert name_problem("10月 Web注文の流出") is None
    # A full-width space is what a Japanese input method types between words.
    assert name_problem("7月\u3000Web注文") is None
    for bad in ("", "   ", "x" * 101, "line\nbreak", "bell\x07", "\u202eevil"):
        assert name_problem(bad) is not None


days = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)
selections = st.builds(
    CustomerSelection,
    ordered_from=st.none() | days,
    ordered_to=st.none() | days,
    order_channels=st.lists(st.sampled_from(list(OrderChannel)), unique=True).map(tuple),
    registered_from=st.none() | days,
    registered_to=st.none() | days,
    prefectures=st.lists(st.sampled_from(PREFECTURE_ORDER), unique=True).map(tuple),
    postal_prefix=st.text("0123456789", max_size=7),
    shopping_credit=st.none() | st.booleans(),
    direct_mail_opt_in=st.none() | st.booleans(),
    catalogue_opt_in=st.none() | st.booleans(),
    has_email=st.none() | st.booleans(),
)


@given(selections)
def test_json_gives_back_the_same_selection_and_the_same_text(selection: CustomerSelection) -> None:
    text = to_json(selection)
    again = from_json(text)
    assert again == selection.normalised()
    assert to_json(again) == text


def test_lists_are_kept_in_a_fixed_order_without_repeats() -> None:
    selection = CustomerSelection(
        order_channels=(OrderChannel.WEB, OrderChannel.TV, OrderChannel.WEB), prefectures=("沖縄県", "北海道")
    )
    assert json.loads(to_json(selection)) == {
        "version": 1,
        "order_channels": ["tv", "web"],
        "prefectures": ["北海道", "沖縄県"],
    }


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[]",
        '{"ordered_from": "2026-10-01"}',
        '{"version": 2, "has_email": true}',
        '{"version": 1, "everyone": true}',
        '{"version": 1, "has_email": "yes"}',
        '{"version": 1, "has_email": 1}',
        '{"version": 1, "ordered_from": "2026-13-01"}',
        '{"version": 1, "ordered_from": 20261001}',
        '{"version": 1, "order_channels": ["fax"]}',
        '{"version": 1, "order_channels": "web"}',
        '{"version": 1, "prefectures": [1]}',
        '{"version": 1, "postal_prefix": 100}',
        '{"version": 1, "postal_prefix": "' + "1" * 20_000 + '"}',
        '{"version": true, "has_email": true}',
        '{"version": 1, "ordered_to": "9999-12-31"}',
        '{"version": 1, "registered_from": "0001-01-01"}',
        "[" * 5000 + "]" * 5000,
    ],
)
def test_hostile_json_is_refused_whole(text: str) -> None:
    with pytest.raises(SelectionError):
        from_json(text)


def test_the_words_name_every_criterion_in_both_languages() -> None:
    selection = CustomerSelection(
        ordered_from=D(2026, 10, 1),
        ordered_to=D(2026, 10, 15),
        order_channels=(OrderChannel.WEB,),
        prefectures=("東京都", "大阪府"),
        postal_prefix="100",
        shopping_credit=True,
        direct_mail_opt_in=False,
    )
    english = [str(said) for said in describe(selection)]
    assert english == [
        "an order placed from 2026-10-01 to 2026-10-15 through Web",
        "living in 東京都, 大阪府",
        "postal code starting 100",
        "with shopping credit",
        "direct mail stopped",
    ]
    japanese = [render(said, JAPANESE) for said in describe(selection)]
    assert japanese[0].startswith("2026-10-01〜2026-10-15の注文")
    assert japanese[1] == "住所が東京都、大阪府"


def test_one_line_separates_criteria_apart_from_the_lists_within_them() -> None:
    from desk_app.domain.selections import describe_all

    selection = CustomerSelection(prefectures=("東京都", "大阪府"), has_email=True)
    assert str(describe_all(selection)) == "living in 東京都, 大阪府; with an e-mail address"
    assert render(describe_all(selection), JAPANESE) == "住所が東京都、大阪府／メールアドレス登録あり"
