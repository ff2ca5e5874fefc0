"""The core's enumerations in words for the agent, in the window's language.

The words themselves live in the core (`desk_app.domain.messages.labels`), one table the command line shares;
these names are what the panes call.
"""

from __future__ import annotations

import enum

from desk_app.domain.enums import (
    CallState,
    CaseKind,
    CaseState,
    ClockPaused,
    ComplaintCategory,
    LetterKind,
    OrderChannel,
    PauseReason,
    PhoneKind,
    ProvisionBasis,
    RefusalGround,
    ReportChannel,
    SearchKind,
    SourceState,
)
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.domain.messages.labels import enum_label
from ui.common.translations import window_language


def label(member: enum.Enum) -> str:
    return enum_label(member, window_language())


def phone_kind_label(kind: PhoneKind | None) -> str:
    return "" if kind is None else label(kind)


def call_state_label(state: CallState) -> str:
    return label(state)


def source_state_label(state: SourceState) -> str:
    return label(state)


def order_channel_label(channel: OrderChannel) -> str:
    return label(channel)


def provision_basis_label(basis: ProvisionBasis) -> str:
    return label(basis)


def case_kind_label(kind: CaseKind) -> str:
    return label(kind)


def letter_kind_label(kind: LetterKind) -> str:
    return label(kind)


def refusal_ground_label(ground: RefusalGround) -> str:
    """The ground as the agent chooses it, with the article the letter cites."""
    return label(ground)


def case_state_label(state: CaseState) -> str:
    return label(state)


def search_kind_label(kind: SearchKind) -> str:
    return label(kind)


def complaint_category_label(category: ComplaintCategory) -> str:
    return label(category)


def report_channel_label(channel: ReportChannel) -> str:
    return label(channel)


def identity_method_label(method: IdentityMethod) -> str:
    return label(method)


def pause_reason_label(reason: PauseReason) -> str:
    """What the desk waits for from the customer while a case's clock is paused."""
    return label(reason)


def days_left_text(days: int | ClockPaused | None) -> str:
    """Days left as the panes show them: a count, "paused" (一時停止中) while the clock is, or nothing."""
    if days is None:
        return ""
    return label(days) if isinstance(days, ClockPaused) else str(days)
