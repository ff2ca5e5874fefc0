"""A CSV file to read, chosen as the customer import has it chosen: its name with a Browse… button, and the
encoding, detected unless one is named. Shared by the import and by attaching an incident's customers, in
the import's words (the "ImportDialog" context), so both say it alike in each language."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

CONTEXT = "ImportDialog"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class CsvFileFields:
    """`path`, `browse_button` and `encoding` (its data: None to detect, else the codec), made for `owner`;
    `chosen(name)` follows a file picked with Browse…."""

    def __init__(self, owner: QWidget, title: str, chosen: Callable[[str], None] | None = None) -> None:
        self._owner = owner
        self._title = title
        self._chosen = chosen
        self.path = QLineEdit()
        self.path.setAccessibleName(_tr("CSV file"))
        self.browse_button = QPushButton(_tr("&Browse…"))
        self.browse_button.clicked.connect(self.browse)
        self.encoding = QComboBox()
        self.encoding.addItem(_tr("Detect (UTF-8 with or without BOM, else CP932)"), None)
        self.encoding.addItem("UTF-8", "utf-8")
        self.encoding.addItem("CP932 (Shift_JIS)", "cp932")
        self.encoding.setAccessibleName(_tr("Encoding"))

    def add_to(self, form: QFormLayout) -> None:
        """The file's row and the encoding's, one after the other."""
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse_button)
        # A row of a field and its button: the label is given the field, or it shows its "&".
        label = QLabel(_tr("&File:"))
        label.setBuddy(self.path)
        form.addRow(label, row)
        form.addRow(_tr("&Encoding:"), self.encoding)

    def browse(self) -> None:
        dialog = QFileDialog(self._owner, self._title)
        dialog.setNameFilter(_tr("CSV files (*.csv);;All files (*)"))
        dialog.fileSelected.connect(self._picked)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _picked(self, name: str) -> None:
        self.path.setText(name)
        if self._chosen is not None:
            self._chosen(name)
