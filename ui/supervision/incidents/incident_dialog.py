"""New incident… and Edit…: what is known of a leak, and which reportable categories apply, with the report
deadlines they would give shown while the boxes are ticked, and the public announcement (公表) once one was
made. Save goes to the core; a refusal is shown in the dialog, which stays open with everything typed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.incidents import LeakCategory, report_deadlines
from desk_app.domain.japan_time import TOKYO
from desk_app.services.incidents.register import (
    PUBLICATION_LONGEST,
    TITLE_LONGEST,
    IncidentDetail,
    IncidentFields,
)
from ui.common.background import BackgroundRunner, Work
from ui.common.enum_labels import label
from ui.common.japan_time import japan_today_qdate
from ui.supervision.incidents import ops
from ui.supervision.incidents.incident_words import deadlines_text
from ui.supervision.incidents.saving_dialog import SavingDialog

# The texts besides the title, in the order of the Commission's report form.
TEXT_FIELDS = ("what_happened", "items", "cause", "measures", "secondary_harm", "customer_guidance")


def _japan_wall_clock(at: dt.datetime) -> QDateTime:
    """`at` as Japan's wall clock in an editor kept in UTC, so no daylight-saving rule of the machine's
    zone can move or refuse a time that is perfectly good in Japan."""
    local = at.astimezone(TOKYO)
    return QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute), QTimeZone.utc()
    )


class IncidentDialog(SavingDialog):
    """`saved(incident_no)` once the core has taken what the dialog holds; then the dialog closes."""

    saved = Signal(str)

    def __init__(
        self,
        runner: BackgroundRunner,
        viewer_id: int,
        preliminary_days: int,
        detail: IncidentDetail | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, "save incident", parent)
        self._viewer_id = viewer_id
        self._preliminary_days = preliminary_days
        self.incident_no = detail.summary.incident_no if detail is not None else None
        if self.incident_no is None:
            self.setWindowTitle(self.tr("New leak incident"))
        else:
            self.setWindowTitle(self.tr("Leak incident %1").replace("%1", self.incident_no))
        self.title = QLineEdit()
        self.title.setMaxLength(TITLE_LONGEST)
        self.title.setAccessibleName(self.tr("Title"))
        self.discovered = QDateTimeEdit()
        self.discovered.setTimeZone(QTimeZone.utc())
        self.discovered.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.discovered.setCalendarPopup(True)
        self.discovered.setAccessibleName(self.tr("Discovered (Japan time)"))
        self.discovered_how = self._text_box(self.tr("How discovered"))
        self.texts = {
            "what_happened": self._text_box(self.tr("What happened")),
            "items": self._text_box(self.tr("Items of personal data")),
            "cause": self._text_box(self.tr("Cause")),
            "measures": self._text_box(self.tr("Measures")),
            "secondary_harm": self._text_box(self.tr("Possible secondary harm")),
            "customer_guidance": self._text_box(self.tr("What customers can do")),
        }
        # The public announcement: ticked, its day and how and where; unticked, none (both are cleared).
        self.published = QCheckBox(self.tr("&Publicly announced on:"))
        self.published_on = QDateEdit(japan_today_qdate())
        self.published_on.setCalendarPopup(True)
        self.published_on.setDisplayFormat("yyyy-MM-dd")
        self.published_on.setMaximumDate(japan_today_qdate())
        self.published_on.setAccessibleName(self.tr("Publicly announced on"))
        self.publication = QLineEdit()
        self.publication.setMaxLength(PUBLICATION_LONGEST)
        self.publication.setAccessibleName(self.tr("How and where it was announced"))
        self.publication.setPlaceholderText(self.tr("e.g. on the company's website; a press release"))
        self.categories: dict[LeakCategory, QCheckBox] = {}
        self.deadlines = QLabel()
        self.deadlines.setWordWrap(True)
        self.deadlines.setAccessibleName(self.tr("Report deadlines"))
        self.deadlines.setStyleSheet("font-weight: bold;")
        self.message.setAccessibleName(self.tr("Why the incident was not saved"))
        self.save_button = self.ok_button
        self.save_button.setText(self.tr("Save"))

        left = QFormLayout()
        left.addRow(self.tr("&Title:"), self.title)
        left.addRow(self.tr("&Discovered (Japan time):"), self.discovered)
        left.addRow(self.tr("H&ow discovered:"), self.discovered_how)
        left.addRow(self.published, self.published_on)
        left.addRow(self.tr("&How and where:"), self.publication)
        right = QFormLayout()
        for text, name in zip(
            (
                self.tr("&What happened:"),
                self.tr("&Items of personal data:"),
                self.tr("&Cause:"),
                self.tr("&Measures:"),
                self.tr("Possible &secondary harm:"),
                self.tr("What c&ustomers can do:"),
            ),
            TEXT_FIELDS,
            strict=True,
        ):
            right.addRow(text, self.texts[name])
        column = QVBoxLayout()
        column.addLayout(left)
        column.addWidget(self._category_box())
        column.addWidget(self.deadlines)
        column.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(column, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._fill(detail)
        self.published.toggled.connect(self._show_publication)
        self._show_publication()
        self.discovered.dateTimeChanged.connect(self._show_deadlines)
        self._show_deadlines()
        self.resize(1100, 680)
        self.title.setFocus()

    def _text_box(self, name: str) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setAccessibleName(name)
        # Tab moves on to the next field; the texts are paragraphs, written with Enter.
        box.setTabChangesFocus(True)
        box.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        return box

    def _category_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Reportable to the Commission (Enforcement Rules Art. 7)"))
        inside = QVBoxLayout(box)
        laws = {
            LeakCategory.SPECIAL_CARE: self.tr(
                "(i) Personal data including special-care personal information has leaked, been lost or "
                "damaged, or may have been."
            ),
            LeakCategory.FINANCIAL_LOSS: self.tr(
                "(ii) Personal data whose improper use could cause financial loss has leaked, been lost or "
                "damaged, or may have been."
            ),
            LeakCategory.IMPROPER_PURPOSE: self.tr(
                "(iii) Personal data (including personal information being acquired) has leaked, been lost "
                "or damaged, or may have been, by an act against the company possibly done for an "
                "improper purpose."
            ),
            LeakCategory.OVER_THOUSAND: self.tr(
                "(iv) The personal data of more than 1,000 people has leaked, been lost or damaged, or "
                "may have been."
            ),
        }
        for number, category in enumerate(LeakCategory, start=1):
            tick = QCheckBox(f"&{number} {label(category)}")
            tick.toggled.connect(self._show_deadlines)
            law = QLabel(laws[category])
            law.setWordWrap(True)
            law.setIndent(24)
            law.setStyleSheet("color: #5f6368;")
            inside.addWidget(tick)
            inside.addWidget(law)
            self.categories[category] = tick
        return box

    def _fill(self, detail: IncidentDetail | None) -> None:
        if detail is None:
            self.discovered.setDateTime(_japan_wall_clock(dt.datetime.now(dt.UTC)))
            return
        fields = detail.fields
        self.title.setText(fields.title)
        self.discovered.setDateTime(_japan_wall_clock(fields.discovered_at))
        self.discovered_how.setPlainText(fields.discovered_how)
        for name, box in self.texts.items():
            box.setPlainText(getattr(fields, name))
        for category, tick in self.categories.items():
            tick.setChecked(category in fields.categories)
        if fields.published_on is not None:
            day = fields.published_on
            self.published.setChecked(True)
            self.published_on.setDate(QDate(day.year, day.month, day.day))
            self.publication.setText(fields.publication)

    def discovered_at(self) -> dt.datetime:
        """The time typed, read as Japan's wall clock."""
        shown = self.discovered.dateTime()
        day, time = shown.date(), shown.time()
        return dt.datetime(day.year(), day.month(), day.day(), time.hour(), time.minute(), tzinfo=TOKYO)

    def chosen_categories(self) -> frozenset[LeakCategory]:
        return frozenset(category for category, tick in self.categories.items() if tick.isChecked())

    def announced_on(self) -> dt.date | None:
        """The day of the public announcement, or None while the box is unticked."""
        if not self.published.isChecked():
            return None
        day = self.published_on.date()
        return dt.date(day.year(), day.month(), day.day())

    def fields(self) -> IncidentFields:
        announced_on = self.announced_on()
        return IncidentFields(
            title=self.title.text(),
            discovered_at=self.discovered_at(),
            categories=self.chosen_categories(),
            discovered_how=self.discovered_how.toPlainText(),
            **{name: box.toPlainText() for name, box in self.texts.items()},
            published_on=announced_on,
            # Unticked, the words typed stay on screen (ticking again brings them back) but are not saved.
            publication=self.publication.text() if announced_on is not None else "",
        )

    @Slot()
    def _show_publication(self) -> None:
        ticked = self.published.isChecked()
        self.published_on.setEnabled(ticked)
        self.publication.setEnabled(ticked)

    @Slot()
    def _show_deadlines(self) -> None:
        chosen = self.chosen_categories()
        deadlines = report_deadlines(self.discovered_at().date(), chosen, self._preliminary_days)
        self.deadlines.setText(deadlines_text(deadlines, LeakCategory.IMPROPER_PURPOSE in chosen))

    def work(self) -> Work[object]:
        if self.incident_no is None:
            return ops.open_incident(self._viewer_id, self.fields())
        return ops.update_incident(self._viewer_id, self.incident_no, self.fields())

    def taken(self, answer: object) -> None:
        self.incident_no = str(answer)
        self.saved.emit(self.incident_no)

    def failed_words(self) -> str:
        return self.tr("The incident could not be saved; what you typed is still here.")
