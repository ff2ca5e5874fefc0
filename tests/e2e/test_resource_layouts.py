"""`resources_dir()` finds fonts and talk scripts in a checkout, an installed wheel and a frozen bundle."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

from desk_app.launch import FROZEN_GUI
from desk_app.paths import resources_dir

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "InquiryDesk"
EXPECTED = ("scripts/disclosure.toml", "fonts/ipaexg.ttf", "fonts/ipaexm.ttf", "config.example.toml")


def _clean_environment(tmp_path: Path) -> dict[str, str]:
    """No developer setting and no checkout on the path; a private home for per-user folders."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DESK_APP_") and key not in ("PYTHONPATH", "PYTHONHOME")
    }
    environment.update(
        HOME=str(tmp_path / "home"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        PYTHONIOENCODING="utf-8",
    )
    return environment


def _run(command: list[str], tmp_path: Path, timeout: float = 120) -> str:
    completed = subprocess.run(
        command,
        cwd=tmp_path,
        env=_clean_environment(tmp_path),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )
    assert completed.returncode == 0, f"{command}\n{completed.stdout}\n{completed.stderr}"
    return completed.stdout


def _assert_resources(folder: Path) -> None:
    for relative in EXPECTED:
        assert (folder / relative).is_file(), f"{relative} missing under {folder}"
    assert len(list((folder / "scripts").glob("*.toml"))) >= 7


def test_source_checkout_finds_the_resources_folder_beside_the_package() -> None:
    assert resources_dir() == ROOT / "resources"
    _assert_resources(resources_dir())


def test_the_frozen_fallback_names_the_same_window_as_the_entry_point() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["entry-points"]["inquiry_desk.gui"]["main"] == FROZEN_GUI


def test_installed_wheel_carries_every_module_and_the_resources(tmp_path: Path) -> None:
    # Built from a copy, so setuptools' build/ folder in the checkout can leave nothing stale in the wheel.
    source = tmp_path / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("desk_app", "ui", "resources", "docs/guide"):
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    wheels = tmp_path / "wheels"
    _run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(source)],
        tmp_path,
    )
    (wheel,) = wheels.glob("inquiry_desk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for package in ("desk_app", "ui"):
        for module in (ROOT / package).rglob("*.py"):
            if "__pycache__" not in module.parts:
                relative = module.relative_to(ROOT).as_posix()
                assert relative in names, (
                    f"{relative} is not in the wheel: list its package in pyproject.toml"
                )
    for item in (ROOT / "resources").rglob("*"):
        if item.is_file():
            relative = "desk_app/" + item.relative_to(ROOT).as_posix()
            assert relative in names, f"{relative} is not in the wheel"
    for item in (ROOT / "docs" / "guide").rglob("*"):
        if item.is_file():
            relative = "desk_app/guide/" + item.relative_to(ROOT / "docs" / "guide").as_posix()
            assert relative in names, f"{relative} is not in the wheel"

    # A bare environment holding only the wheel; the dependencies come from this one through a .pth line,
    # which adds the folder without running the checkout's editable-install hook that lives there.
    environment = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(environment)], check=True)
    python = environment / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(
        _run(
            [str(python), "-I", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp_path
        ).strip()
    )
    _run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
        tmp_path,
    )
    dependencies = sysconfig.get_path("purelib")
    (site / "zz_dependencies.pth").write_text(f"{dependencies}\n", encoding="utf-8")

    found = _run(
        [
            str(python),
            "-I",
            "-c",
            "import desk_app; from desk_app.paths import resources_dir; print(desk_app.__file__); "
            "print(resources_dir())",
        ],
        tmp_path,
    ).splitlines()
    assert Path(found[0]).parent == site / "desk_app"
    assert Path(found[1]) == site / "desk_app" / "resources"
    _assert_resources(Path(found[1]))
    # The installed command line reads the scripts and runs the migrations shipped in the wheel.
    listed = _run([str(python), "-I", "-m", "desk_app", "scripts", "check"], tmp_path)
    assert "disclosure: version" in listed
    database = f"sqlite:///{(tmp_path / 'wheel.sqlite3').as_posix()}"
    _run([str(python), "-I", "-m", "desk_app", "demo-data", "--customers", "20", "--db", database], tmp_path)


def test_frozen_layout_looks_in_the_bundle_folder_and_imports_the_window_by_name(tmp_path: Path) -> None:
    bundle = tmp_path / "_internal"
    shutil.copytree(ROOT / "resources", bundle / "resources")
    program = (
        "import sys\n"
        f"sys.frozen = True; sys._MEIPASS = {str(bundle)!r}\n"
        "from desk_app.paths import resources_dir\n"
        "from desk_app.launch import find_gui\n"
        "print(resources_dir())\n"
        "run = find_gui()\n"
        "print(run.__module__ + ':' + run.__name__)\n"
    )
    folder, runner = _run([sys.executable, "-c", program], tmp_path).splitlines()
    assert Path(folder) == bundle / "resources"
    _assert_resources(Path(folder))
    assert runner == FROZEN_GUI


@pytest.mark.skipif(
    not (BUNDLE / "desk-app").exists() and not (BUNDLE / "desk-app.exe").exists(),
    reason="no bundle in dist/InquiryDesk: installer/build_linux.sh builds one and then runs this test",
)
def test_the_real_bundle_finds_its_resources(tmp_path: Path) -> None:
    program = BUNDLE / ("desk-app.exe" if os.name == "nt" else "desk-app")
    listed = _run([str(program), "scripts", "check"], tmp_path)
    assert "disclosure: version" in listed
    bundled = BUNDLE / "_internal" / "resources"
    _assert_resources(bundled)
    # The Help menu's guides, where `guide_dir()` looks in a bundle.
    assert (BUNDLE / "_internal" / "guide" / "agent.md").is_file()
    assert (BUNDLE / "_internal" / "guide" / "supervisor.md").is_file()

    def files(folder: Path) -> list[str]:
        return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())

    assert files(bundled) == files(ROOT / "resources"), "the bundle is older than resources/: rebuild it"
