"""No personal data in the application log: a realistic run of the real program at DEBUG, then every phone
number, name, customer number and e-mail of the customers it touched is looked for in the log file."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, select

from desk_app.storage.models import CallRecord, Customer, Phone
from tests.support.callerid_processes import MonitorProcess, wait_until
from tests.support.desk_process import DeskWithCti

TOKEN = "log-T0ken"


def _customers(database_url: str, count: int) -> list[tuple[Customer, list[Phone]]]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                select(Customer.id, Customer.customer_no, Customer.name, Customer.name_kana, Customer.email)
                .where(Customer.name.is_not(None))
                .order_by(Customer.id)
                .limit(count)
            ).all()
            phones = connection.execute(select(Phone.customer_id, Phone.raw, Phone.e164)).all()
    finally:
        engine.dispose()
    return [(row, [p for p in phones if p.customer_id == row.id]) for row in rows]  # type: ignore[misc]


def _forbidden(customer: object, phones: list[object]) -> set[str]:
    """Every form in which this customer's details could leak."""
    words = {customer.customer_no, customer.name, customer.name.replace(" ", "").replace("\u3000", "")}  # type: ignore[attr-defined]
    if customer.name_kana:  # type: ignore[attr-defined]
        words.add(customer.name_kana)  # type: ignore[attr-defined]
    if customer.email:  # type: ignore[attr-defined]
        words.add(customer.email)  # type: ignore[attr-defined]
    for phone in phones:
        digits = "".join(ch for ch in phone.raw if ch.isdigit())  # type: ignore[attr-defined]
        words |= {phone.raw, phone.e164, phone.e164.lstrip("+"), digits}  # type: ignore[attr-defined]
    return {word for word in words if word}


def test_a_day_at_the_desk_at_debug_level_logs_no_personal_data(
    desk_app, database_url: str, tmp_path: Path
) -> None:
    log = tmp_path / "desk.log"
    env = {"DESK_APP_LOG": str(log), "DESK_APP_LOG_LEVEL": "DEBUG"}
    assert desk_app("demo-data", "--customers", "30", "--db", database_url, env=env).returncode == 0
    touched = _customers(database_url, 4)
    numbers = [phones[0].raw for _customer, phones in touched]  # type: ignore[attr-defined]

    # Headless: a lookup by phone, printed on stdout (where it belongs) but not logged.
    for number in numbers[:2]:
        found = desk_app("lookup", number, "--db", database_url, env=env)
        assert found.returncode == 0, found.stderr

    # The caller-ID monitor, rung by `desk-app ring` and by a PBX's posts.
    monitor = MonitorProcess(
        tmp_path, "--cti", "127.0.0.1:0", "--cti-token", TOKEN, "--json", "--max-events", "2"
    )
    try:
        monitor.wait_for_stderr("listening")
        port = (
            next(line for line in monitor.stderr_lines if "listening" in line)
            .split("127.0.0.1:")[1]
            .split()[0]
        )
        rung = desk_app("ring", numbers[2], "--cti", f"127.0.0.1:{port}", "--token", TOKEN, env=env)
        assert rung.returncode == 0, rung.stderr
        monitor.next_event()
    finally:
        monitor.kill()

    # The window, offscreen, signed in: calls from customers ring in over CTI, pop their records, end.
    desk = DeskWithCti(tmp_path, database_url, TOKEN, **env)
    try:
        for index, number in enumerate(numbers):
            call = {"from": number, "to": "0120000000", "direction": "in", "callId": f"log-{index}"}
            assert desk.post({"event": "newCall", **call}) == 200
            assert desk.post({"event": "answer", "user[]": "demo", **call}) == 200
            assert desk.post({"event": "hangup", "cause": "normalClearing", **call}) == 200
        engine = create_engine(database_url)
        try:

            def all_recorded() -> bool:
                with engine.connect() as connection:
                    ended = connection.execute(
                        select(CallRecord.id).where(
                            CallRecord.call_id.like("log-%"), CallRecord.ended_at.is_not(None)
                        )
                    ).all()
                return len(ended) == len(numbers)

            wait_until(all_recorded, 60, "the desk to record every call")
        finally:
            engine.dispose()
    finally:
        desk.stop()

    text = log.read_text(encoding="utf-8")
    assert "desk_app" in text or "ui." in text, "the run should have logged something at DEBUG"
    leaks = {word for customer, phones in touched for word in _forbidden(customer, phones) if word in text}
    assert not leaks, f"personal data in the log: {sorted(leaks)}"
