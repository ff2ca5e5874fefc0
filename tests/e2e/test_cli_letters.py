"""`desk-app letters render` and `letters batch --ready` as real processes: files, lines, exit codes."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import AccessAction, CaseKind, CaseState
from desk_app.services.cases import operations as case_operations
from desk_app.services.cases.letter_views import MailMethod
from desk_app.services.cases.letters import generate_letter, mark_mailed
from desk_app.storage.engine import make_engine, session_factory
from desk_app.storage.migrate import upgrade
from desk_app.storage.models import AccessLogEntry, CaseEvent, Letter
from tests.support.credentials import set_password
from tests.support.letter_cases import COMPANY, NOW, TODAY, LetterCases, Purchase


@pytest.fixture
def database(database_url: str) -> Iterator[tuple[str, Engine, sessionmaker[Session]]]:
    engine = make_engine(database_url)
    upgrade(engine)
    yield database_url, engine, session_factory(engine)
    engine.dispose()


@pytest.fixture
def desk(database: tuple[str, Engine, sessionmaker[Session]]) -> LetterCases:
    return LetterCases(database[2])


def _text(pdf: bytes) -> str:
    return "".join("".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def _letters(sessions: sessionmaker[Session]) -> list[tuple[int, int, str]]:
    with sessions() as session:
        return [tuple(row) for row in session.execute(select(Letter.id, Letter.case_id, Letter.sha256))]  # type: ignore[misc]


def test_render_makes_the_letter_once_and_writes_the_stored_pdf(desk_app, database, desk, tmp_path) -> None:
    url, _engine, sessions = database
    customer = desk.customer(purchases=(Purchase("T2026-0042", (("布団乾燥機", 1),), 19800),))
    case_no = desk.case_no(desk.disclosure(customer))
    out = tmp_path / "out" / "letter.pdf"
    completed = desk_app("letters", "render", "--case", case_no, "--out", str(out), "--db", url)
    assert completed.returncode == 0, completed.stderr
    pdf = out.read_bytes()
    digest = hashlib.sha256(pdf).hexdigest()
    assert completed.stdout.strip() == f"wrote {out} (disclosure, {len(pdf):,} bytes, sha256 {digest})"
    text = _text(pdf)
    for expected in ("山田花子", "〒150-0001", "東京都渋谷区神宮前1-2-3", "T2026-0042", "¥404"):
        assert expected in text, expected
    (stored,) = _letters(sessions)
    assert stored[2] == digest
    # Again: the letter on file, byte for byte; nothing new is made.
    again = desk_app(
        "letters", "render", "--case", case_no, "--out", str(tmp_path / "again.pdf"), "--db", url
    )
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "again.pdf").read_bytes() == pdf
    assert _letters(sessions) == [stored]
    as_json = desk_app(
        "letters", "render", "--case", case_no, "--out", str(tmp_path / "j.pdf"), "--json", "--db", url
    )
    payload = as_json.json()
    assert payload["sha256"] == digest
    assert payload["generated"] is False
    assert (payload["kind"], payload["case_no"], payload["delivery"]) == ("disclosure", case_no, "letter")
    with sessions() as session:
        logged = session.execute(
            select(AccessLogEntry.agent_id, AccessLogEntry.customer_id).where(
                AccessLogEntry.action == AccessAction.PRINT
            )
        ).all()
    assert logged == [(None, customer)] * 3


def test_render_writes_the_fee_notice_while_the_fee_is_awaited_then_the_answer(
    desk_app, database, desk, tmp_path
) -> None:
    url, _engine, sessions = database
    case_id = desk.fee_requested(desk.customer())
    case_no = desk.case_no(case_id)
    notice = tmp_path / "notice.pdf"
    completed = desk_app("letters", "render", "--case", case_no, "--out", str(notice), "--db", url)
    assert completed.returncode == 0, completed.stderr
    assert "(fee_payment_notice," in completed.stdout
    assert "手数料のご案内" in _text(notice.read_bytes())
    batch = desk_app("letters", "batch", "--ready", "--out", str(tmp_path / "batch"), "--db", url)
    assert batch.returncode == 0, batch.stderr
    assert [path.name.split("-")[2] for path in (tmp_path / "batch").iterdir()] == ["fee_payment_notice"]
    with sessions.begin() as session:
        (letter_id,) = [row[0] for row in _letters(sessions)]
        mark_mailed(session, [letter_id], agent_id=desk.agent, method=MailMethod.ORDINARY, on=TODAY, now=NOW)
    # The fee came after the notice was posted: the answer is made, not the notice written again.
    with sessions.begin() as session:
        case_operations.record_fee(
            session,
            case_id,
            agent_id=desk.agent,
            status=case_operations.FeeStatus.RECEIVED,
            method="定額小為替",
            on=TODAY,
            now=NOW,
        )
    answer = tmp_path / "answer.pdf"
    completed = desk_app("letters", "render", "--case", case_no, "--out", str(answer), "--db", url)
    assert completed.returncode == 0, completed.stderr
    assert "(disclosure," in completed.stdout


def test_render_names_the_agent_a_new_letter_is_made_by_once_authenticated(
    desk_app, database, desk, tmp_path
) -> None:
    url, _engine, sessions = database
    case_id = desk.suspension(desk.customer())
    out = tmp_path / "s.pdf"
    render = ("letters", "render", "--case", desk.case_no(case_id), "--out", str(out), "--db", url)
    # `--agent` is no longer taken on trust: without the agent's password or token nothing is made.
    unproven = desk_app(*render, "--agent", "printroom")
    assert unproven.returncode == 2
    assert "--password-stdin" in unproven.stderr
    password = set_password(sessions, "printroom")
    wrong = desk_app(*render, "--agent", "printroom", "--password-stdin", input="not-the-password\n")
    assert wrong.returncode == 2
    assert "printroom: wrong login or password" in wrong.stderr
    assert _letters(sessions) == []
    assert not out.exists()

    completed = desk_app(*render, "--agent", "printroom", "--password-stdin", input=password + "\n")
    assert completed.returncode == 0, completed.stderr
    assert "(mailing_stopped," in completed.stdout
    with sessions() as session:
        assert session.scalar(select(Letter.created_by_id)) == desk.agents["printroom"]
        printed_by = session.scalars(
            select(AccessLogEntry.agent_id).where(AccessLogEntry.action == AccessAction.PRINT)
        ).all()
    assert printed_by == [desk.agents["printroom"]]
    # Naming someone means proving it, letter on file or not.
    again = ("letters", "render", "--case", desk.case_no(case_id), "--out", str(tmp_path / "s-again.pdf"))
    unknown = desk_app(*again, "--db", url, "--agent", "nobody", "--password-stdin", input="guess-12345\n")
    assert unknown.returncode == 2
    assert "nobody: wrong login or password" in unknown.stderr


def test_render_without_an_agent_acts_as_no_one_and_says_so(desk_app, database, desk, tmp_path) -> None:
    url, _engine, sessions = database
    case_id = desk.suspension(desk.customer())
    completed = desk_app(
        "letters", "render", "--case", desk.case_no(case_id), "--out", str(tmp_path / "s.pdf"), "--db", url
    )
    assert completed.returncode == 0, completed.stderr
    with sessions() as session:
        made = session.scalars(select(CaseEvent).where(CaseEvent.kind == "letter_generated")).one()
        printed = session.scalars(
            select(AccessLogEntry).where(AccessLogEntry.action == AccessAction.PRINT)
        ).one()
    # In the name of whoever decided the case, and recorded as made by a command acting as no one.
    assert made.detail["headless"] is True
    assert made.agent_id == desk.agent
    assert printed.agent_id is None
    assert printed.detail.startswith("headless, no one signed in: letter ")


def test_era_dates_a_new_letter_and_is_refused_out_loud_for_one_on_file(
    desk_app, database, desk, tmp_path
) -> None:
    url, _engine, _sessions = database
    # A letter made now with --era is dated in the era throughout.
    fresh = desk.case_no(desk.suspension(desk.customer()))
    era = desk_app(
        "letters",
        "render",
        "--case",
        fresh,
        "--out",
        str(tmp_path / "era.pdf"),
        "--era",
        "--json",
        "--db",
        url,
    )
    assert era.returncode == 0, era.stderr
    assert era.stderr == ""
    assert (era.json()["generated"], era.json()["era_ignored"]) == (True, False)
    assert "令和8年" in _text((tmp_path / "era.pdf").read_bytes())

    # A letter already on file is the record: --era hands it back unchanged and says so.
    case_no = desk.case_no(desk.suspension(desk.customer(name="佐藤 次郎", name_kana="サトウ ジロウ")))
    first = desk_app(
        "letters", "render", "--case", case_no, "--out", str(tmp_path / "first.pdf"), "--db", url
    )
    assert first.returncode == 0, first.stderr
    stored = (tmp_path / "first.pdf").read_bytes()
    assert "令和" not in _text(stored)
    again = desk_app(
        "letters", "render", "--case", case_no, "--out", str(tmp_path / "again.pdf"), "--era", "--db", url
    )
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "again.pdf").read_bytes() == stored
    assert again.stdout.startswith(f"wrote {tmp_path / 'again.pdf'} (mailing_stopped,")
    (warning,) = again.stderr.splitlines()
    assert warning.startswith(f"desk-app: --era not applied: case {case_no} already has letter ")
    assert "written as it was made" in warning
    as_json = desk_app(
        "letters",
        "render",
        "--case",
        case_no,
        "--out",
        str(tmp_path / "j.pdf"),
        "--era",
        "--json",
        "--db",
        url,
    )
    assert (as_json.json()["generated"], as_json.json()["era_ignored"]) == (False, True)
    assert as_json.stderr.startswith("desk-app: --era not applied")
    # Without --era nothing is said.
    plain = desk_app(
        "letters", "render", "--case", case_no, "--out", str(tmp_path / "p.pdf"), "--json", "--db", url
    )
    assert plain.stderr == ""
    assert plain.json()["era_ignored"] is False


def test_render_exits_1_without_a_case_or_a_letter(desk_app, database, desk, tmp_path) -> None:
    url, _engine, sessions = database
    out = tmp_path / "none.pdf"
    missing = desk_app("letters", "render", "--case", "2026-999999", "--out", str(out), "--db", url)
    assert missing.returncode == 1
    assert missing.stderr.strip() == "desk-app: no case 2026-999999"
    open_case = desk.case_no(desk.verified(CaseKind.DISCLOSURE, desk.customer()))
    undecided = desk_app("letters", "render", "--case", open_case, "--out", str(out), "--db", url)
    assert undecided.returncode == 1
    assert undecided.stderr.startswith(f"desk-app: no letter for case {open_case}: ")
    assert "Traceback" not in undecided.stderr
    assert not out.exists()
    assert _letters(sessions) == []


def test_render_exits_2_when_the_file_cannot_be_written(desk_app, database, desk, tmp_path) -> None:
    url, _engine, sessions = database
    case_no = desk.case_no(desk.suspension(desk.customer()))
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    completed = desk_app("letters", "render", "--case", case_no, "--out", str(blocker / "x.pdf"), "--db", url)
    assert completed.returncode == 2
    assert completed.stderr.startswith(f"desk-app: cannot write {blocker / 'x.pdf'}")
    # Nothing was kept: the letter is made again, whole, when the folder is fixed.
    assert _letters(sessions) == []


def test_batch_writes_every_letter_waiting_and_marks_them_printed(desk_app, database, desk, tmp_path) -> None:
    url, _engine, sessions = database
    first = desk.customer()
    second = desk.customer(name="佐藤 次郎", name_kana="サトウ ジロウ", email="jiro@example.jp")
    cases = [
        desk.disclosure(first),
        desk.disclosure(second, electronic=True),
        desk.suspension(second),
        desk.refusal(first, "ご本人確認ができなかったため"),
    ]
    with sessions.begin() as session:
        made = [
            generate_letter(session, case_id, agent_id=desk.agent, company=COMPANY, now=NOW)
            for case_id in cases
        ]
        mark_mailed(session, [made[2].letter_id], agent_id=desk.agent, method=MailMethod.ORDINARY, on=TODAY)
    waiting = [made[n] for n in (0, 1, 3)]
    out = tmp_path / "print-run"
    completed = desk_app("letters", "batch", "--ready", "--out", str(out), "--db", url)
    assert completed.returncode == 0, completed.stderr
    names = [f"{letter.case_no}-{letter.kind.value}-{letter.letter_id}.pdf" for letter in waiting]
    assert sorted(path.name for path in out.iterdir()) == sorted(names)
    lines = completed.stdout.splitlines()
    assert len(lines) == len(waiting) + 1
    for line, name, letter in zip(lines[:-1], names, waiting, strict=True):
        assert line.startswith(f"wrote {out / name} ({letter.kind.value}, {letter.size_bytes:,} bytes")
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == letter.sha256
    assert "electronic" in lines[1]
    assert lines[-1].startswith(f"3 letters, {sum(letter.size_bytes for letter in waiting):,} bytes written")
    assert "(2 to post, 1 to send electronically)" in lines[-1]
    assert "佐藤次郎" in _text((out / names[1]).read_bytes())
    with sessions() as session:
        printed = dict(session.execute(select(Letter.id, Letter.printed_at)).all())
        actions = session.execute(
            select(AccessLogEntry.action, func.count())
            .where(AccessLogEntry.agent_id.is_(None))
            .group_by(AccessLogEntry.action)
        ).all()
    assert {letter_id for letter_id, at in printed.items() if at} == {letter.letter_id for letter in waiting}
    assert dict(actions) == {AccessAction.PRINT: 2, AccessAction.EXPORT: 1}

    as_json = desk_app("letters", "batch", "--ready", "--out", str(tmp_path / "again"), "--json", "--db", url)
    assert as_json.returncode == 0, as_json.stderr
    payload = as_json.json()
    assert [record["letter_id"] for record in payload] == [letter.letter_id for letter in waiting]
    assert list(payload[0]) == ["file", "letter_id", "case_no", "kind", "bytes", "sha256", "delivery"]
    assert [record["delivery"] for record in payload] == ["letter", "electronic", "letter"]


def test_batch_with_nothing_waiting_writes_nothing(desk_app, database, tmp_path) -> None:
    url, _engine, _sessions = database
    completed = desk_app("letters", "batch", "--ready", "--out", str(tmp_path / "empty"), "--db", url)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip().startswith("0 letters, 0 bytes written")
    assert list((tmp_path / "empty").iterdir()) == []
    as_json = desk_app("letters", "batch", "--ready", "--out", str(tmp_path / "empty"), "--json", "--db", url)
    assert as_json.json() == []
    needs_ready = desk_app("letters", "batch", "--out", str(tmp_path / "empty"), "--db", url)
    assert needs_ready.returncode == 2


def test_batch_never_prints_a_void_or_held_letter(desk_app, database, desk, tmp_path) -> None:
    url, _engine, sessions = database
    customer = desk.customer()
    refused = desk.disclosure(customer, waive="生活保護受給のため", complete=False)
    pending = desk.disclosure(customer, waive="生活保護受給のため", complete=False)
    with sessions.begin() as session:
        made = {
            case_id: generate_letter(session, case_id, agent_id=desk.agent, company=COMPANY, now=NOW)
            for case_id in (refused, pending)
        }
    for case_id in (refused, pending):
        desk.propose_refusal(case_id, "第三者の権利利益を害するおそれ")
    desk.decide(refused, CaseState.REFUSED, "承認")
    with sessions.begin() as session:
        refusal = generate_letter(session, refused, agent_id=desk.agent, company=COMPANY, now=NOW)
    out = tmp_path / "print-run"
    completed = desk_app("letters", "batch", "--ready", "--out", str(out), "--db", url)
    assert completed.returncode == 0, completed.stderr
    # Only the refusal goes out: the refused case's disclosure is void, the other waits for its decision.
    assert sorted(path.name for path in out.iterdir()) == [
        f"{refusal.case_no}-refusal-{refusal.letter_id}.pdf"
    ]
    assert f"held letter {made[pending].letter_id} ({made[pending].case_no})" in completed.stderr
    assert str(made[refused].letter_id) not in completed.stderr
    again = desk_app(
        "letters", "render", "--case", made[pending].case_no, "--out", str(tmp_path / "p.pdf"), "--db", url
    )
    assert again.returncode == 1
    assert "held" in again.stderr
    assert not (tmp_path / "p.pdf").exists()
