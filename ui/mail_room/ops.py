"""The background work of the mail room: made from plain values, run by the runner in a session of its own,
returning frozen values (or a letter's stored bytes) and touching no widget. Every read of a letter is
logged with its purpose: a view, a print or an export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from desk_app.private_files import write_private_bytes
from desk_app.services.cases import letters
from desk_app.services.cases.letter_views import LetterRow, LetterView, MailMethod
from desk_app.services.database import Session
from ui.common.background import Work


def ready_letters() -> Work[tuple[LetterRow, ...]]:
    """Letters not yet mailed nor void, oldest first, each with why it is held, if it is."""

    def work(session: Session) -> tuple[LetterRow, ...]:
        return letters.ready_letters(session)

    return work


def letter_pdf(letter_id: int, *, agent_id: int, purpose: str) -> Work[bytes]:
    """The letter's stored PDF, byte for byte; read for `purpose` ("preview" or "print")."""

    def work(session: Session) -> bytes:
        return letters.letter_pdf(session, letter_id, agent_id=agent_id, purpose=purpose)

    return work


def export_letter(letter_id: int, *, agent_id: int, target: Path) -> Work[str]:
    """The letter's stored bytes written to `target` (owner-only, whole or not at all); the file's name."""

    def work(session: Session) -> str:
        pdf = letters.letter_pdf(session, letter_id, agent_id=agent_id, purpose="export")
        write_private_bytes(target, pdf)
        return target.name

    return work


def mark_printed(letter_ids: Sequence[int], *, agent_id: int) -> Work[tuple[LetterView, ...]]:
    def work(session: Session) -> tuple[LetterView, ...]:
        return letters.mark_printed(session, letter_ids, agent_id=agent_id)

    return work


def mark_mailed(
    letter_ids: Sequence[int], *, agent_id: int, method: MailMethod, on: dt.date
) -> Work[tuple[LetterView, ...]]:
    def work(session: Session) -> tuple[LetterView, ...]:
        return letters.mark_mailed(session, letter_ids, agent_id=agent_id, method=method, on=on)

    return work
