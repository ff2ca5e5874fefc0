"""Where the desk keeps its files: per-user folders and the bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from desk_app.private_files import make_private_folder, tighten_folder

APP_NAME = "InquiryDesk"
APP_AUTHOR = "InquiryDesk"


def data_dir() -> Path:
    """Per-user data folder (database, letters); created on demand, and kept owner-only (0700) since the
    database in it holds every customer's details."""
    path = make_private_folder(Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)))
    tighten_folder(path)
    return path


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))


def default_config_path() -> Path:
    return config_dir() / "config.toml"


def default_database_path() -> Path:
    return data_dir() / "desk.sqlite3"


def demo_database_path() -> Path:
    return data_dir() / "demo.sqlite3"


def resources_dir() -> Path:
    """The `resources/` folder (fonts, talk scripts, translations, example config), wherever the desk runs.

    In order: `DESK_APP_RESOURCES` (for unusual installs); a frozen bundle (PyInstaller's `sys._MEIPASS`,
    the `_internal` folder beside the program); an installed wheel, which carries the folder as
    `desk_app/resources` (see `package-dir` in pyproject.toml); a source checkout, where it sits beside
    `desk_app/`. tests/e2e/test_resource_layouts.py checks each layout.
    """
    override = os.environ.get("DESK_APP_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle is not None:
        return Path(bundle) / "resources"
    package = Path(__file__).resolve().parent
    installed = package / "resources"
    if installed.is_dir():
        return installed
    return package.parent / "resources"


def guide_dir() -> Path:
    """The guides for agents and supervisors (`docs/guide/`: Markdown and screenshots), shown by Help.

    A frozen bundle carries them as `guide/` (installer/inquiry_desk.spec), an installed wheel as
    `desk_app/guide` (pyproject.toml); a checkout keeps them in `docs/guide/`.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle is not None:
        return Path(bundle) / "guide"
    package = Path(__file__).resolve().parent
    installed = package / "guide"
    if installed.is_dir():
        return installed
    return package.parent / "docs" / "guide"
