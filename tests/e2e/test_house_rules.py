"""The house's rules: the import contracts in pyproject.toml hold, and each one fails when it is broken.

Each contract is broken on purpose in a copy of the source (one import line added), and `lint-imports` must
name that contract; the unchanged copy must keep them all. The rules that are not about imports (no widget
module touches a database session, no module grows past ~450 lines) are checked here directly.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
LONGEST_MODULE = 450

# (file in the copy, the import line added to it, the contract that must then fail)
BREAKS = [
    ("desk_app/domain/kana.py", "import PySide6", "The core never imports Qt or the UI"),
    (
        "desk_app/storage/engine.py",
        "import desk_app.services.agents",
        "Core layers: domain, storage, libraries, services, demo, command line",
    ),
    (
        "desk_app/letters/render.py",
        "import desk_app.scripts.model",
        "Core layers: domain, storage, libraries, services, demo, command line",
    ),
    (
        "desk_app/services/customers/lookup.py",
        "import desk_app.services.cases.queue",
        "Services: admin over incidents over cases over customers over shared",
    ),
    (
        "desk_app/services/agents.py",
        "import desk_app.services.customers.lookup",
        "Services: admin over incidents over cases over customers over shared",
    ),
    ("desk_app/domain/kana.py", "import sqlalchemy", "The domain speaks the standard library, phonenumbers"),
    (
        "ui/common/table_view.py",
        "import ui.shell.main_window",
        "The window's rooms: the shell above the features, the features above common",
    ),
    (
        "ui/cases/case_timeline.py",
        "import ui.mail_room.mail_room_page",
        "The window's rooms: the shell above the features, the features above common",
    ),
    (
        "ui/cases/case_timeline.py",
        "import desk_app.storage.models",
        "The window reaches the database only through the services",
    ),
    (
        "desk_app/domain/phones.py",
        "import desk_app.domain.periods",
        "No circular imports, between modules or between packages",
    ),
]
# The second half of the circle for the last break: periods importing phones back.
CIRCLE_BACK = ("desk_app/domain/periods.py", "import desk_app.domain.phones")


def _copy_of_the_source(into: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in ("desk_app", "ui"):
        shutil.copytree(ROOT / package, into / package, ignore=ignore)
    shutil.copy2(ROOT / "pyproject.toml", into / "pyproject.toml")
    return into


def _lint(copy: Path) -> subprocess.CompletedProcess[str]:
    # lint-imports puts its working folder first on the path, so the copy is analysed, not the install.
    env = {**os.environ, "PYTHONPATH": str(copy)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(copy / "pyproject.toml")],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _add_import(copy: Path, relative: str, line: str) -> None:
    path = copy / relative
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _copy_of_the_source(tmp_path_factory.mktemp("house"))


def test_the_source_keeps_every_contract(pristine: Path) -> None:
    result = _lint(pristine)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "BROKEN" not in result.stdout


@pytest.mark.parametrize(("relative", "line", "contract"), BREAKS, ids=lambda value: str(value)[:48])
def test_each_contract_fails_when_broken(
    tmp_path: Path, pristine: Path, relative: str, line: str, contract: str
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(pristine, copy)
    _add_import(copy, relative, line)
    if contract.startswith("No circular imports"):
        _add_import(copy, *CIRCLE_BACK)
    result = _lint(copy)
    assert result.returncode == 1, result.stdout[-4000:] + result.stderr[-2000:]
    # "… BROKEN", or "… BROKEN (2 ignored imports)"
    broken = [text for text in result.stdout.splitlines() if " BROKEN" in text]
    assert any(text.startswith(contract) for text in broken), broken


def _widget_modules() -> list[Path]:
    # Only a feature's operations (ops.py) and the runner that hands them a session may hold one.
    return [
        path
        for path in sorted((ROOT / "ui").rglob("*.py"))
        if path.name != "ops.py" and path.relative_to(ROOT).as_posix() != "ui/common/background.py"
    ]


@pytest.mark.parametrize("path", _widget_modules(), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_no_widget_module_touches_a_database_session(path: Path) -> None:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
    assert not names & {"Session", "session"}, "its background work belongs in its feature's ops.py"


def _modules() -> list[Path]:
    found = [*(ROOT / "desk_app").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]
    return sorted(path for path in found if "migrations" not in path.parts)


@pytest.mark.parametrize("path", _modules(), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_no_module_grows_past_the_limit(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= LONGEST_MODULE, f"{lines} lines: split it by what its parts do"
