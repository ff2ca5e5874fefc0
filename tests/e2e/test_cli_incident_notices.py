"""`desk-app incidents notices` as a real process: counts printed (JSON on request), exit 0; an unknown
incident exit 2, a person not allowed exit 1; the print room's `letters batch --ready` then writes the
notices with the case letters."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.storage.engine import make_engine, session_factory
from desk_app.storage.migrate import upgrade
from desk_app.storage.models import Customer, Letter
from tests.support.credentials import PASSWORD, set_password
from tests.support.incident_notices import TITLE, IncidentDesk
from tests.support.letter_cases import pdf_text


@pytest.fixture
def database(database_url: str) -> Iterator[tuple[str, Engine, sessionmaker[Session]]]:
    engine = make_engine(database_url)
    upgrade(engine)
    yield database_url, engine, session_factory(engine)
    engine.dispose()


@pytest.fixture
def desk(database: tuple[str, Engine, sessionmaker[Session]]) -> IncidentDesk:
    desk = IncidentDesk(database[2])
    set_password(desk.sessions, "supervisor")
    set_password(desk.sessions, "agent")
    return desk


def _letters(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(Letter)) or 0


def test_notices_are_made_once_counted_and_written_out_by_the_print_room(
    desk_app, database, desk, tmp_path
) -> None:
    url, _engine, sessions = database
    made = desk.affected(addressed=2, erased=1, deceased=1, no_address=1)
    with sessions() as session:
        unaddressed = session.get_one(Customer, made["no_address"][0]).customer_no
    command = (
        "incidents",
        "notices",
        desk.incident_no,
        "--as",
        "supervisor",
        "--password-stdin",
        "--db",
        url,
    )
    completed = desk_app(*command, input=PASSWORD + "\n")
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == (
        f"incident {desk.incident_no}: 2 notices made (0 made before); 3 customers skipped: 1 erased,"
        " 1 deceased, 1 with no postal address (the public announcement reaches them instead)"
    )
    again = desk_app(*command, "--json", input=PASSWORD + "\n")
    assert again.returncode == 0, again.stderr
    assert again.json() == {
        "incident": desk.incident_no,
        "made": 0,
        "already": 2,
        "skipped": 3,
        "erased": 1,
        "deceased": 1,
        "no_address": 1,
        "no_address_customers": [unaddressed],
    }
    assert _letters(sessions) == 2
    out = tmp_path / "batch"
    batch = desk_app("letters", "batch", "--ready", "--out", str(out), "--json", "--db", url)
    assert batch.returncode == 0, batch.stderr
    written = batch.json()
    assert [(record["case_no"], record["kind"], record["delivery"]) for record in written] == [
        (desk.incident_no, "leak_notice", "letter")
    ] * 2
    files = sorted(out.iterdir())
    assert [path.name.rsplit("-", 1)[0] for path in files] == [f"{desk.incident_no}-leak_notice"] * 2
    texts = [pdf_text(path.read_bytes()) for path in files]
    assert all(TITLE in text for text in texts)
    # One to each addressed customer (the desk's sample names them 顧客 0号, 顧客 1号).
    assert sorted(text.split("様")[0][-4:] for text in texts) == ["顧客0号", "顧客1号"]
    # Each marked printed, as the batch marks every letter it writes.
    with sessions() as session:
        printed = session.scalars(select(Letter.printed_at)).all()
    assert all(at is not None for at in printed)


def test_an_unknown_incident_is_a_usage_mistake_and_an_agent_is_refused(desk_app, database, desk) -> None:
    url, _engine, sessions = database
    desk.affected(addressed=1)
    unknown = desk_app(
        "incidents", "notices", "2026-L404", "--as", "supervisor", "--password-stdin", "--db", url,
        input=PASSWORD + "\n",
    )  # fmt: skip
    assert unknown.returncode == 2
    assert unknown.stderr.strip() == "desk-app: there is no incident 2026-L404"
    assert unknown.stdout == ""
    refused = desk_app(
        "incidents", "notices", desk.incident_no, "--as", "agent", "--password-stdin", "--db", url,
        input=PASSWORD + "\n",
    )  # fmt: skip
    assert refused.returncode == 1
    assert "only a supervisor or an administrator" in refused.stderr
    wrong = desk_app(
        "incidents", "notices", desk.incident_no, "--as", "supervisor", "--password-stdin", "--db", url,
        input="not the password\n",
    )  # fmt: skip
    assert wrong.returncode == 1
    assert _letters(sessions) == 0
