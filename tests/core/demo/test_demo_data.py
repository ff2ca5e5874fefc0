"""Demo data: deterministic, realistic, valid phone numbers, and rows the ORM reads back unchanged."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

import phonenumbers
import pytest
from sqlalchemy import DateTime, Engine, func, inspect, select, text
from sqlalchemy.orm import Session

from desk_app.demo import casework, generator, loader, vocabulary
from desk_app.demo.generator import DemoDataError, generate_demo_data
from desk_app.domain.deadlines import deadline_for
from desk_app.domain.enums import (
    AgentRole,
    CaseKind,
    CaseState,
    CustomerState,
    LetterKind,
    OrderChannel,
    PhoneKind,
    ProvisionBasis,
)
from desk_app.domain.phones import normalise
from desk_app.services.admin.doctor import examine
from desk_app.storage.engine import make_engine
from desk_app.storage.migrate import upgrade
from desk_app.storage.models import (
    Agent,
    Base,
    Case,
    CaseEvent,
    Complaint,
    Customer,
    Letter,
    Order,
    ProvisionRecord,
    SuspiciousReport,
)
from tests.support.databases import Databases

NOW = dt.datetime(2026, 11, 26, 3, 0, tzinfo=dt.UTC)
JST = dt.timezone(dt.timedelta(hours=9))
DUMPED = ("customers", "phones", "orders", "order_lines", "provision_records", "cases", "case_events")


def _engine(databases: Databases) -> Engine:
    """A migrated, empty database: SQLite, or PostgreSQL when the suite runs against a server."""
    engine = make_engine(databases.new())
    upgrade(engine)
    return engine


def _rows(engine: Engine, sql: str) -> list[Any]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def _dump(engine: Engine) -> dict[str, list[Any]]:
    return {table: _rows(engine, f"SELECT * FROM {table} ORDER BY id") for table in DUMPED}


@pytest.fixture(scope="module")
def demo(module_databases: Databases) -> Iterator[tuple[Engine, generator.DemoSummary]]:
    engine = _engine(module_databases)
    summary = generate_demo_data(engine, customers=2000, seed=7, now=NOW)
    yield engine, summary
    engine.dispose()


def test_the_same_seed_gives_the_same_rows_and_another_seed_other_rows(databases: Databases) -> None:
    engines = [_engine(databases) for _ in range(3)]
    for engine, seed in zip(engines, (11, 11, 12), strict=True):
        generate_demo_data(engine, customers=400, seed=seed, now=NOW)
    first, same, other = (_dump(engine) for engine in engines)
    assert first == same
    for table in ("customers", "phones", "orders"):
        assert first[table] != other[table]
    for engine in engines:
        engine.dispose()


def test_the_summary_counts_what_was_written(demo: tuple[Engine, generator.DemoSummary]) -> None:
    engine, summary = demo
    for table, expected in [
        ("customers", summary.customers),
        ("phones", summary.phones),
        ("orders", summary.orders),
        ("order_lines", summary.order_lines),
        ("provision_records", summary.provision_records),
        ("cases", summary.cases),
        ("agents", summary.agents),
    ]:
        assert _rows(engine, f"SELECT COUNT(*) FROM {table}") == [(expected,)], table
    assert summary.cases == 40
    assert summary.seconds > 0
    assert _rows(engine, "SELECT COUNT(*) FROM call_log") == [(0,)]
    # The cases were worked through the services: their letters and access-log entries are there too.
    for table in ("access_log", "letters"):
        assert _rows(engine, f"SELECT COUNT(*) FROM {table}")[0][0] > 0


def test_customers_look_like_a_japanese_mail_order_list(demo: tuple[Engine, generator.DemoSummary]) -> None:
    engine, _ = demo
    people = _rows(
        engine,
        "SELECT customer_no, name, name_kana, birth_date, postal_code, prefecture, email, shopping_credit,"
        " workplace_name, workplace_phone FROM customers WHERE state <> 'erased'",
    )
    kana = {name.kana for name in vocabulary.FAMILY_NAMES}
    for number, name, name_kana, _, postal, _, email, credit, workplace, work_phone in people:
        assert re.fullmatch(r"\d{8}", number)
        assert re.fullmatch(r"\d{7}", postal)
        assert len(name.split(" ")) == 2
        assert name_kana.split(" ")[0] in kana
        assert email is None or email.split("@")[1] in vocabulary.EMAIL_DOMAINS
        assert bool(credit) == (workplace is not None) == (work_phone is not None)
    share = len(people) / 100
    assert 15 < sum(bool(row[7]) for row in people) / share < 25  # shopping credit
    assert 10 < sum(row[3] is None for row in people) / share < 20  # no date of birth held
    assert 30 < sum(row[6] is not None for row in people) / share < 60
    assert len({row[5] for row in people}) == 47


def test_some_customers_are_pending_deletion_or_erased_and_erased_ones_hold_nothing_personal(
    demo: tuple[Engine, generator.DemoSummary],
) -> None:
    engine, _ = demo
    states = Counter(state for (state,) in _rows(engine, "SELECT state FROM customers"))
    assert states["active"] > 1900
    assert states["deletion_pending"] > 0
    assert states["erased"] > 0
    erased = _rows(
        engine,
        "SELECT name, name_kana, birth_date, postal_code, prefecture, city, street, building, email,"
        " workplace_name, workplace_phone FROM customers WHERE state = 'erased'",
    )
    assert all(value is None for row in erased for value in row)
    sql = "SELECT COUNT(*) FROM {} x JOIN customers c ON c.id = x.customer_id WHERE c.state = 'erased'"
    assert _rows(engine, sql.format("phones")) == [(0,)]
    assert _rows(engine, sql.format("orders"))[0][0] > 0  # the law keeps the orders


def test_orders_are_skewed_and_add_up(demo: tuple[Engine, generator.DemoSummary]) -> None:
    engine, summary = demo
    assert 4 < summary.orders / summary.customers < 6
    assert 1 < summary.order_lines / summary.orders < 1.5
    per_customer = Counter(c for (c,) in _rows(engine, "SELECT customer_id FROM orders"))
    assert max(per_customer.values()) <= 200
    assert max(per_customer.values()) > 20
    without = summary.customers - len(per_customer)
    assert 0.1 < without / summary.customers < 0.3
    mismatched = _rows(
        engine,
        "SELECT o.id FROM orders o JOIN order_lines l ON l.order_id = o.id"
        " GROUP BY o.id, o.amount_yen HAVING SUM(l.amount_yen) <> o.amount_yen OR COUNT(*) > 3",
    )
    assert mismatched == []
    with Session(engine) as session:
        first, last = session.execute(select(func.min(Order.ordered_at), func.max(Order.ordered_at))).one()
    assert NOW - dt.timedelta(days=8 * 366) < first < last < NOW
    assert len({no for (no,) in _rows(engine, "SELECT order_no FROM orders")}) == summary.orders


def test_every_phone_is_valid_and_its_e164_is_what_normalise_makes_of_the_raw_text(
    demo: tuple[Engine, generator.DemoSummary],
) -> None:
    engine, _ = demo
    phones = _rows(engine, "SELECT customer_id, kind, raw, e164 FROM phones")
    for _, _, raw, e164 in phones:
        assert normalise(raw).e164 == e164, raw
    per_customer = Counter(customer for customer, *_ in phones)
    assert set(per_customer.values()) <= {1, 2, 3}
    assert {kind for _, kind, _, _ in phones} == {"home", "mobile", "work"}
    raws = [raw for _, _, raw, _ in phones]
    assert any("－" in raw for raw in raws)
    assert any("(" in raw for raw in raws)
    assert any(" " in raw for raw in raws)
    for (work_phone,) in _rows(
        engine, "SELECT workplace_phone FROM customers WHERE shopping_credit = true AND state <> 'erased'"
    ):
        assert normalise(work_phone).national == work_phone


def test_every_area_code_and_exchange_the_generator_uses_is_valid_and_grouped_as_written() -> None:
    for prefecture in vocabulary.PREFECTURES:
        for city in prefecture.cities:
            area = city.area_code
            for prefix in vocabulary.EXCHANGE_PREFIXES.get(area, vocabulary.EXCHANGE_PREFIXES_DEFAULT):
                rest = 6 - len(area) - len(prefix)
                for fill, subscriber in (("0", "0000"), ("9", "9999")):
                    exchange = prefix + fill * rest
                    number = phonenumbers.parse(area + exchange + subscriber, "JP")
                    assert phonenumbers.is_valid_number(number), (area, exchange)
                    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
                    assert national == f"{area}-{exchange}-{subscriber}"
    for prefix in ("090", "080", "070", "050"):
        for national in (prefix + "10000000", prefix + "99999999"):
            assert phonenumbers.is_valid_number(phonenumbers.parse(national, "JP")), national


def test_household_landlines_are_shared_by_family_members_at_one_address(
    demo: tuple[Engine, generator.DemoSummary],
) -> None:
    engine, _ = demo
    holders = defaultdict(list)
    for e164, name, postal, street in _rows(
        engine,
        "SELECT p.e164, c.name, c.postal_code, c.street"
        " FROM phones p JOIN customers c ON c.id = p.customer_id WHERE p.kind = 'home'",
    ):
        holders[e164].append((name.split(" ")[0], postal, street))
    shared = [people for people in holders.values() if len(people) > 1]
    assert 0.01 < len(shared) / len(holders) < 0.06
    assert all(len(set(people)) == 1 for people in shared)


def test_cases_cover_every_kind_state_and_letter_and_pass_every_rule(
    demo: tuple[Engine, generator.DemoSummary],
) -> None:
    engine, _ = demo
    with Session(engine) as session:
        # The histories are the services' own: the database's invariants hold as of the demo's moment.
        assert examine(session, now=NOW).problems == ()
        cases = session.scalars(select(Case).order_by(Case.id)).all()
        assert {case.kind for case in cases} == set(CaseKind)
        assert {case.state for case in cases} == set(CaseState)
        assert len({case.case_no for case in cases}) == len(cases)
        for case in cases:
            received_in_japan = case.received_at.astimezone(JST)
            assert case.case_no.startswith(f"{received_in_japan.year}-")
            assert len(case.case_no) == 11
            # A pause moved the due date on by the days it lasted.
            paused_days = sum(event.detail["days"] for event in case.events if event.kind == "resumed")
            assert case.due_on == deadline_for(case.received_at, 14).due_on + dt.timedelta(days=paused_days)
            assert case.received_at < NOW
            disclosure = case.kind in (CaseKind.DISCLOSURE, CaseKind.PROVISION_DISCLOSURE)
            assert case.fee_yen == (404 if disclosure else 0)
            assert all(event.at <= NOW for event in case.events)
        assert any(case.customer_id is None for case in cases)
        # Written requests: received on the day they arrived by post, with no call.
        written = [case for case in cases if case.details.get("channel") == "post"]
        assert written
        assert cases[0] in written
        for case in written:
            assert "call_id" not in case.details
            assert case.received_at.astimezone(JST).date().isoformat() == case.details["arrived_on"]
            assert case.events[0].at >= case.received_at
        # Disclosures by letter, as an electronic record, and asked for electronically with no address.
        forms = {
            (form["asked"], form["method"])
            for case in cases
            if (form := case.details.get("delivery")) is not None
        }
        assert forms == {("letter", "letter"), ("electronic", "electronic"), ("electronic", "letter")}
        # A case waiting for the customer with its clock paused, and one an agent let run again.
        open_cases = [case for case in cases if case.closed_at is None]
        assert any(
            (case.details or {}).get("pause", {}).get("reason") not in (None, "fee") for case in open_cases
        )
        assert any(
            event.kind == "resumed" and event.detail["ended_by"] is None and event.detail["days"] > 0
            for case in open_cases
            for event in case.events
        )
        letters = session.execute(select(Letter.kind, Letter.mailed_at.is_not(None), Letter.voided_at)).all()
        made_from_cases = set(LetterKind) - {LetterKind.NO_DATA_HELD, LetterKind.LEAK_NOTICE}
        # Every kind the desk makes is in the mail room and among the mailed ones.
        assert {kind for kind, mailed, void in letters if not mailed and void is None} == made_from_cases
        assert {kind for kind, mailed, _ in letters if mailed} == made_from_cases
        # The refused disclosure's own letter was voided on the way.
        assert any(void is not None for _, _, void in letters)
        registered = {
            **{case_id: CaseKind.COMPLAINT for case_id in session.scalars(select(Complaint.case_id))},
            **{
                case_id: CaseKind.SUSPICIOUS_REPORT
                for case_id in session.scalars(select(SuspiciousReport.case_id))
            },
        }
        recorded = {
            case.id: case.kind
            for case in cases
            if case.kind in (CaseKind.COMPLAINT, CaseKind.SUSPICIOUS_REPORT)
            and case.state is not CaseState.RECEIVED
        }
        assert registered == recorded


def test_suspensions_and_deletions_carry_their_grounds_and_one_refusal_cites_the_exception(
    demo: tuple[Engine, generator.DemoSummary],
) -> None:
    engine, _ = demo
    with Session(engine) as session:
        cases = session.scalars(
            select(Case).where(Case.kind.in_((CaseKind.SUSPENSION, CaseKind.DELETION))).order_by(Case.id)
        ).all()
        # Every suspension that stopped mailings and every erasure proposed kept what it was asked on:
        # mostly the customer's wish, some a ground of APPI Art. 35(1) or (5).
        proposals = [
            [case.details.get("proposal") or {}, *case.details.get("decisions", ())] for case in cases
        ]
        acted = [
            case
            for case, proposed in zip(cases, proposals, strict=True)
            if "mailings" in case.details or any(one.get("kind") == "erasure" for one in proposed)
        ]
        assert acted
        assert all(case.details.get("request_ground") for case in acted)
        grounds = Counter(case.details["request_ground"] for case in acted)
        assert grounds.most_common(1)[0][0] == "customer_wish"
        assert set(grounds) - {"customer_wish"}
        refused = [
            (case, decision["answer"])
            for case in cases
            for decision in case.details.get("decisions", ())
            if decision["outcome"] == "refused"
            and decision["answer"]["ground"] == "difficult_with_alternative"
        ]
        [(case, answer)] = refused[:1]
        assert (case.kind, case.state, case.details["request_ground"]) == (
            CaseKind.DELETION,
            CaseState.REFUSED,
            "no_longer_needed",
        )
        assert answer["alternative"].startswith("保証期間が満了するまでの間")
        [letter] = session.scalars(select(Letter).where(Letter.case_id == case.id)).all()
        assert (letter.kind, letter.mailed_at) == (LetterKind.REFUSAL, None)


def test_the_orm_reads_the_raw_rows_back(demo: tuple[Engine, generator.DemoSummary]) -> None:
    engine, _ = demo
    with Session(engine) as session:
        customer = session.scalars(
            select(Customer).where(Customer.state == CustomerState.ACTIVE).order_by(Customer.id)
        ).first()
        assert customer is not None
        assert customer.phones
        assert customer.row_version == 1
        assert customer.created_at.tzinfo is dt.UTC
        assert customer.created_at <= customer.updated_at < NOW
        assert all(isinstance(phone.kind, PhoneKind) for phone in customer.phones)
        order = session.scalars(select(Order).order_by(Order.id)).first()
        assert order is not None
        assert isinstance(order.channel, OrderChannel)
        assert order.ordered_at.tzinfo is dt.UTC
        assert order.amount_yen == sum(line.amount_yen for line in order.lines)
        record = session.scalars(select(ProvisionRecord)).first()
        assert record is not None
        assert isinstance(record.basis, ProvisionBasis)
        assert isinstance(record.provided_on, dt.date)
        event = session.scalars(select(CaseEvent).where(CaseEvent.kind == "state_changed")).first()
        assert event is not None
        assert {"from", "to"} <= set(event.detail)
        demo_agent = session.scalars(select(Agent).where(Agent.login == "demo")).one()
        assert demo_agent.display_name == "デモ オペレーター"
        assert demo_agent.role is AgentRole.AGENT
        assert {a.role for a in session.scalars(select(Agent))} == set(AgentRole)


def test_stored_times_are_exactly_what_the_orm_itself_would_write(
    demo: tuple[Engine, generator.DemoSummary],
) -> None:
    """SQLite holds times as text, so the text must be SQLAlchemy's own; a server holds typed UTC values."""
    engine, _ = demo
    processor = DateTime().dialect_impl(engine.dialect).bind_processor(engine.dialect)

    def as_the_orm_writes(value: dt.datetime) -> object:
        if engine.dialect.name == "sqlite":
            assert processor is not None
            return processor(value.replace(tzinfo=None))
        return value

    raw = _rows(engine, "SELECT id, created_at, catalogue_changed_at FROM customers ORDER BY id LIMIT 200")
    assert raw
    with Session(engine) as session:
        for customer_id, created_at, changed_at in raw:
            customer = session.get(Customer, customer_id)
            assert customer is not None
            assert as_the_orm_writes(customer.created_at) == created_at
            if changed_at is not None:
                assert customer.catalogue_changed_at is not None
                assert as_the_orm_writes(customer.catalogue_changed_at) == changed_at


def test_the_orm_can_add_rows_after_the_demo_data_and_the_indexes_are_back(
    demo: tuple[Engine, generator.DemoSummary],
) -> None:
    engine, summary = demo
    for table in DUMPED:
        expected = {index.name for index in Base.metadata.tables[table].indexes}
        assert expected <= {index["name"] for index in inspect(engine).get_indexes(table)}
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:  # the pool hands back the connection that did the load
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA synchronous")).scalar() == 1
    with Session(engine) as session:
        agent = session.scalars(select(Agent).where(Agent.login == "demo")).one()
        case = Case(
            case_no="2099-000001",
            kind=CaseKind.COMPLAINT,
            state=CaseState.RECEIVED,
            opened_by_id=agent.id,
            received_at=NOW,
            due_on=NOW.date(),
        )
        session.add(case)
        session.flush()
        assert case.id == summary.cases + 1
        session.rollback()


def test_a_database_with_customers_is_refused_and_left_as_it_was(databases: Databases) -> None:
    engine = _engine(databases)
    generate_demo_data(engine, customers=50, seed=1, now=NOW)
    before = _dump(engine)
    with pytest.raises(DemoDataError, match="already holds customers"):
        generate_demo_data(engine, customers=50, seed=2, now=NOW)
    assert _dump(engine) == before
    engine.dispose()


def test_a_failure_midway_writes_nothing(databases: Databases, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = _engine(databases)
    monkeypatch.setattr(generator, "BATCH_CUSTOMERS", 100)

    def stop(done: int, total: int) -> None:
        if done >= 200:
            raise RuntimeError("cancelled")

    with pytest.raises(RuntimeError, match="cancelled"):
        generate_demo_data(engine, customers=500, seed=1, now=NOW, progress=stop)
    assert all(rows == [] for rows in _dump(engine).values())
    assert {"ix_orders_customer_ordered"} <= {
        index["name"] for index in inspect(engine).get_indexes("orders")
    }
    engine.dispose()


def test_progress_is_reported_per_batch_and_reaches_the_total(
    databases: Databases, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = _engine(databases)
    monkeypatch.setattr(generator, "BATCH_CUSTOMERS", 100)
    calls: list[tuple[int, int]] = []
    generate_demo_data(engine, customers=450, seed=1, now=NOW, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(0, 450), (100, 450), (200, 450), (300, 450), (400, 450), (450, 450)]
    engine.dispose()


def test_an_existing_agent_login_is_reused(databases: Databases) -> None:
    engine = _engine(databases)
    with Session(engine) as session, session.begin():
        session.add(Agent(login="admin", display_name="既存 管理者", role=AgentRole.ADMIN, created_at=NOW))
    summary = generate_demo_data(engine, customers=30, seed=1, now=NOW)
    assert summary.agents == len(vocabulary.AGENTS)
    assert _rows(engine, "SELECT id, display_name FROM agents WHERE login = 'admin'") == [(1, "既存 管理者")]
    engine.dispose()


def test_arguments_are_checked() -> None:
    engine = make_engine("sqlite://")
    with pytest.raises(ValueError, match="from 1 to 10,000,000"):
        generate_demo_data(engine, customers=0, seed=1)
    # Refused before memory is set aside for each customer (a MemoryError before).
    with pytest.raises(ValueError, match="from 1 to 10,000,000"):
        generate_demo_data(engine, customers=99_999_999_999, seed=1)
    with pytest.raises(ValueError, match="aware"):
        generate_demo_data(engine, customers=1, seed=1, now=dt.datetime(2026, 1, 1))  # noqa: DTZ001


def test_the_bulk_columns_are_exactly_the_models_columns() -> None:
    for table, columns in generator.COLUMNS.items():
        assert sorted(columns.split()) == sorted(Base.metadata.tables[table].columns.keys()), table


def test_named_rows_are_completed_from_the_models() -> None:
    full = loader.complete_rows("agents", ("id", "login", "display_name", "role", "created_at"))
    row = dict(
        zip(
            generator.COLUMNS["agents"].split(),
            full((7, "agent7", "担当 07", "agent", "2026-11-26 03:00:00.000000")),
            strict=True,
        )
    )
    # The model's own defaults (active, no failed sign-ins) and NULL where the column allows it.
    assert row["active"] is True
    assert row["failed_sign_ins"] == 0
    assert row["password_hash"] is None
    assert row["login"] == "agent7"


def test_named_rows_refuse_a_column_that_needs_a_value() -> None:
    with pytest.raises(loader.MissingColumnValue, match=r"agents\.login"):
        loader.complete_rows("agents", ("id", "display_name", "role", "created_at"))
    with pytest.raises(loader.MissingColumnValue, match="no column nickname"):
        loader.complete_rows("agents", ("id", "nickname"))
    full = loader.complete_rows("agents", ("id", "login", "display_name", "role", "created_at"))
    with pytest.raises(loader.MissingColumnValue, match="2 values for 5 columns"):
        full((1, "x"))


def test_named_rows_load_into_a_migrated_database(tmp_path: Any) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'named.sqlite3'}")
    upgrade(engine)
    bulk = loader._SqliteLoader(engine)
    try:
        assert bulk.begin() is None
        written = bulk.write_named(
            "agents",
            ("id", "login", "display_name", "role", "active", "created_at"),
            [(1, "agent1", "担当 01", "agent", True, "2026-11-26 03:00:00.000000")],
        )
        bulk.finish()
    finally:
        bulk.close(False)
    assert written == 1
    with Session(engine) as session:
        agent = session.get(Agent, 1)
        assert agent is not None
        assert (agent.login, agent.failed_sign_ins, agent.password_hash) == ("agent1", 0, None)
    engine.dispose()


def test_a_failure_while_working_the_cases_leaves_nothing_behind(
    databases: Databases, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = _engine(databases)
    worked = []

    def broken(case: object, kind: CaseKind, outcome: str, customer_id: int) -> None:
        worked.append(kind)
        if len(worked) == 3:
            raise RuntimeError("the disk is full")

    monkeypatch.setattr(casework, "_identity_case", broken)
    with pytest.raises(RuntimeError, match="disk is full"):
        generate_demo_data(engine, customers=300, seed=5, now=NOW)
    for table in ("agents", *DUMPED, "letters", "access_log", "complaints", "suspicious_reports"):
        assert _rows(engine, f"SELECT COUNT(*) FROM {table}") == [(0,)], table
    # And the database is as good as new: the demo goes in afterwards.
    monkeypatch.undo()
    assert generate_demo_data(engine, customers=300, seed=5, now=NOW).cases == 30
    engine.dispose()
