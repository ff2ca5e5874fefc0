"""The caller log as a table: time in Japan, number or reason, customer, who answered, duration, state."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from desk_app.domain.enums import CallState, NoNumberReason
from desk_app.services.customers.calls import CallSummary
from ui.common.enum_labels import call_state_label
from ui.common.japan_time import date_time_text, duration_text, short_date_time_text
from ui.common.value_table_model import RIGHT, Column, RowLook, ValueTableModel

# The state comes before who answered and for how long: a narrow dock still shows what matters.
TIME, CALLER, CUSTOMER, STATE, AGENT, DURATION = range(6)
MISSED_LOOK = RowLook(foreground="#a50e0e", background="#fde7e9", bold=True)
RINGING_LOOK = RowLook(background="#fff4ce", bold=True)


def short_reason_text(reason: NoNumberReason) -> str:
    """The reason in a word or two and Number Display's Japanese name: the log is a narrow column."""
    texts = {
        NoNumberReason.WITHHELD: QCoreApplication.translate("CallLogModel", "Withheld (非通知)"),
        NoNumberReason.OUT_OF_AREA: QCoreApplication.translate("CallLogModel", "Out of area (表示圏外)"),
        NoNumberReason.PUBLIC_PHONE: QCoreApplication.translate("CallLogModel", "Public phone (公衆電話)"),
        NoNumberReason.SERVICE_CONFLICT: QCoreApplication.translate(
            "CallLogModel", "Conflict (サービス競合)"
        ),
        NoNumberReason.ERROR: QCoreApplication.translate("CallLogModel", "Error (受信エラー)"),
    }
    return texts.get(reason, str(reason))


def caller_words(call: CallSummary) -> str:
    """The number as agents read it, or why there was none."""
    if call.number_display:
        return call.number_display
    if call.reason is not None:
        return short_reason_text(call.reason)
    return QCoreApplication.translate("CallLogModel", "No number")


def call_look(call: CallSummary) -> RowLook | None:
    if call.state is CallState.MISSED:
        return MISSED_LOOK
    if call.state is CallState.RINGING:
        return RINGING_LOOK
    return None


def call_columns() -> list[Column[CallSummary]]:
    return [
        Column(
            QCoreApplication.translate("CallLogModel", "Time"),
            lambda call: short_date_time_text(call.started_at),
            tooltip=_time_tooltip,
        ),
        Column(
            QCoreApplication.translate("CallLogModel", "Caller"),
            caller_words,
            tooltip=lambda call: call.line or "",
        ),
        Column(
            QCoreApplication.translate("CallLogModel", "Customer"),
            lambda call: call.customer_name or "",
            tooltip=lambda call: call.customer_no or "",
        ),
        Column(
            QCoreApplication.translate("CallLogModel", "State"), lambda call: call_state_label(call.state)
        ),
        Column(
            QCoreApplication.translate("CallLogModel", "Agent"),
            lambda call: call.answered_by or "",
            tooltip=lambda call: QCoreApplication.translate("CallLogModel", "Answered by the agent"),
        ),
        Column(
            QCoreApplication.translate("CallLogModel", "Talk"),
            lambda call: duration_text(call.duration_seconds),
            RIGHT,
            tooltip=lambda call: QCoreApplication.translate(
                "CallLogModel", "Talk time, from answer to hang-up"
            ),
        ),
    ]


def _time_tooltip(call: CallSummary) -> str:
    return QCoreApplication.translate("CallLogModel", "Rang at %1 (Japan time)").replace(
        "%1", date_time_text(call.started_at)
    )


class CallLogModel(ValueTableModel[CallSummary]):
    """Newest first; missed calls in red and bold, calls still ringing in yellow."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(call_columns(), parent, key=lambda call: call.call_row_id, look=call_look)
