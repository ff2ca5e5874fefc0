"""Script drafts in the database: saved after every step, resumed after a crash or restart.

A draft's answers can hold what a caller said about themselves: each function takes the agent through
the gate (`agents.require_active`), so a disabled agent neither reads nor writes one.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desk_app.scripts.progress import ScriptDraft
from desk_app.services.agents import require_active
from desk_app.storage.models import ScriptDraftRow


def save_draft(
    session: Session, *, agent_id: int, draft_key: str, draft: ScriptDraft, now: dt.datetime | None = None
) -> None:
    """Store `draft` as this agent's draft for `draft_key`, replacing the one before."""
    require_active(session, agent_id)
    row = session.scalars(
        select(ScriptDraftRow).where(
            ScriptDraftRow.agent_id == agent_id, ScriptDraftRow.draft_key == draft_key
        )
    ).one_or_none()
    if row is None:
        row = ScriptDraftRow(agent_id=agent_id, draft_key=draft_key)
        session.add(row)
    row.script_id = draft.script_id
    row.script_version = draft.version
    row.current_step = draft.current_step
    row.answers = dict(draft.answers)
    row.updated_at = now or dt.datetime.now(dt.UTC)
    session.flush()


def load_draft(session: Session, *, agent_id: int, draft_key: str) -> ScriptDraft | None:
    require_active(session, agent_id)
    row = session.scalars(
        select(ScriptDraftRow).where(
            ScriptDraftRow.agent_id == agent_id, ScriptDraftRow.draft_key == draft_key
        )
    ).one_or_none()
    if row is None:
        return None
    return ScriptDraft(
        script_id=row.script_id,
        version=row.script_version,
        current_step=row.current_step,
        answers=dict(row.answers),
    )


def open_drafts(session: Session, *, agent_id: int) -> tuple[str, ...]:
    """The keys of this agent's unfinished scripts, newest first: what to offer to resume at sign-in."""
    require_active(session, agent_id)
    return tuple(
        session.scalars(
            select(ScriptDraftRow.draft_key)
            .where(ScriptDraftRow.agent_id == agent_id)
            .order_by(ScriptDraftRow.updated_at.desc(), ScriptDraftRow.id.desc())
        )
    )


def discard_draft(session: Session, *, agent_id: int, draft_key: str) -> None:
    """Forget the draft once its script has finished or been cancelled."""
    require_active(session, agent_id)
    session.execute(
        delete(ScriptDraftRow).where(
            ScriptDraftRow.agent_id == agent_id, ScriptDraftRow.draft_key == draft_key
        )
    )
