"""Messages about a case's paused clock — pausing, resuming, the timeline and the database check — in English
and Japanese."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- pausing and resuming -----------------------------------------------------------------------------
    "case.what.pause": ("pause or resume the clock of", "期限の一時停止・再開"),
    "pause.already_paused": (
        "case {case_no} is already paused, waiting for {reason}",
        "案件 {case_no} はすでに一時停止中です（{reason}待ち）",
    ),
    "pause.not_paused": (
        "case {case_no} is not paused: its clock is running",
        "案件 {case_no} は一時停止していません（期限は進行中です）",
    ),
    "pause.awaiting_approval": (
        "case {case_no} awaits a supervisor's decision: the desk is awaited, not the customer",
        "案件 {case_no} は責任者の判断待ちです。お客様ではなく当社の対応待ちのため、一時停止できません",
    ),
    "pause.needs_reason": (
        "choose what the desk waits for: {reasons:code}",
        "何を待っているかを選んでください（{reasons}）",
    ),
    # --- the case's timeline ------------------------------------------------------------------------------
    "event.paused": (
        "Clock paused, waiting for {reason}{how}{note}",
        "期限を一時停止（{reason}待ち）{how}{note}",
    ),
    "event.paused_by_fee": (" when the fee was requested", "（手数料の請求による）"),
    "event.resumed": (
        "Clock running again after {days} days paused ({reason}): due {due_on}{how}{note}",
        "期限の一時停止を解除（{reason}待ち、停止 {days} 日）: 期限 {due_on}{how}{note}",
    ),
    "event.resumed_fee_settled": (" — the fee was settled", " — 手数料の受領・免除による"),
    "event.resumed_closed": (" — the case closed", " — 案件の終了による"),
    # --- the database check (doctor) ----------------------------------------------------------------------
    "doctor.check.pauses": ("pauses", "期限の一時停止"),
    "doctor.paused_twice": (
        "event {event} pauses a clock that is already paused",
        "イベント {event} で、一時停止中の期限をさらに一時停止しています",
    ),
    "doctor.resumed_unpaused": (
        "event {event} resumes a clock that was not paused",
        "イベント {event} で、一時停止していない期限を再開しています",
    ),
    "doctor.resume_days": (
        "event {event} moves the due date {days} days, but the pause spanned {spanned}",
        "イベント {event} で期限を {days} 日延ばしていますが、一時停止は {spanned} 日です",
    ),
    "doctor.due_moved_from": (
        "event {event} moves the due date from {before}, but it was {due_on}",
        "イベント {event} は期限を {before} から動かしていますが、その時の期限は {due_on} です",
    ),
    "doctor.due_on": (
        "is due {due_on}, but its events make it {replayed}",
        "期限は {due_on} ですが、イベントからは {replayed} になります",
    ),
    "doctor.closed_paused": (
        "is {state:code} with its clock still paused",
        "「{state}」ですが、期限が一時停止したままです",
    ),
    # --- the case row against its events (audit) ----------------------------------------------------------
    "replay.pause_unmade": (
        "is marked paused, but its events leave the clock running",
        "一時停止中と記録されていますが、イベントでは期限は進行中です",
    ),
    "replay.pause_gone": (
        "its events leave the clock paused, but the case is not marked paused",
        "イベントでは一時停止中ですが、案件に一時停止の記録がありません",
    ),
    "replay.pause_differs": (
        "its pause is not the one its events made",
        "一時停止の記録がイベントと一致しません",
    ),
}
