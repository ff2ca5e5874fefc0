"""The access log: every view and change of a customer's data, by whom and when (APPI Art. 23)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from desk_app.storage.models import AccessAction, AccessLogEntry


def record_access(
    session: Session,
    *,
    agent_id: int | None,
    action: AccessAction,
    customer_ids: list[int] | tuple[int, ...],
    detail: str = "",
    case_id: int | None = None,
    call_id: int | None = None,
    now: dt.datetime | None = None,
) -> None:
    """Add one entry per customer to the caller's session; committed with the caller's unit of work.

    `detail` says what was looked at ("lookup result", "record panel"), never the data itself.
    """
    at = now or dt.datetime.now(dt.UTC)
    session.add_all(
        AccessLogEntry(
            at=at,
            agent_id=agent_id,
            customer_id=customer_id,
            case_id=case_id,
            call_id=call_id,
            action=action,
            detail=detail,
        )
        for customer_id in customer_ids
    )
