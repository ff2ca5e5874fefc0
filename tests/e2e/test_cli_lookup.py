"""`desk-app demo-data` and `desk-app lookup` as real processes: exit codes and the JSON scripts read."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from desk_app.domain.enums import CustomerState
from desk_app.storage.engine import make_engine
from desk_app.storage.models import AccessLogEntry, Customer, Phone

CUSTOMERS = 400


@pytest.fixture
def demo_database(desk_app, database_url: str) -> str:
    completed = desk_app(
        "demo-data", "--customers", str(CUSTOMERS), "--seed", "7", "--db", database_url, "--json"
    )
    assert completed.returncode == 0, completed.stderr
    summary = completed.json()
    assert summary["customers"] == CUSTOMERS
    assert summary["orders"] > CUSTOMERS
    return database_url


def _phones(url: str) -> list[tuple[int, str, str, str]]:
    engine = make_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(
            select(Phone.customer_id, Phone.raw, Phone.e164, Phone.kind)
            .join(Customer)
            .where(Customer.state == CustomerState.ACTIVE)
            .order_by(Phone.id)
        ).all()
    engine.dispose()
    return [tuple(row) for row in rows]


def test_lookup_finds_the_customer_and_prints_one_json_object(desk_app, demo_database: str) -> None:
    _customer_id, raw, e164, kind = _phones(demo_database)[0]
    completed = desk_app("lookup", raw, "--json", "--db", demo_database)
    assert completed.returncode == 0, completed.stderr
    payload = completed.json()
    assert list(payload) == ["input", "e164", "national", "customers"]
    assert payload["input"] == raw
    assert payload["e164"] == e164
    assert payload["national"].startswith("0")
    assert "-" in payload["national"]
    assert payload["customers"], payload
    for match in payload["customers"]:
        assert list(match) == ["customer_no", "name", "name_kana", "matched_phone_kind"]
        assert match["name"]
        assert match["name_kana"]
    assert kind in {match["matched_phone_kind"] for match in payload["customers"]}


def test_lookup_accepts_full_width_and_international_forms(desk_app, demo_database: str) -> None:
    _, _, e164, _ = _phones(demo_database)[0]
    national_digits = "0" + e164.removeprefix("+81")
    full_width = national_digits.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    for written in (full_width, f"tel:{e164}", f"+81 (0){national_digits[1:]}", f"{national_digits} 自宅"):
        completed = desk_app("lookup", written, "--json", "--db", demo_database)
        assert completed.returncode == 0, (written, completed.stdout, completed.stderr)
        assert completed.json()["e164"] == e164


def test_a_shared_household_line_lists_every_holder(desk_app, demo_database: str) -> None:
    holders: dict[str, set[int]] = {}
    for customer_id, _, e164, _ in _phones(demo_database):
        holders.setdefault(e164, set()).add(customer_id)
    shared = next(e164 for e164, ids in holders.items() if len(ids) > 1)
    completed = desk_app("lookup", shared, "--json", "--db", demo_database)
    assert completed.returncode == 0
    assert len(completed.json()["customers"]) == len(holders[shared])


def test_a_valid_number_nobody_holds_exits_1(desk_app, demo_database: str) -> None:
    taken = {e164 for _, _, e164, _ in _phones(demo_database)}
    free = next(f"+8131234{n:04d}" for n in range(10_000) if f"+8131234{n:04d}" not in taken)
    completed = desk_app("lookup", free, "--json", "--db", demo_database)
    assert completed.returncode == 1
    assert completed.json()["customers"] == []


@pytest.mark.parametrize("text", ["hello", "03-1234-567", "12"])
def test_an_invalid_number_exits_2_with_an_error_object(desk_app, demo_database: str, text: str) -> None:
    completed = desk_app("lookup", text, "--json", "--db", demo_database)
    assert completed.returncode == 2
    payload = completed.json()
    assert list(payload) == ["input", "error"]
    assert payload["input"] == text
    assert payload["error"]


def test_an_erased_customer_never_matches(desk_app, demo_database: str) -> None:
    customer_id, raw, e164, _ = _phones(demo_database)[0]
    engine = make_engine(demo_database)
    with engine.begin() as connection:
        customer_no = connection.scalar(select(Customer.customer_no).where(Customer.id == customer_id))
        # Erasure blanks the data too; the state alone must already keep the customer out of lookup.
        erase = update(Customer).where(Customer.id == customer_id).values(state=CustomerState.ERASED)
        connection.execute(erase)
    engine.dispose()
    others = {c for c, _, e, _ in _phones(demo_database) if e == e164}
    completed = desk_app("lookup", raw, "--json", "--db", demo_database)
    assert customer_no not in {match["customer_no"] for match in completed.json()["customers"]}
    assert len(completed.json()["customers"]) == len(others)
    assert completed.returncode == (0 if others else 1)


def test_every_lookup_that_shows_a_customer_is_in_the_access_log(desk_app, demo_database: str) -> None:
    customer_id, raw, _, _ = _phones(demo_database)[0]
    assert desk_app("lookup", raw, "--db", demo_database).returncode == 0
    engine = make_engine(demo_database)
    with engine.connect() as connection:
        logged = connection.execute(select(AccessLogEntry.customer_id, AccessLogEntry.action)).all()
    engine.dispose()
    assert (customer_id, "view") in {(c, a.value) for c, a in logged}


def test_the_database_can_come_from_the_environment(desk_app, demo_database: str) -> None:
    _, raw, _, _ = _phones(demo_database)[0]
    completed = desk_app("lookup", raw, "--json", env={"DESK_APP_DB": demo_database})
    assert completed.returncode == 0, completed.stderr


def test_demo_data_refuses_a_database_that_already_holds_customers(desk_app, demo_database: str) -> None:
    completed = desk_app("demo-data", "--customers", "10", "--db", demo_database)
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr
    assert completed.stderr.startswith("desk-app: ")


def test_the_same_seed_and_day_give_the_same_data(desk_app, tmp_path) -> None:
    dumps = []
    for name in ("first", "second"):
        url = f"sqlite:///{(tmp_path / f'{name}.sqlite3').as_posix()}"
        completed = desk_app(
            "demo-data", "--customers", "150", "--seed", "3", "--as-of", "2026-04-01", "--db", url
        )
        assert completed.returncode == 0, completed.stderr
        engine = make_engine(url)
        with engine.connect() as connection:
            customers = connection.execute(
                select(Customer.customer_no, Customer.name, Customer.updated_at)
            ).all()
            phones = connection.execute(select(Phone.raw, Phone.e164).order_by(Phone.id)).all()
        engine.dispose()
        dumps.append((customers, phones))
    assert dumps[0] == dumps[1]
    assert len(dumps[0][0]) == 150


def test_demo_data_refuses_a_bad_date(desk_app, database_url: str) -> None:
    completed = desk_app("demo-data", "--as-of", "2026-13-01", "--db", database_url)
    assert completed.returncode == 2
    assert "not a date" in completed.stderr


# A name stored before imports refused control characters (or written into the database by other means):
# an OSC sequence that retitles the terminal, a clear-screen, a C1 CSI and a right-to-left override.
HOSTILE_NAME = "\x1b]0;pwned\x07\x1b[2J山田\x9b31m\u202e太郎"
HOSTILE_KANA = "ヤマダ\u2066タロウ"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066")


def test_lookup_shows_control_and_text_direction_characters_escaped(
    desk_app, add_customer, database_url: str
) -> None:
    add_customer(name=HOSTILE_NAME, name_kana=HOSTILE_KANA, phones=(("home", "03-3211-9876"),))
    shown = desk_app("lookup", "03-3211-9876", "--db", database_url)
    assert shown.returncode == 0, shown.stderr
    for character in RAW:
        assert character not in shown.stdout
    assert "\\x1b]0;pwned\\x07\\x1b[2J山田\\x9b31m\\u202e太郎" in shown.stdout
    assert "ヤマダ\\u2066タロウ" in shown.stdout
    as_json = desk_app("lookup", "03-3211-9876", "--json", "--db", database_url)
    for character in RAW:
        assert character not in as_json.stdout
    # Escaped as JSON escapes: a script reading the object still gets the name as stored.
    (match,) = as_json.json()["customers"]
    assert (match["name"], match["name_kana"]) == (HOSTILE_NAME, HOSTILE_KANA)
