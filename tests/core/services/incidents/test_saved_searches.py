"""Saved searches: kept, changed and deleted by supervisors only, a stale version refused, hostile criteria in
the table listed but never run, counted, and attached to an incident all or nothing as a list is; the
access log says the search's id, criteria and counts, never a customer or the search's name."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import CustomerState, OrderChannel
from desk_app.domain.selections import CustomerSelection, to_json
from desk_app.services.customers.selections import SelectionCount
from desk_app.services.incidents import affected
from desk_app.services.incidents.affected import attach_search
from desk_app.services.incidents.register import IncidentRefused, close_incident
from desk_app.services.incidents.saved_searches import (
    SavedSearchRefused,
    count_matching,
    delete_search,
    find_search,
    list_saved_searches,
    save_search,
)
from desk_app.storage.models import AccessLogEntry, Incident, IncidentCustomer, SavedSearch, table_of
from tests.support.incidents import OPENED, open_test_incident
from tests.support.selection_data import Shop, jst

NOW = OPENED
LATER = NOW + dt.timedelta(hours=1)
D = dt.date
JULY_WEB = CustomerSelection(
    ordered_from=D(2026, 7, 1), ordered_to=D(2026, 7, 31), order_channels=(OrderChannel.WEB,)
)


@pytest.fixture
def july_buyers(sessions: sessionmaker[Session]) -> list[int]:
    """Five customers who ordered on the web in July (an ordinary one, one erased, one reported deceased,
    one without postal code, one without address line) and one who ordered in August."""
    with sessions.begin() as session:
        shop = Shop(session)
        ids = [
            shop.customer(),
            shop.customer(state=CustomerState.ERASED, name=None, postal_code=None, city=None, street=None),
            shop.customer(death_reported_at=jst(2026, 5, 1)),
            shop.customer(postal_code=""),
            shop.customer(prefecture=None, city="", street=None),
        ]
        for customer_id in ids:
            shop.order(customer_id, jst(2026, 7, 15))
        shop.order(shop.customer(), jst(2026, 8, 1, 0, 0))
        return ids


def _save(session: Session, agent_id: int, name: str = "7月のWeb注文", **options: object) -> int:
    selection = options.pop("selection", JULY_WEB)
    return save_search(session, agent_id, name, selection, now=NOW, **options).id  # type: ignore[arg-type]


def _last_entry(sessions: sessionmaker[Session]) -> AccessLogEntry:
    with sessions.begin() as session:
        entry = session.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id.desc())).first()
        assert entry is not None
        session.expunge(entry)
        return entry


def _linked(sessions: sessionmaker[Session]) -> set[int]:
    with sessions.begin() as session:
        return set(session.scalars(select(IncidentCustomer.customer_id)))


def test_a_search_is_saved_listed_by_name_and_logged_without_its_name(
    sessions: sessionmaker[Session], staff: dict[str, int]
) -> None:
    with sessions.begin() as session:
        second = _save(
            session, staff["kimura"], "  東京都の顧客 ", selection=CustomerSelection(prefectures=("東京都",))
        )
        first = _save(session, staff["ishii"], "7月のWeb注文")
    entry = _last_entry(sessions)
    with sessions.begin() as session:
        listed = list_saved_searches(session, staff["kimura"])
    assert [(s.id, s.name, s.updated_by, s.row_version, s.problem) for s in listed] == [
        (first, "7月のWeb注文", "ishii", 1, None),
        (second, "東京都の顧客", "kimura", 1, None),
    ]
    assert listed[0].selection == JULY_WEB
    assert listed[0].updated_at == NOW
    assert entry.customer_id is None
    assert (
        entry.detail
        == f"saved search {first} saved: an order placed from 2026-07-01 to 2026-07-31 through Web"
    )
    assert "7月" not in entry.detail


def test_a_change_made_from_a_stale_version_or_to_a_deleted_search_is_refused(
    sessions: sessionmaker[Session], staff: dict[str, int]
) -> None:
    with sessions.begin() as session:
        search_id = _save(session, staff["kimura"])
    # Another supervisor changes it: version 2.
    with sessions.begin() as session:
        changed = save_search(
            session,
            staff["ishii"],
            "7月のWeb注文（確定）",
            JULY_WEB,
            now=LATER,
            search_id=search_id,
            row_version=1,
        )
    assert (changed.row_version, changed.name, changed.updated_by) == (2, "7月のWeb注文（確定）", "ishii")
    with sessions.begin() as session, pytest.raises(SavedSearchRefused) as stale:
        save_search(
            session, staff["kimura"], "古い名前", JULY_WEB, now=LATER, search_id=search_id, row_version=1
        )
    assert stale.value.explanation.code == "selection.changed"
    with sessions.begin() as session, pytest.raises(SavedSearchRefused) as stale_delete:
        delete_search(session, staff["kimura"], search_id, row_version=1, now=LATER)
    assert stale_delete.value.explanation.code == "selection.changed"
    with sessions.begin() as session:
        delete_search(session, staff["ishii"], search_id, row_version=2, now=LATER)
    assert _last_entry(sessions).detail == f"saved search {search_id} deleted"
    with sessions.begin() as session, pytest.raises(SavedSearchRefused) as gone:
        save_search(session, staff["kimura"], "x", JULY_WEB, now=LATER, search_id=search_id, row_version=2)
    assert gone.value.explanation.code == "selection.gone"
    with sessions.begin() as session:
        assert list_saved_searches(session, staff["kimura"]) == ()


@pytest.mark.parametrize(
    ("name", "selection", "code"),
    [
        ("", JULY_WEB, "selection.name"),
        ("x" * 101, JULY_WEB, "selection.name"),
        ("改行\nあり", JULY_WEB, "text.one_line"),
        ("空", CustomerSelection(), "selection.empty"),
        (
            "逆",
            CustomerSelection(registered_from=D(2026, 2, 1), registered_to=D(2026, 1, 1)),
            "selection.registration_reversed",
        ),
        ("県", CustomerSelection(prefectures=("東京",)), "selection.unknown_prefecture"),
        ("〒", CustomerSelection(postal_prefix="10_"), "selection.postal_prefix"),
        ("7月のWeb注文", CustomerSelection(has_email=True), "selection.name_taken"),
    ],
)
def test_a_name_or_selection_that_will_not_do_is_refused_and_nothing_kept(
    sessions: sessionmaker[Session], staff: dict[str, int], name: str, selection: CustomerSelection, code: str
) -> None:
    with sessions.begin() as session:
        _save(session, staff["kimura"])
    with sessions.begin() as session, pytest.raises(SavedSearchRefused) as refused:
        save_search(session, staff["kimura"], name, selection, now=NOW)
    assert refused.value.explanation.code == code
    with sessions.begin() as session:
        assert session.scalar(select(func.count()).select_from(SavedSearch)) == 1


def test_renaming_onto_another_searchs_name_is_refused(
    sessions: sessionmaker[Session], staff: dict[str, int]
) -> None:
    with sessions.begin() as session:
        _save(session, staff["kimura"], "A")
        other = _save(session, staff["kimura"], "B")
    with sessions.begin() as session, pytest.raises(SavedSearchRefused) as refused:
        save_search(session, staff["kimura"], "A", JULY_WEB, now=NOW, search_id=other, row_version=1)
    assert refused.value.explanation.code == "selection.name_taken"
    with sessions.begin() as session:
        # Its own name is no clash.
        assert (
            save_search(
                session, staff["kimura"], "B", JULY_WEB, now=LATER, search_id=other, row_version=1
            ).row_version
            == 2
        )


def test_only_supervisors_and_administrators_keep_count_or_run_searches(
    sessions: sessionmaker[Session], staff: dict[str, int], incident_no: str
) -> None:
    with sessions.begin() as session:
        search_id = _save(session, staff["kimura"])
    agent = staff["sato"]
    attempts = [
        lambda s: list_saved_searches(s, agent),
        lambda s: find_search(s, agent, "7月のWeb注文"),
        lambda s: save_search(s, agent, "mine", JULY_WEB, now=NOW),
        lambda s: delete_search(s, agent, search_id, row_version=1, now=NOW),
        lambda s: count_matching(s, agent, JULY_WEB),
    ]
    for attempt in attempts:
        with sessions.begin() as session, pytest.raises(SavedSearchRefused) as refused:
            attempt(session)
        assert refused.value.explanation.code == "incident.not_supervisor"
    with sessions.begin() as session, pytest.raises(IncidentRefused) as refused_attach:
        attach_search(session, agent, incident_no, search_id, now=NOW)
    assert refused_attach.value.explanation.code == "incident.not_supervisor"
    assert _linked(sessions) == set()


@pytest.mark.parametrize(
    "criteria",
    [
        "not json at all",
        "[]",
        '{"version": 2, "has_email": true}',
        '{"version": 1, "has_email": true, "sql": "1=1; DROP TABLE customers"}',
        '{"version": 1, "ordered_from": "2026-02-30"}',
        '{"version": 1, "order_channels": ["web", "pigeon"]}',
        '{"version": 1, "prefectures": ["東京"]}',
        '{"version": 1}',
        '{"version": 1, "postal_prefix": "' + "1" * 20_000 + '"}',
    ],
)
def test_criteria_that_cannot_be_read_are_listed_with_the_reason_but_never_run(
    sessions: sessionmaker[Session],
    staff: dict[str, int],
    incident_no: str,
    july_buyers: list[int],
    criteria: str,
) -> None:
    with sessions.begin() as session:
        good = _save(session, staff["kimura"], "good")
        bad = session.execute(
            insert(table_of(SavedSearch)).values(
                name="手で書き換えた",
                criteria=criteria,
                created_by_id=staff["kimura"],
                created_at=NOW,
                updated_by_id=staff["kimura"],
                updated_at=NOW,
                row_version=1,
            )
        ).inserted_primary_key[0]
    with sessions.begin() as session:
        listed = {search.id: search for search in list_saved_searches(session, staff["kimura"])}
    assert listed[good].problem is None
    assert listed[bad].problem is not None
    with sessions.begin() as session, pytest.raises(SavedSearchRefused) as refused:
        attach_search(session, staff["kimura"], incident_no, bad, now=NOW)
    assert refused.value.explanation.code == "selection.unreadable"
    assert _linked(sessions) == set()
    # It can be replaced with criteria that can be read, or deleted.
    with sessions.begin() as session:
        fixed = save_search(
            session, staff["kimura"], "手で書き換えた", JULY_WEB, now=LATER, search_id=bad, row_version=1
        )
    assert (fixed.problem, fixed.row_version) == (None, 2)


def test_counting_says_how_many_and_what_a_notice_would_meet_and_logs_no_customer(
    sessions: sessionmaker[Session], staff: dict[str, int], july_buyers: list[int]
) -> None:
    with sessions.begin() as session:
        counted = count_matching(session, staff["kimura"], JULY_WEB)
    assert counted == SelectionCount(total=5, erased=1, deceased=1, no_address=2)
    entry = _last_entry(sessions)
    assert (entry.action, entry.customer_id) == ("view", None)
    assert entry.detail == (
        "customer selection counted: 5 customers (1 erased, 1 deceased, 2 without address);"
        " an order placed from 2026-07-01 to 2026-07-31 through Web"
    )
    with sessions.begin() as session, pytest.raises(SavedSearchRefused) as refused:
        count_matching(session, staff["kimura"], CustomerSelection())
    assert refused.value.explanation.code == "selection.empty"


def test_a_saved_search_attaches_its_customers_counted_and_again_only_the_new_ones(
    sessions: sessionmaker[Session], staff: dict[str, int], incident_no: str, july_buyers: list[int]
) -> None:
    with sessions.begin() as session:
        search_id = _save(session, staff["kimura"])
    with sessions.begin() as session:
        report = attach_search(session, staff["ishii"], incident_no, search_id, now=LATER)
    assert report.committed
    assert (report.source, report.encoding, report.problems) == ("7月のWeb注文", None, ())
    assert (report.read, report.attached, report.already_attached, report.repeated) == (5, 5, 0, 0)
    assert (report.erased, report.deceased, report.no_address, report.noticed) == (1, 1, 2, 0)
    assert _linked(sessions) == set(july_buyers)
    entry = _last_entry(sessions)
    assert entry.customer_id is None
    assert entry.detail.startswith(
        f"incident {incident_no}: 5 customers attached, 0 already attached (5 customers found by saved search"
        f" {search_id}: an order placed from 2026-07-01"
    )
    with sessions.begin() as session:
        incident = session.scalar(select(Incident))
        assert incident is not None
        assert (incident.updated_at, incident.updated_by_id) == (LATER, staff["ishii"])
        # A customer who orders later in July is found the next time; those attached are counted, not linked.
        shop = Shop(session)
        shop.count = 100
        newcomer = shop.customer()
        shop.order(newcomer, jst(2026, 7, 31, 23, 59))
    with sessions.begin() as session:
        again = attach_search(session, staff["kimura"], incident_no, search_id, now=LATER)
    assert (again.read, again.attached, again.already_attached) == (6, 1, 5)
    assert _linked(sessions) == {*july_buyers, newcomer}


def test_an_attachment_that_fails_part_way_leaves_the_incident_as_it_was(
    sessions: sessionmaker[Session],
    staff: dict[str, int],
    incident_no: str,
    july_buyers: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from desk_app.services.customers import selections

    with sessions.begin() as session:
        search_id = _save(session, staff["kimura"])
    chunks = selections.matching_ids

    def failing(session: Session, selection: CustomerSelection, *, chunk: int = 2) -> object:
        for number, ids in enumerate(chunks(session, selection, chunk=2)):
            if number == 2:
                raise OSError("the connection dropped")
            yield ids

    monkeypatch.setattr(affected, "matching_ids", failing)
    with sessions() as session:
        with pytest.raises(OSError, match="dropped"):
            attach_search(session, staff["kimura"], incident_no, search_id, now=LATER)
        # Two chunks had been linked inside the savepoint: none is left in the caller's transaction.
        assert session.scalar(select(func.count()).select_from(IncidentCustomer)) == 0
        session.commit()
    assert _linked(sessions) == set()
    with sessions.begin() as session:
        assert session.scalar(select(Incident.updated_at)) == NOW


def test_a_closed_incident_or_a_deleted_search_is_refused(
    sessions: sessionmaker[Session], staff: dict[str, int], incident_no: str, july_buyers: list[int]
) -> None:
    with sessions.begin() as session:
        search_id = _save(session, staff["kimura"])
        delete_search(session, staff["kimura"], search_id, row_version=1, now=NOW)
    with sessions.begin() as session, pytest.raises(SavedSearchRefused) as gone:
        attach_search(session, staff["kimura"], incident_no, search_id, now=LATER)
    assert gone.value.explanation.code == "selection.gone"
    with sessions.begin() as session:
        search_id = _save(session, staff["kimura"])
        other = open_test_incident(session, staff["kimura"], title="誤送信", categories=frozenset())
        close_incident(session, staff["kimura"], other, now=LATER)
    with sessions.begin() as session, pytest.raises(IncidentRefused) as closed:
        attach_search(session, staff["kimura"], other, search_id, now=LATER)
    assert closed.value.explanation.code == "incident.closed"
    assert _linked(sessions) == set()


def test_searches_are_stored_as_the_selections_json(
    sessions: sessionmaker[Session], staff: dict[str, int]
) -> None:
    with sessions.begin() as session:
        _save(session, staff["kimura"])
        assert session.scalar(select(SavedSearch.criteria)) == to_json(JULY_WEB)


def test_criteria_changed_after_the_supervisor_was_shown_them_are_not_attached(
    sessions: sessionmaker[Session], staff: dict[str, int], incident_no: str, july_buyers: list[int]
) -> None:
    with sessions.begin() as session:
        search_id = _save(session, staff["kimura"])
        shown = find_search(session, staff["kimura"], "7月のWeb注文")
    # Another supervisor widens the search meanwhile.
    with sessions.begin() as session:
        save_search(
            session,
            staff["ishii"],
            "7月のWeb注文",
            CustomerSelection(ordered_from=D(2026, 7, 1)),
            now=NOW,
            search_id=search_id,
            row_version=shown.row_version,
        )
    with sessions.begin() as session, pytest.raises(SavedSearchRefused) as changed:
        attach_search(
            session, staff["kimura"], incident_no, search_id, now=LATER, row_version=shown.row_version
        )
    assert changed.value.explanation.code == "selection.changed"
    assert _linked(sessions) == set()
