"""The interface language: Japanese, unless the agent, the environment or the machine asks for English.

The order: `DESK_APP_LANGUAGE` (ja / en) > the choice saved in View ▸ Language > a system locale that names a
language other than Japanese (LANG=en_US.UTF-8, LANGUAGE=en, an English Windows: English) > Japanese. A locale
that names no language (C, POSIX, C.UTF-8, unset — servers, containers, fresh installs) opens in Japanese:
the desk is for a Japanese inquiry desk, and English is for those who ask for it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from desk_app.domain.messages import ENGLISH as CORE_ENGLISH
from desk_app.domain.messages import JAPANESE as CORE_JAPANESE
from desk_app.domain.messages import Language, Message, message_of, render
from desk_app.paths import resources_dir

_log = logging.getLogger(__name__)

LANGUAGE_SETTING = "ui/language"
# For screenshots, training rooms and support: wins over the saved choice, "ja" or "en".
LANGUAGE_ENV = "DESK_APP_LANGUAGE"
JAPANESE = "ja"
ENGLISH = "en"
# The language the installed translators speak: the core's messages are rendered in it too.
_language: Language = CORE_ENGLISH


class LanguageChoice(StrEnum):
    """What the agent picked in View ▸ Language, as saved in `QSettings`."""

    SYSTEM = "system"
    JAPANESE = JAPANESE
    ENGLISH = ENGLISH


def translations_dir() -> Path:
    """Where the compiled translations ship (`resources/i18n`; README there says how to rebuild them)."""
    return resources_dir() / "i18n"


def saved_choice(settings: QSettings) -> LanguageChoice:
    value = settings.value(LANGUAGE_SETTING, LanguageChoice.SYSTEM.value)
    try:
        return LanguageChoice(str(value))
    except ValueError:
        return LanguageChoice.SYSTEM


def save_choice(settings: QSettings, choice: LanguageChoice) -> None:
    settings.setValue(LANGUAGE_SETTING, choice.value)
    settings.sync()


# What a locale says when it names no language at all (C, POSIX, C.UTF-8, or nothing set).
_NO_LANGUAGE = (QLocale.Language.C, QLocale.Language.AnyLanguage)


def language_for(choice: LanguageChoice, system: QLocale) -> str:
    """ "ja" or "en": the choice itself, or for SYSTEM English only where the system locale names another
    language than Japanese, and Japanese otherwise (a Japanese locale, or one naming no language)."""
    if choice is LanguageChoice.SYSTEM:
        named = system.language()
        return JAPANESE if named == QLocale.Language.Japanese or named in _NO_LANGUAGE else ENGLISH
    return choice.value


def startup_language(settings: QSettings, environ: Mapping[str, str] = os.environ) -> str:
    """The language this start uses: `DESK_APP_LANGUAGE`, else the saved choice, else `language_for` the
    system locale (Japanese unless it names another language)."""
    override = environ.get(LANGUAGE_ENV, "").strip().lower()
    if override in (JAPANESE, ENGLISH):
        return override
    return language_for(saved_choice(settings), QLocale.system())


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the desk's translation and Qt's own (standard buttons, dialogs) for `language`.

    English needs none: the source strings are English. Returns what was installed, for
    `remove_translators`. A missing desk translation is a packaging fault: logged, and the desk
    starts in English rather than not at all.
    """
    if language != JAPANESE:
        return []
    desk = QTranslator(app)
    path = translations_dir() / f"inquiry_desk_{language}.qm"
    if not desk.load(str(path)):
        _log.warning("translation not found or unreadable: %s; starting in English", path)
        return []
    translators = [desk]
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        translators.append(qt)
    for translator in translators:
        app.installTranslator(translator)
    global _language
    _language = CORE_JAPANESE
    return translators


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    global _language
    for translator in translators:
        app.removeTranslator(translator)
        translator.deleteLater()
        _language = CORE_ENGLISH


def window_language() -> Language:
    """The language the window speaks now (English until the Japanese translators are installed)."""
    return _language


def render_message(said: Message) -> str:
    """One of the core's messages (`desk_app.domain.messages`) in the window's language."""
    return render(said, _language)


def error_words(error: BaseException) -> str:
    """What an exception from the core says, in the window's language (its English if it has no code)."""
    return render(message_of(error), _language)
