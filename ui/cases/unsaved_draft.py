"""A script's draft the database could not take, kept by the Case tab and sent again."""

from __future__ import annotations

from dataclasses import dataclass

from desk_app.scripts.progress import ScriptDraft
from desk_app.services.database import DatabaseProblem

# A draft save that met one of these is kept and sent again: the database will be back.
PASSING_PROBLEMS = frozenset({DatabaseProblem.UNREACHABLE, DatabaseProblem.CANNOT_OPEN, DatabaseProblem.BUSY})


@dataclass(frozen=True)
class UnsavedDraft:
    """`number` orders the drafts: a newer one holds every answer an older one had."""

    number: int
    case_id: int
    agent_id: int
    draft: ScriptDraft
