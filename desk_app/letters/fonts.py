"""The bundled IPAex TrueType fonts, registered once per process and embedded in every letter."""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desk_app import paths

# Embedded TrueType on purpose: ReportLab's CID fonts (HeiseiMin-W3…) are not embedded, so some viewers
# show no text and some draw ¥ as a backslash.
MINCHO = "IPAexMincho"
GOTHIC = "IPAexGothic"
_FILES = {MINCHO: "ipaexm.ttf", GOTHIC: "ipaexg.ttf"}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Load the fonts into ReportLab (about 50 ms the first time; nothing after)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        folder = paths.resources_dir() / "fonts"
        for name, file in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
        _registered = True
