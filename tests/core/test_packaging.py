"""The wheel built from the repo installs the app, its commands and its resources."""

from __future__ import annotations

import configparser
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (path,) = out.glob("restorative_desk-*.whl")
    return path


def test_the_wheel_carries_resources_and_both_commands(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (entry_points,) = [n for n in names if n.endswith("entry_points.txt")]
        scripts = configparser.ConfigParser()
        scripts.read_string(archive.read(entry_points).decode())
    assert "restorative_desk/resources/wording/roles.json" in names
    assert "ui/app.py" in names and "restorative_desk/cli.py" in names
    assert not any(n.startswith(("tests/", "scripts/")) for n in names)
    assert scripts["console_scripts"]["rdesk"] == "restorative_desk.cli:main"
    assert scripts["gui_scripts"]["restorative-desk"] == "ui.app:main"


def test_the_installed_code_finds_its_resources_outside_the_checkout(
    wheel: Path, tmp_path: Path
) -> None:
    installed = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(installed)
    probe = (
        "import restorative_desk.wording as w, restorative_desk.resources as r;"
        "w.load_role_wording(); print(r.resources_dir())"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True, text=True, check=False, cwd=tmp_path,
        env={"PYTHONPATH": str(installed), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).is_relative_to(installed)
