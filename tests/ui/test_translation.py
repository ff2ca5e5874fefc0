"""The Japanese translation: complete, current with the code, compiled, and what the window shows with it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ui.common.translations import (
    LANGUAGE_ENV,
    LanguageChoice,
    language_for,
    save_choice,
    saved_choice,
    startup_language,
    translations_dir,
)
from ui.shell.language_menu import LanguageMenu
from ui.shell.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
TOOLS = Path(sys.executable).parent
SHIPPED_TS = translations_dir() / "inquiry_desk_ja.ts"
SHIPPED_QM = translations_dir() / "inquiry_desk_ja.qm"
PLACEHOLDER = re.compile(r"%(?:\d|n)")
# The letter after a single "&" (a "&&" is a literal ampersand).
MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or ""): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def _translation(message: ET.Element) -> str:
    translation = message.find("translation")
    assert translation is not None
    forms = translation.findall("numerusform")
    return "".join(form.text or "" for form in forms) if forms else translation.text or ""


def _mnemonic(text: str) -> str | None:
    match = MNEMONIC.search(text)
    return match.group(1).upper() if match else None


@pytest.fixture(scope="module")
def shipped() -> dict[tuple[str, str], ET.Element]:
    return _messages(SHIPPED_TS)


def test_the_shipped_ts_lists_every_text_in_the_code(
    tmp_path: Path, shipped: dict[tuple[str, str], ET.Element]
) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(path) for path in (ROOT / "ui").rglob("*.py"))
    subprocess.run(
        [str(TOOLS / "pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    extracted = set(_messages(fresh))
    assert len(extracted) > 600
    assert extracted - set(shipped) == set(), "new texts: run pyside6-lupdate and translate them"
    assert set(shipped) - extracted == set(), "texts no longer in the code: run pyside6-lupdate -no-obsolete"


def test_every_message_has_its_japanese(shipped: dict[tuple[str, str], ET.Element]) -> None:
    problems = []
    for (context, source), message in shipped.items():
        translation = message.find("translation")
        assert translation is not None
        text = _translation(message)
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not text.strip():
            problems.append((context, source, "not translated"))
        elif sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
            problems.append((context, source, f"placeholders differ: {text}"))
        elif _mnemonic(source) != _mnemonic(text):
            # The same Alt letter as in English keeps each window's letters as unique as they are there.
            problems.append((context, source, f"mnemonic differs: {text}"))
    assert problems == []


def test_the_shipped_qm_is_compiled_from_the_shipped_ts(tmp_path: Path) -> None:
    compiled = tmp_path / "fresh.qm"
    subprocess.run(
        [str(TOOLS / "pyside6-lrelease"), str(SHIPPED_TS), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == SHIPPED_QM.read_bytes(), "run pyside6-lrelease (resources/i18n/README.md)"


@pytest.mark.usefixtures("japanese")
def test_the_window_reads_japanese_with_the_translation(open_window: Callable[..., MainWindow]) -> None:
    window = open_window()
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["ファイル(&F)", "通話(&C)", "問い合わせ(&I)", "表示(&V)", "ヘルプ(&H)"]
    tabs = [window.pages.tabText(index) for index in range(window.pages.count())]
    assert tabs[:3] == ["検索(&S)", "顧客情報(&R)", "発信者の確認(&W)"]
    assert "案件(&E)" in tabs
    assert window.language_menu.title() == "言語(&L)"


@pytest.mark.usefixtures("japanese")
def test_alt_letters_stay_unique_across_the_menu_bar_and_the_tabs(
    open_window: Callable[..., MainWindow],
) -> None:
    window = open_window()
    texts = [action.text() for action in window.menuBar().actions()]
    texts += [window.pages.tabText(index) for index in range(window.pages.count())]
    letters = [_mnemonic(text) for text in texts]
    assert None not in letters, texts
    assert len(set(letters)) == len(letters), texts


def test_without_a_translator_the_window_stays_english(open_window: Callable[..., MainWindow]) -> None:
    window = open_window()
    assert window.menuBar().actions()[0].text() == "&File"


def test_the_desk_opens_in_japanese_unless_the_system_names_another_language() -> None:
    japan, britain = QLocale(QLocale.Language.Japanese, QLocale.Country.Japan), QLocale("en_GB")
    assert language_for(LanguageChoice.SYSTEM, japan) == "ja"
    assert language_for(LanguageChoice.SYSTEM, britain) == "en"
    assert language_for(LanguageChoice.SYSTEM, QLocale("de_DE")) == "en"
    # C, POSIX and C.UTF-8 name no language (a server, a container, a fresh install): Japanese.
    for nameless in (QLocale.c(), QLocale("C"), QLocale("POSIX")):
        assert nameless.language() == QLocale.Language.C
        assert language_for(LanguageChoice.SYSTEM, nameless) == "ja"
    assert language_for(LanguageChoice.ENGLISH, japan) == "en"
    assert language_for(LanguageChoice.JAPANESE, britain) == "ja"
    assert language_for(LanguageChoice.ENGLISH, QLocale.c()) == "en"


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANG": "C.UTF-8"}, "ja"),
        ({"LANG": "C"}, "ja"),
        ({"LANG": "POSIX"}, "ja"),
        ({}, "ja"),
        ({"LANG": "ja_JP.UTF-8"}, "ja"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8", "DESK_APP_LANGUAGE": "en"}, "en"),
        ({"LANG": "en_US.UTF-8", "DESK_APP_LANGUAGE": "ja"}, "ja"),
    ],
)
def test_a_fresh_desk_starts_in_the_language_its_machine_asks_for(
    tmp_path: Path, environment: dict[str, str], expected: str
) -> None:
    """The real start-up rule in a process of its own: the machine's locale as given, nothing saved."""
    probe = (
        "import sys; from PySide6.QtCore import QSettings; "
        "from ui.common.translations import startup_language; "
        "print(startup_language(QSettings(sys.argv[1], QSettings.Format.IniFormat)))"
    )
    clean = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), **environment}
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "desk.ini")],
        env=clean,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    assert done.stdout.strip() == expected


def test_the_environment_wins_over_the_saved_choice(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    save_choice(settings, LanguageChoice.ENGLISH)
    assert startup_language(settings, {LANGUAGE_ENV: "ja"}) == "ja"
    assert startup_language(settings, {}) == "en"
    save_choice(settings, LanguageChoice.JAPANESE)
    assert startup_language(settings, {LANGUAGE_ENV: "klingon"}) == "ja"
    settings.setValue("ui/language", "nonsense")
    assert saved_choice(settings) is LanguageChoice.SYSTEM


def test_the_language_menu_saves_the_choice_for_the_next_start(qtbot: QtBot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    menu = LanguageMenu(settings)
    qtbot.addWidget(menu)
    assert menu.choice_actions[LanguageChoice.SYSTEM].isChecked()
    with qtbot.waitSignal(menu.language_chosen) as chosen:
        menu.choice_actions[LanguageChoice.JAPANESE].trigger()
    assert chosen.args == ["ja"]
    assert QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat).value("ui/language") == "ja"
    assert isinstance(menu.notice, QMessageBox)
    # Said in both languages: the agent who switched may read only the one they switched to.
    assert "The new language applies the next time Inquiry Desk starts." in menu.notice.text()
    assert "次回の起動時から反映されます" in menu.notice.text()
    menu.notice.close()
