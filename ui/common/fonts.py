"""The bundled IPAex fonts, loaded so Japanese renders even on a workstation without a Japanese font."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtGui import QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

from desk_app.paths import resources_dir

log = logging.getLogger(__name__)

BUNDLED_FONT_FILES = ("ipaexg.ttf", "ipaexm.ttf")
JAPANESE_UI_FAMILY = "IPAexGothic"
# Windows' own Japanese UI fonts look native there; the bundled font is the last resort.
_WINDOWS_JAPANESE_UI_FAMILIES = ("Yu Gothic UI", "Meiryo UI")


def load_bundled_fonts(font_dir: Path | None = None) -> list[str]:
    """Register the bundled fonts with Qt; returns the families that loaded."""
    folder = font_dir if font_dir is not None else resources_dir() / "fonts"
    families: list[str] = []
    for file_name in BUNDLED_FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(folder / file_name))
        if font_id < 0:
            log.warning("bundled font %s could not be loaded from %s", file_name, folder)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def use_japanese_fallback(app: QApplication, loaded_families: list[str]) -> list[str]:
    """Keep the platform's UI font for Latin text and fall back to a Japanese font for the rest.

    Qt tries the families of the application font in order for each character, so Latin text keeps
    its native look and kana/kanji come from the first family that has them. Returns the list set.
    """
    font = app.font()
    # The family actually drawn: the platform may name an alias ("Sans Serif") that a family
    # list would skip in favour of the next, real, family, putting Latin text in the fallback.
    families = [QFontInfo(font).family()]
    if sys.platform == "win32":
        # Only families that exist: Qt warns about (and pays for) missing ones.
        installed = set(QFontDatabase.families())
        families.extend(name for name in _WINDOWS_JAPANESE_UI_FAMILIES if name in installed)
    if JAPANESE_UI_FAMILY in loaded_families:
        families.append(JAPANESE_UI_FAMILY)
    font.setFamilies(families)
    app.setFont(font)
    return families
