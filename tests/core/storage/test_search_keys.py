"""The search keys stay in step with the names wherever names are written: ORM, demo loader, migration."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from alembic import command
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from desk_app.demo.generator import generate_demo_data
from desk_app.domain.kana import fold_kana, fold_name
from desk_app.storage import migrate
from desk_app.storage.engine import make_engine
from desk_app.storage.models import Customer
from tests.support.databases import Databases

NOW = dt.datetime(2026, 11, 26, 3, 0, tzinfo=dt.UTC)
AddCustomer = Callable[..., int]


def _keys(sessions: sessionmaker[Session], customer_id: int) -> tuple[str | None, str | None]:
    with sessions() as session:
        row = session.execute(
            select(Customer.name_search, Customer.kana_search).where(Customer.id == customer_id)
        ).one()
    return row[0], row[1]


def test_the_orm_fills_the_keys_when_a_customer_is_added(
    sessions: sessionmaker[Session], add_customer: AddCustomer
) -> None:
    customer_id = add_customer(name="山田　太郎", name_kana="ﾔﾏﾀﾞ ﾀﾛｳ")
    assert _keys(sessions, customer_id) == ("山田太郎", "ヤマダタロウ")


def test_a_correction_updates_the_keys_and_erasure_empties_them(
    sessions: sessionmaker[Session], add_customer: AddCustomer
) -> None:
    customer_id = add_customer()
    with sessions.begin() as session:
        customer = session.get(Customer, customer_id)
        assert customer is not None
        customer.name, customer.name_kana = "山本 花子", "やまもと はなこ"
    assert _keys(sessions, customer_id) == ("山本花子", "ヤマモトハナコ")
    with sessions.begin() as session:
        customer = session.get(Customer, customer_id)
        assert customer is not None
        customer.name = customer.name_kana = None
    assert _keys(sessions, customer_id) == (None, None)


def test_the_demo_loader_writes_the_keys_the_orm_would(databases: Databases) -> None:
    engine = make_engine(databases.new())
    migrate.upgrade(engine)
    generate_demo_data(engine, customers=300, seed=3, now=NOW)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT name, name_kana, name_search, kana_search, state FROM customers")
        ).all()
    engine.dispose()
    assert len(rows) == 300
    for name, kana, name_search, kana_search, state in rows:
        if state == "erased":
            assert (name_search, kana_search) == (None, None)
        else:
            assert (name_search, kana_search) == (fold_name(name), fold_kana(kana))


def test_migration_0002_fills_the_keys_of_customers_already_there(database_url: str) -> None:
    engine = make_engine(database_url)
    config = migrate._alembic_config(engine)
    command.upgrade(config, "0001")
    insert = text(
        "INSERT INTO customers (id, customer_no, name, name_kana, shopping_credit, catalogue_opt_in,"
        " direct_mail_opt_in, email_magazine_opt_in, state, created_at, updated_at, row_version)"
        " VALUES (:id, :no, :name, :kana, false, true, true, false, :state, :at, :at, 1)"
    )
    people = [(1, "山田 太郎", "やまだ たろう", "active"), (2, None, None, "erased")]
    # More than one batch of the backfill (10,000 rows).
    people += [(n, f"顧客 {n}", f"ｺｷｬｸ {n}", "active") for n in range(3, 10_051)]
    with engine.begin() as connection:
        connection.execute(
            insert,
            [
                {"id": i, "no": f"{10000000 + i}", "name": name, "kana": kana, "state": state, "at": NOW}
                for i, name, kana, state in people
            ],
        )
    command.upgrade(config, "head")
    with engine.connect() as connection:
        keys = dict(
            (row_id, (name_search, kana_search))
            for row_id, name_search, kana_search in connection.execute(
                text("SELECT id, name_search, kana_search FROM customers")
            )
        )
    engine.dispose()
    assert keys[1] == ("山田太郎", "ヤマダタロウ")
    assert keys[2] == (None, None)
    assert keys[10_050] == ("顧客10050", "コキャク10050")
    assert all(value[0] is not None for row_id, value in keys.items() if row_id != 2)
