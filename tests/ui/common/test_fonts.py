"""The bundled Japanese fonts: they load, cover the desk's Japanese, and travel with their licence."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QFont, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication

from desk_app.paths import resources_dir
from ui.common.fonts import BUNDLED_FONT_FILES, JAPANESE_UI_FAMILY, load_bundled_fonts, use_japanese_fallback

JAPANESE_SAMPLE = "個人情報お問い合わせ窓口株式会社みらい通販サトウイチロウ０３－１２３４"


@pytest.fixture
def app_with_original_font(qapp: QApplication) -> Iterator[QApplication]:
    font = qapp.font()
    yield qapp
    qapp.setFont(font)


def test_bundled_fonts_load_and_cover_the_desks_japanese(qapp: QApplication) -> None:
    assert load_bundled_fonts() == ["IPAexGothic", "IPAexMincho"]
    for family in ("IPAexGothic", "IPAexMincho"):
        metrics = QFontMetrics(QFont(family))
        missing = [ch for ch in JAPANESE_SAMPLE if not metrics.inFontUcs4(ord(ch))]
        assert missing == [], family


def test_a_missing_font_folder_loads_nothing(qapp: QApplication, tmp_path: object) -> None:
    assert load_bundled_fonts(resources_dir() / "no-such-folder") == []


def test_fallback_keeps_the_platform_font_first(app_with_original_font: QApplication) -> None:
    platform_family = QFontInfo(app_with_original_font.font()).family()
    families = use_japanese_fallback(app_with_original_font, [JAPANESE_UI_FAMILY, "IPAexMincho"])
    assert families[0] == platform_family
    assert families[-1] == JAPANESE_UI_FAMILY
    assert app_with_original_font.font().families() == families
    # Latin text stays in the platform's font; only what it lacks comes from the fallback.
    assert QFontInfo(app_with_original_font.font()).family() == platform_family


def test_fonts_travel_with_their_licence() -> None:
    folder = resources_dir() / "fonts"
    for file_name in BUNDLED_FONT_FILES:
        assert (folder / file_name).stat().st_size > 1_000_000
    licence = (folder / "IPA_Font_License_Agreement_v1.0.txt").read_text(encoding="utf-8")
    assert "IPA Font License Agreement v1.0" in licence
    assert "IPAフォントライセンスv1.0" in licence
    assert "IPA_Font_License_Agreement_v1.0.txt" in (folder / "README.md").read_text(encoding="utf-8")
