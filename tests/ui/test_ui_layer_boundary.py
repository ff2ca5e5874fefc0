"""The Qt layer calls services: no SQLAlchemy, no ReportLab, no ORM classes (their enums are fine)."""

from __future__ import annotations

import ast
import enum
import importlib
from pathlib import Path

import pytest

UI_DIR = Path(__file__).resolve().parents[2] / "ui"
FORBIDDEN_PACKAGES = ("sqlalchemy", "reportlab")
MODELS = "desk_app.storage.models"


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, []) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, [alias.name for alias in node.names]))
    return found


@pytest.mark.parametrize("path", sorted(UI_DIR.rglob("*.py")), ids=lambda p: p.name)
def test_ui_module_keeps_to_the_services(path: Path) -> None:
    models = importlib.import_module(MODELS)
    for module, names in _imports(path):
        assert module.split(".")[0] not in FORBIDDEN_PACKAGES, f"{path.name} imports {module}"
        if module == MODELS:
            for name in names:
                assert issubclass(getattr(models, name), enum.Enum), f"{path.name} imports ORM class {name}"
