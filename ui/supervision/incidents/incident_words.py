"""How the register, its dialogs and the dashboard say an incident's categories, deadlines and reports.

A report is overdue when its last day has passed without it on file (the core's `IncidentSummary.overdue`),
and due soon within `SOON_DAYS` of its last day; both are said in words, never by colour alone.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from desk_app.domain.incidents import LeakCategory, ReportDeadlines, ReportKind
from desk_app.domain.messages import JAPANESE
from desk_app.services.incidents.register import IncidentSummary
from ui.common.enum_labels import label
from ui.common.translations import window_language

# A report due within this many days (today included) stands out.
SOON_DAYS = 2
OVERDUE_COLOUR = "#b00020"


class Due(enum.Enum):
    """Where one report of an incident stands today."""

    NOT_REPORTABLE = "not reportable"
    ON_FILE = "on file"
    OVERDUE = "overdue"
    SOON = "soon"
    LATER = "later"


def _list(words: Iterable[str]) -> str:
    return ("、" if window_language() == JAPANESE else ", ").join(words)


def categories_text(categories: Iterable[LeakCategory]) -> str:
    """The categories in the Rules' order, in words; "None" when no category applies."""
    chosen = frozenset(categories)
    words = [label(category) for category in LeakCategory if category in chosen]
    return _list(words) if words else QCoreApplication.translate("IncidentWords", "None")


def due(summary: IncidentSummary, kind: ReportKind, today: dt.date) -> Due:
    if summary.deadlines is None:
        return Due.NOT_REPORTABLE
    if summary.report(kind) is not None:
        return Due.ON_FILE
    if kind in summary.overdue:
        return Due.OVERDUE
    left = (summary.deadlines.due(kind) - today).days
    return Due.SOON if 0 <= left <= SOON_DAYS and not summary.closed else Due.LATER


def due_text(summary: IncidentSummary, kind: ReportKind, today: dt.date) -> str:
    """The last day of one report, and what it means today: "2026-12-07 overdue", "… (days left: 1)"."""
    standing = due(summary, kind, today)
    if summary.deadlines is None or standing is Due.NOT_REPORTABLE:
        return QCoreApplication.translate("IncidentWords", "Not reportable")
    day = summary.deadlines.due(kind)
    if standing is Due.OVERDUE:
        return QCoreApplication.translate("IncidentWords", "%1 overdue").replace("%1", day.isoformat())
    if standing is Due.SOON:
        left = (day - today).days
        if left == 0:
            return QCoreApplication.translate("IncidentWords", "%1 (due today)").replace(
                "%1", day.isoformat()
            )
        return (
            QCoreApplication.translate("IncidentWords", "%1 (days left: %2)")
            .replace("%1", day.isoformat())
            .replace("%2", str(left))
        )
    return day.isoformat()


def reports_text(summary: IncidentSummary) -> str:
    """Which reports are on file, in words."""
    if summary.deadlines is None:
        return "—"
    if not summary.reports:
        return QCoreApplication.translate("IncidentWords", "None yet")
    return _list(label(report.kind) for report in summary.reports)


def announcement_text(summary: IncidentSummary) -> str:
    """The public announcement on record, in words, or nothing."""
    if summary.published_on is None:
        return ""
    return (
        QCoreApplication.translate("IncidentWords", "Publicly announced on %1: %2")
        .replace("%1", summary.published_on.isoformat())
        # What a person typed goes in last, so a "%" in it is never taken for a place to fill.
        .replace("%2", summary.publication)
    )


def reports_detail(summary: IncidentSummary) -> str:
    """Each report on file with its day and the Commission's reference (the cell's tooltip)."""
    return "\n".join(
        QCoreApplication.translate("IncidentWords", "%1: submitted %2, reference %3 (recorded by %4)")
        .replace("%1", label(report.kind))
        .replace("%2", report.submitted_on.isoformat())
        .replace("%4", report.recorded_by)
        # What a person typed goes in last, so a "%" in it is never taken for a place to fill.
        .replace("%3", report.reference)
        for report in summary.reports
    )


def next_report(summary: IncidentSummary) -> ReportKind | None:
    """The report that may be recorded next (the preliminary before the final), if any is owed."""
    outstanding = summary.outstanding()
    return outstanding[0] if outstanding and not summary.closed else None


def deadlines_text(deadlines: ReportDeadlines | None, improper_purpose: bool) -> str:
    """What the dialog shows while categories are ticked: both last days, or that none is owed."""
    if deadlines is None:
        return QCoreApplication.translate(
            "IncidentWords", "Not reportable: no category applies, so no report to the Commission is due."
        )
    final = (
        QCoreApplication.translate("IncidentWords", "within 60 days")
        if improper_purpose
        else QCoreApplication.translate("IncidentWords", "within 30 days")
    )
    return (
        QCoreApplication.translate("IncidentWords", "Preliminary report due %1; final report due %2 (%3).")
        .replace("%1", deadlines.preliminary_due.isoformat())
        .replace("%2", deadlines.final_due.isoformat())
        .replace("%3", final)
    )


def deadline_line(summary: IncidentSummary, today: dt.date) -> str | None:
    """The dashboard's line for an open incident still owing a report (plain text; None when none is owed)."""
    kind = next_report(summary)
    if kind is None or summary.deadlines is None:
        return None
    day = summary.deadlines.due(kind).isoformat()
    if kind in summary.overdue:
        text = QCoreApplication.translate("IncidentWords", "%1 %2 — the %3 was due %4: overdue")
    else:
        text = QCoreApplication.translate("IncidentWords", "%1 %2 — the %3 is due %4")
    return (
        text.replace("%1", summary.incident_no)
        .replace("%3", label(kind))
        .replace("%4", day)
        .replace("%2", summary.title)
    )
