"""Benchmark figures for Restorative Desk, printed as one JSON object.

Measures, in one run on this machine:
- cold start of the app to its main window shown, on a 10,000-case database, against a bare
  PySide6 QMainWindow started the same way (the floor);
- opening a 100,000-case database to the first rows shown in the case list;
- search latency on the 100,000-case database (the store's query, and the list showing it).

Databases are made once with the demo generator and kept in bench-data/ (git-ignored).
Usage: .venv/bin/python scripts/bench.py [--runs N] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench-data"
SEARCH_TERMS = (
    "oak", "riverside", "phone", "zoë", "nguyen", "priya", "graffiti", "lunchtime", "maple lodge",
    "bag books", "eastvale", "siobhán", "kowalski", "threats", "window", "club",
)  # fmt: skip

BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("Bare window"))
window.resize(1366, 768)
window.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
"""


def _database(cases: int) -> Path:
    """A demo database with `cases` cases, made once and reused."""
    from restorative_desk.demo import fill_demo
    from restorative_desk.store import Store
    from restorative_desk.store.versions import SCHEMA_MIGRATIONS

    version = len(SCHEMA_MIGRATIONS)
    path = DATA / f"demo-{cases}-v{version}.db"
    if not path.exists():
        DATA.mkdir(exist_ok=True)
        partial = path.with_suffix(".partial")
        for leftover in DATA.glob(partial.name + "*"):
            leftover.unlink()
        print(f"making {path.name} (once)…", file=sys.stderr)
        with Store.open(partial, actor="bench") as store:
            for start in range(0, cases, 10_000):
                fill_demo(store, min(10_000, cases - start), seed=start)
        for suffix in ("-wal", "-shm"):
            Path(str(partial) + suffix).unlink(missing_ok=True)
        partial.rename(path)
    return path


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("RESTORATIVE_DESK_DB", None)
    env["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="rd-bench-config-")
    return env


def _time_until_shown(argv: list[str]) -> float:
    """Milliseconds from starting a process to it printing 'shown' (not counting its exit)."""
    start = time.perf_counter()
    with subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_child_env()
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        line = child.stdout.readline()
        elapsed = (time.perf_counter() - start) * 1000
        errors = child.stderr.read()
    if line.strip() != "shown":
        raise SystemExit(f"bench: {argv[:3]} did not show a window: {errors.strip()[-500:]}")
    return elapsed


def cold_start(runs: int, db: Path) -> dict[str, float]:
    """Median cold start of the bare window and of the app, in the same run."""
    python = sys.executable
    app_argv = [python, "-m", "ui.app", "--db", str(db), "--exit-when-shown"]
    bare: list[float] = []
    app: list[float] = []
    for _ in range(runs):  # interleaved, so both see the same machine load
        bare.append(_time_until_shown([python, "-c", BARE_WINDOW]))
        app.append(_time_until_shown(app_argv))
    bare_ms, app_ms = statistics.median(bare), statistics.median(app)
    return {
        "bare_window_ms": round(bare_ms, 1),
        "app_10k_cases_ms": round(app_ms, 1),
        "start_ratio": round(app_ms / bare_ms, 2),
        "start_ratio_target": 1.5,
    }


def first_rows_and_search(db: Path, runs: int) -> dict[str, float]:
    """Open the big database to first rows shown; then search latency, store and list."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from restorative_desk.records import CaseFilter
    from restorative_desk.store import Store
    from restorative_desk.wording import load_role_wording
    from ui.main_window import build_main_window

    app = QApplication.instance() or QApplication([])
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "bench.ini"), QSettings.Format.IniFormat)
    wording = load_role_wording()

    first_rows = []
    for _ in range(runs):
        start = time.perf_counter()
        store = Store.open(db, actor="bench")
        window = build_main_window(store, wording, settings)
        window.show()
        app.processEvents()
        model = window.case_list_model
        assert model.rowCount() > 0
        first_rows.append((time.perf_counter() - start) * 1000)
        window.close()
        window.deleteLater()
        app.processEvents()
        store.close()

    store = Store.open(db, actor="bench")
    query_ms = []
    for term in SEARCH_TERMS * 3:
        start = time.perf_counter()
        store.case_rows(CaseFilter(search=term), limit=200)
        query_ms.append((time.perf_counter() - start) * 1000)
    window = build_main_window(store, wording, settings)
    window.show()
    app.processEvents()
    shown_ms = []
    for term in SEARCH_TERMS * 3:
        start = time.perf_counter()
        window.case_list_model.set_filter(CaseFilter(search=term))
        app.processEvents()
        shown_ms.append((time.perf_counter() - start) * 1000)
    count_start = time.perf_counter()
    total = store.count_cases()
    count_ms = (time.perf_counter() - count_start) * 1000
    return {
        "cases": total,
        "open_to_first_rows_ms": round(statistics.median(first_rows), 1),
        "open_to_first_rows_target_ms": 150,
        "search_query_median_ms": round(statistics.median(query_ms), 2),
        "search_query_p90_ms": round(statistics.quantiles(query_ms, n=10)[-1], 2),
        "search_shown_in_list_median_ms": round(statistics.median(shown_ms), 2),
        "search_target_median_ms": 20,
        "count_all_ms": round(count_ms, 2),
    }


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark and print one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="repeats per figure (median taken)")
    parser.add_argument("--out", type=Path, help="also write the JSON to this file")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    small, big = _database(10_000), _database(100_000)
    figures = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "cold_start": cold_start(args.runs, small),
        "big_database": first_rows_and_search(big, args.runs),
    }
    text = json.dumps(figures, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
