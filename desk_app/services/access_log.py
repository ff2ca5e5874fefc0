"""The access log: every view and change of a customer's data, by whom and when (APPI Art. 23)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from desk_app.audit.append import append
from desk_app.audit.canonical import ACCESS_LOG
from desk_app.domain.enums import AccessAction
from desk_app.services.agents import require_active

DETAIL_LENGTH = 200
# What an entry without an agent says first: a headless command, run by no one who signed in.
NO_ONE = "headless, no one signed in: "


def record_access(
    session: Session,
    *,
    agent_id: int | None,
    action: AccessAction,
    customer_ids: Iterable[int | None],
    detail: str = "",
    case_id: int | None = None,
    call_id: int | None = None,
    now: dt.datetime | None = None,
) -> None:
    """Write one entry per customer in the caller's transaction; committed or rolled back with it.

    `detail` says what was looked at ("lookup result", "record panel"), never the data itself; a customer
    id of None is an entry about no one customer (an import's one summary entry,
    `desk_app.services.admin.imports`).
    An agent id passes the gate (`agents.require_active`: `AgentNotActive` for one unknown or disabled,
    and nothing is returned to them); None is a headless command acting as no one, and the entry says so
    (`NO_ONE` before the detail).
    The entries join the access log's audit chain (`desk_app.audit`): a Core insert built once, as every
    screen pop and search writes here and the ORM's unit of work would cost more than all the reads of a
    pop together.
    """
    if agent_id is not None:
        require_active(session, agent_id)
    else:
        detail = NO_ONE + detail
    at = now or dt.datetime.now(dt.UTC)
    rows: list[dict[str, Any]] = [
        {
            "at": at,
            "agent_id": agent_id,
            "customer_id": customer_id,
            "case_id": case_id,
            "call_id": call_id,
            "action": action,
            "detail": detail[:DETAIL_LENGTH],
        }
        for customer_id in customer_ids
    ]
    append(session, ACCESS_LOG, rows)
