"""The masked part of a customer's record: address to the city, phones, mailing preferences, third-party
provision, credit; above them, in red, a death reported and the open leak incidents affecting them."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from desk_app.services.customers.record import CustomerRecord, Mailing
from ui.common.enum_labels import phone_kind_label
from ui.common.japan_time import date_text
from ui.customers.search_results_model import area_text

WARNING_STYLE = "color: #b00020; font-weight: bold;"
# The longest part of an incident's title the row shows (the summary's values do not wrap).
TITLE_SHOWN = 32


def _cut(title: str) -> str:
    return title if len(title) <= TITLE_SHOWN else title[: TITLE_SHOWN - 1] + "…"


class CustomerSummary(QWidget):
    """Label and value rows; values can be selected with the mouse to copy them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._form = QFormLayout(self)
        self._form.setContentsMargins(0, 0, 0, 0)
        self._form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # First, and only when a relative reported the customer's death: before anyone says their name.
        self.deceased_value = self._add_row(self.tr("Deceased:"))
        self.deceased_value.setStyleSheet(WARNING_STYLE)
        self._form.setRowVisible(self.deceased_value, False)
        # Only when the customer is affected by an open leak incident: its number and title, in red too.
        self.incidents_value = self._add_row(self.tr("Leak incident:"))
        self.incidents_value.setStyleSheet(WARNING_STYLE)
        self._form.setRowVisible(self.incidents_value, False)
        self.address_value = self._add_row(self.tr("Address:"))
        # Rich text for the grey note; what comes from the record is escaped.
        self.address_value.setTextFormat(Qt.TextFormat.RichText)
        self.phones_value = self._add_row(self.tr("Phones:"))
        self.mailing_value = self._add_row(self.tr("Mailings:"))
        self.provision_value = self._add_row(self.tr("Third-party provision:"))
        self.credit_value = self._add_row(self.tr("Shopping credit:"))

    def _add_row(self, label: str) -> QLabel:
        value = QLabel()
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        value.setTextFormat(Qt.TextFormat.PlainText)
        # Lines are broken where they should be; wrapping would make the height depend on the width.
        value.setAccessibleName(label.rstrip(":"))
        self._form.addRow(label, value)
        return value

    def show_record(self, record: CustomerRecord) -> None:
        self._show_deceased(record)
        self._show_incidents(record)
        area = html.escape(area_text(record.postal_code, record.prefecture, record.city))
        hidden = html.escape(self.tr("(street and building hidden until identity is verified)"))
        self.address_value.setText(f'{area}<br><span style="color: #666666;">{hidden}</span>')
        self.phones_value.setText(
            "\n".join(f"{phone_kind_label(phone.kind)}  {phone.national}" for phone in record.phones)
            or self.tr("none registered")
        )
        self.mailing_value.setText(
            "\n".join(
                (
                    self._mailing(self.tr("Catalogue"), record.catalogue),
                    self._mailing(self.tr("Direct mail"), record.direct_mail),
                    self._mailing(self.tr("E-mail magazine"), record.email_magazine),
                )
            )
        )
        self.provision_value.setText(self._provision(record))
        self.credit_value.setText(self.tr("Yes") if record.shopping_credit else self.tr("No"))

    def _show_deceased(self, record: CustomerRecord) -> None:
        reported = record.death_reported_at
        self._form.setRowVisible(self.deceased_value, reported is not None)
        if reported is None:
            self.deceased_value.clear()
            return
        # One short line each: the summary's values do not wrap, and a long one would widen the window.
        lines = [
            self.tr("Reported on %1.").replace("%1", date_text(reported)),
            self.tr("Every mailing stopped."),
            self.tr("Disclose nothing to the caller."),
        ]
        if record.died_on is not None:
            lines.insert(0, self.tr("Died on %1.").replace("%1", record.died_on.isoformat()))
        text = "\n".join(lines)
        self.deceased_value.setText(text)

    def _show_incidents(self, record: CustomerRecord) -> None:
        self._form.setRowVisible(self.incidents_value, bool(record.incidents))
        # Short lines, as the deceased row's: a long title is cut, and shown whole in the tooltip.
        lines = [f"{mark.incident_no}  {_cut(mark.title)}" for mark in record.incidents]
        if lines:
            lines.append(self.tr("A question about it: New inquiry, Alt+L."))
        self.incidents_value.setText("\n".join(lines))
        self.incidents_value.setToolTip("\n".join(f"{m.incident_no} {m.title}" for m in record.incidents))

    def clear(self) -> None:
        self._form.setRowVisible(self.deceased_value, False)
        self._form.setRowVisible(self.incidents_value, False)
        for value in (
            self.deceased_value,
            self.incidents_value,
            self.address_value,
            self.phones_value,
            self.mailing_value,
            self.provision_value,
            self.credit_value,
        ):
            value.clear()

    def _mailing(self, name: str, mailing: Mailing) -> str:
        state = self.tr("on") if mailing.opted_in else self.tr("off")
        if mailing.changed_at is None:
            return f"{name}: {state}"
        since = self.tr("since %1").replace("%1", date_text(mailing.changed_at))
        return f"{name}: {state} ({since})"

    def _provision(self, record: CustomerRecord) -> str:
        """Provision on consent on or off, then each recipient the customer stopped, with the day."""
        lines = [self._mailing(self.tr("On consent"), record.provision)]
        for stop in record.provision_stops:
            if stop.recipient_name is None:
                continue  # the line above says it
            since = self.tr("since %1").replace("%1", date_text(stop.stopped_at))
            lines.append(self.tr("%1: stopped (%2)").replace("%2", since).replace("%1", stop.recipient_name))
        return "\n".join(lines)
