"""Help: the agents' and supervisors' guides (Markdown with screenshots from docs/guide) in a window."""

from __future__ import annotations

import enum

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desk_app import paths


class Guide(enum.StrEnum):
    """Each guide's file in `paths.guide_dir()`."""

    AGENT = "agent.md"
    SUPERVISOR = "supervisor.md"


class HelpViewer(QDialog):
    """One guide at a time, read-only, its links to the other guide followed in place."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help_viewer")
        self.resize(820, 640)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(self.tr("Guide"))
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(paths.guide_dir())])
        self.browser.sourceChanged.connect(self._source_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.guide: Guide | None = None

    def show_guide(self, guide: Guide) -> None:
        """The guide from its first line, in front; Markdown because of its name, images beside it."""
        self.guide = guide
        self.browser.setSource(QUrl.fromLocalFile(str(paths.guide_dir() / guide.value)))
        self.show()
        self.activateWindow()
        self.browser.setFocus()

    def _source_changed(self, url: QUrl) -> None:
        self.setWindowTitle(self.browser.documentTitle() or url.fileName())
