"""Search from one box: the kind of query is recognised, every typing of a name finds it, erased never."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import AccessAction, PhoneKind, SearchKind
from desk_app.services.access_log import NO_ONE
from desk_app.services.customers import search
from desk_app.services.customers.search import detect_kind, prefix_upper_bound, search_customers
from desk_app.storage.models import AccessLogEntry, Customer

AddCustomer = Callable[..., int]


@pytest.mark.parametrize(
    ("query", "kind", "key"),
    [
        ("03-1234-5678", SearchKind.PHONE, "03-1234-5678"),
        ("０３－１２３４－５６７８", SearchKind.PHONE, "03-1234-5678"),
        ("03ー1234ー5678", SearchKind.PHONE, "03-1234-5678"),  # the long-vowel mark a Japanese IME gives
        ("(03) 1234 5678", SearchKind.PHONE, "(03) 1234 5678"),
        ("+81 90 1234 5678", SearchKind.PHONE, "+81 90 1234 5678"),
        ("tel:+81312345678", SearchKind.PHONE, "tel:+81312345678"),
        ("09012345678", SearchKind.PHONE, "09012345678"),
        ("1234", SearchKind.PHONE, "1234"),
        (
            "03-1234-5678 自宅",
            SearchKind.PHONE,
            "03-1234-5678 自宅",
        ),  # digits that are nothing else: the phone search says why not
        ("10000042", SearchKind.CUSTOMER_NO, "10000042"),
        ("１０００００４２", SearchKind.CUSTOMER_NO, "10000042"),
        ("1500001", SearchKind.POSTAL_CODE, "1500001"),
        ("150-0001", SearchKind.POSTAL_CODE, "1500001"),
        ("〒150-0001", SearchKind.POSTAL_CODE, "1500001"),
        ("〒 １５０－０００１", SearchKind.POSTAL_CODE, "1500001"),
        ("やまだ", SearchKind.KANA, "ヤマダ"),
        ("ﾔﾏﾀﾞ ﾀﾛｳ", SearchKind.KANA, "ヤマダタロウ"),
        ("ヤマダ　タ", SearchKind.KANA, "ヤマダタ"),
        ("山田", SearchKind.NAME, "山田"),
        ("山田 太郎", SearchKind.NAME, "山田太郎"),
        ("山田 たろう", SearchKind.NAME, "山田たろう"),
        ("Smith", SearchKind.NAME, "smith"),
        ("", SearchKind.EMPTY, ""),
        ("　 ", SearchKind.EMPTY, ""),
        ("・", SearchKind.EMPTY, ""),
    ],
)
def test_the_kind_of_query_is_recognised_from_its_shape(query: str, kind: SearchKind, key: str) -> None:
    assert detect_kind(query) == (kind, key)


@pytest.mark.parametrize(
    ("prefix", "upper"),
    [
        ("ヤマダ", "ヤマチ"),
        ("a", "b"),
        ("山", "屲"),
        ("x\U0010ffff", "y"),
        ("\ud7ff", "\ue000"),
        ("\U0010ffff", None),
    ],
)
def test_the_prefix_range_ends_just_above_every_longer_string(prefix: str, upper: str | None) -> None:
    assert prefix_upper_bound(prefix) == upper


@pytest.fixture
def yamadas(add_customer: AddCustomer) -> list[int]:
    return [
        add_customer(name="山田 太郎", name_kana="ヤマダ タロウ", phones=(("mobile", "090-1111-0001"),)),
        add_customer(name="山田 花子", name_kana="ヤマダ ハナコ", phones=()),
        add_customer(name="山内 一", name_kana="ヤマウチ ハジメ", phones=(("home", "03-1111-0003"),)),
        add_customer(name="消去 済", name_kana="ヤマダ ケス", state="erased", phones=()),
        add_customer(name="田中 山田", name_kana="タナカ ヤマダ", phones=()),
    ]


def _names(sessions: sessionmaker[Session], query: str, **kwargs: int) -> list[str]:
    with sessions.begin() as session:
        return [hit.name for hit in search_customers(session, query, agent_id=None, **kwargs).hits]


@pytest.mark.parametrize("query", ["やまだ", "ヤマダ", "ﾔﾏﾀﾞ", "ヤマダ ", "　やまだ"])
def test_kana_in_any_script_width_or_spacing_finds_the_family_by_prefix(
    sessions: sessionmaker[Session], yamadas: list[int], query: str
) -> None:
    assert _names(sessions, query) == ["山田 太郎", "山田 花子"]


@pytest.mark.parametrize("query", ["やまだ た", "ﾔﾏﾀﾞﾀ", "ヤマダ　タロウ"])
def test_kana_with_the_given_name_narrows_it(
    sessions: sessionmaker[Session], yamadas: list[int], query: str
) -> None:
    assert _names(sessions, query) == ["山田 太郎"]


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("山", ["山内 一", "山田 太郎", "山田 花子"]),
        ("山田", ["山田 太郎", "山田 花子"]),
        ("山田　花", ["山田 花子"]),
    ],
)
def test_names_are_found_by_prefix_on_the_folded_name(
    sessions: sessionmaker[Session], yamadas: list[int], query: str, names: list[str]
) -> None:
    assert _names(sessions, query) == names


def test_postal_code_customer_number_and_phone_find_their_customer(
    sessions: sessionmaker[Session], yamadas: list[int]
) -> None:
    with sessions.begin() as session:
        customer_no = session.scalars(select(Customer.customer_no).where(Customer.id == yamadas[0])).one()
        by_postal = search_customers(session, "〒100-0001", agent_id=None)
        by_number = search_customers(session, customer_no, agent_id=None)
        by_phone = search_customers(session, "０９０ー１１１１ー０００１", agent_id=None)
        with_note = search_customers(session, "090-1111-0001（携帯）", agent_id=None)
    # The fixture puts everyone at 〒100-0001; the erased customer is not among them.
    assert by_postal.kind is SearchKind.POSTAL_CODE
    assert [hit.customer_id for hit in by_postal.hits] == [yamadas[0], yamadas[1], yamadas[2], yamadas[4]]
    assert by_postal.hits[0].phone == "090-1111-0001"
    assert by_postal.hits[1].phone is None
    assert (by_postal.hits[2].phone, by_postal.hits[2].phone_kind) == ("03-1111-0003", PhoneKind.HOME)
    assert (by_postal.hits[0].prefecture, by_postal.hits[0].city) == ("東京都", "千代田区")
    assert [hit.name for hit in by_number.hits] == ["山田 太郎"]
    assert by_phone.kind is SearchKind.PHONE
    assert [(hit.name, hit.phone, hit.phone_kind) for hit in by_phone.hits] == [
        ("山田 太郎", "090-1111-0001", PhoneKind.MOBILE)
    ]
    assert with_note.hits == by_phone.hits


def test_erased_customers_are_never_found(sessions: sessionmaker[Session], yamadas: list[int]) -> None:
    with sessions.begin() as session:
        erased_no = session.scalars(select(Customer.customer_no).where(Customer.id == yamadas[3])).one()
    for query in ("やまだけす", "消去", erased_no):
        assert _names(sessions, query) == []


def test_a_number_that_is_no_phone_number_says_so(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as session:
        result = search_customers(session, "1234", agent_id=None)
    assert (result.kind, result.hits, result.total) == (SearchKind.PHONE, (), 0)
    assert result.problem is not None
    assert "phone number" in result.problem


def test_every_customer_listed_is_logged_as_a_search_result_view(
    sessions: sessionmaker[Session], yamadas: list[int]
) -> None:
    with sessions.begin() as session:
        search_customers(session, "やまだ", agent_id=None)
        search_customers(session, "nobody", agent_id=None)
    with sessions() as session:
        rows = session.execute(
            select(AccessLogEntry.customer_id, AccessLogEntry.action, AccessLogEntry.detail)
        )
        assert sorted(rows) == [
            (yamadas[0], AccessAction.VIEW, f"{NO_ONE}search result"),
            (yamadas[1], AccessAction.VIEW, f"{NO_ONE}search result"),
        ]


def test_results_are_limited_and_the_total_counted_up_to_a_cap(
    sessions: sessionmaker[Session], add_customer: AddCustomer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(7):
        add_customer(name=f"佐藤 {n}", name_kana=f"サトウ {n}", phones=())
    with sessions.begin() as session:
        some = search_customers(session, "さとう", agent_id=None, limit=3)
        all_of_them = search_customers(session, "さとう", agent_id=None)
        monkeypatch.setattr(search, "TOTAL_CAP", 5)
        capped = search_customers(session, "さとう", agent_id=None, limit=2)
        with pytest.raises(ValueError, match="limit"):
            search_customers(session, "さとう", agent_id=None, limit=0)
    assert ([hit.name for hit in some.hits], some.total, some.total_capped) == (
        ["佐藤 0", "佐藤 1", "佐藤 2"],
        7,
        False,
    )
    assert (len(all_of_them.hits), all_of_them.total, all_of_them.total_capped) == (7, 7, False)
    assert (len(capped.hits), capped.total, capped.total_capped) == (2, 5, True)


def test_an_empty_query_searches_nothing(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as session:
        result = search_customers(session, "  ", agent_id=None)
    assert (result.kind, result.hits, result.total) == (SearchKind.EMPTY, (), 0)


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ("山田\ud800", "the search text holds a character that is not text (a lone surrogate)"),
        ("\udce3\udc83", "the search text holds a character that is not text (a lone surrogate)"),
        ("やまだ\x00", "the search text holds a control character (U+0000)"),
        ("03-1234-5678\x00", "the search text holds a control character (U+0000)"),
        ("山田" * 101, "the search text is longer than 200 characters"),
    ],
)
def test_text_that_cannot_be_searched_is_said_so_without_a_query(
    sessions: sessionmaker[Session], yamadas: list[int], query: str, problem: str
) -> None:
    # Before: a lone surrogate could not be encoded for the database (UnicodeEncodeError, on either), and
    # PostgreSQL refused a NUL outright; now nothing is searched and the result says why.
    with sessions.begin() as session:
        result = search_customers(session, query, agent_id=None)
    assert (result.kind, result.hits, result.total, result.problem) == (SearchKind.EMPTY, (), 0, problem)
    with sessions() as session:
        assert session.scalars(select(AccessLogEntry)).all() == []  # nothing shown, nothing logged


def test_a_tab_pasted_with_a_name_is_space(sessions: sessionmaker[Session], yamadas: list[int]) -> None:
    assert _names(sessions, "山田\t") == ["山田 太郎", "山田 花子"]
