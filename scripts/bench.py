"""Benchmark figures for Restorative Desk, printed as one JSON object.

Measures, in one run on this machine:
- cold start of the app to its main window shown, on a 10,000-case database, against a bare
  PySide6 QMainWindow started the same way (the floor);
- opening a 100,000-case database to the first rows shown in the case list;
- search latency on the 100,000-case database (the store's query, and the list showing it);
- rendering an outcome agreement PDF, against a bare reportlab document with the same content,
  and printing 1,000 agreements in a batch.

Databases are made once with the demo generator and kept in bench-data/ (git-ignored).
Usage: .venv/bin/python scripts/bench.py [--runs N] [--out FILE]
       [--only agreements|report|dashboard]
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


BENCH_PASSPHRASE = "bench heron teapot glacier"
ROUNDS = 3


def _plain_database(cases: int) -> Path:
    """An unencrypted demo database with `cases` cases, made once and reused (the floor)."""
    from restorative_desk.demo import fill_demo
    from restorative_desk.store import Store
    from restorative_desk.store.connection import UNENCRYPTED_FOR_BENCHMARKS as PLAIN
    from restorative_desk.store.versions import SCHEMA_MIGRATIONS

    version = len(SCHEMA_MIGRATIONS)
    path = DATA / f"demo-{cases}-v{version}.db"
    if path.exists():
        return path
    DATA.mkdir(exist_ok=True)
    older = sorted(DATA.glob(f"demo-{cases}-v[0-9].db"))
    if older:  # an earlier schema: migrate it rather than make 100,000 cases again
        older[-1].rename(path)
        Store.open(path, key=PLAIN, actor="bench").close()
        return path
    partial = path.with_suffix(".partial")
    for leftover in DATA.glob(partial.name + "*"):
        leftover.unlink()
    print(f"making {path.name} (once)…", file=sys.stderr)
    with Store.open(partial, key=PLAIN, actor="bench") as store:
        for start in range(0, cases, 10_000):
            fill_demo(store, min(10_000, cases - start), seed=start)
    for suffix in ("-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    partial.rename(path)
    return path


def _encrypted_database(plain: Path) -> tuple[Path, bytes]:
    """An encrypted copy of `plain` with a real vault (passphrase BENCH_PASSPHRASE)."""
    from restorative_desk.security import create_vault, keys_path, unlock
    from restorative_desk.store import Store
    from restorative_desk.store.connection import open_connection

    path = plain.with_name(plain.stem + "-encrypted.db")
    if path.exists() and keys_path(path).exists():
        return path, unlock(path, BENCH_PASSPHRASE).key
    for leftover in (path, keys_path(path)):
        leftover.unlink(missing_ok=True)
    key, _ = create_vault(path, BENCH_PASSPHRASE)
    target = open_connection(path, key)  # an empty file in the app's own encrypted format
    target.execute(f"ATTACH DATABASE '{plain}' AS plain KEY ''")
    target.execute("SELECT sqlcipher_export('main', 'plain')")
    target.execute("DETACH DATABASE plain")
    target.close()
    Store.open(path, key=key, actor="bench").close()  # WAL mode and the usual pragmas
    return path, key


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("RESTORATIVE_DESK_PASSPHRASE", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("RESTORATIVE_DESK_DB", None)
    env["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="rd-bench-config-")
    return env


def _time_until_shown(argv: list[str], *, passphrase: str | None = None) -> float:
    """Milliseconds from starting a process to it printing 'shown' (not counting its exit)."""
    env = _child_env()
    if passphrase is not None:
        env["RESTORATIVE_DESK_PASSPHRASE"] = passphrase
    start = time.perf_counter()
    with subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        line = child.stdout.readline()
        elapsed = (time.perf_counter() - start) * 1000
        errors = child.stderr.read()
    if line.strip() != "shown":
        raise SystemExit(f"bench: {argv[:3]} did not show a window: {errors.strip()[-500:]}")
    return elapsed


def cold_start(runs: int, db: Path) -> dict[str, float | str]:
    """Median cold starts, interleaved with the bare window so all see the same machine load.

    The app first shows its unlock screen: that is the start-up compared with the bare
    window. Reaching the main window also includes unlocking (Argon2id, about a second by
    design), measured with the passphrase given in the environment.
    """
    python = sys.executable
    to_unlock = [python, "-m", "ui.app", "--db", str(db), "--screen", "unlock", "--exit-when-shown"]
    to_main = [python, "-m", "ui.app", "--db", str(db), "--exit-when-shown"]
    bare: list[float] = []
    unlock_screen: list[float] = []
    main_window: list[float] = []
    for _ in range(runs):
        bare.append(_time_until_shown([python, "-c", BARE_WINDOW]))
        unlock_screen.append(_time_until_shown(to_unlock))
        main_window.append(_time_until_shown(to_main, passphrase=BENCH_PASSPHRASE))
    bare_ms = statistics.median(bare)
    unlock_ms = statistics.median(unlock_screen)
    return {
        "bare_window_ms": round(bare_ms, 1),
        "app_to_unlock_screen_ms": round(unlock_ms, 1),
        "start_ratio": round(unlock_ms / bare_ms, 2),
        "start_ratio_target": 1.5,
        "app_to_main_window_10k_cases_with_unlock_ms": round(statistics.median(main_window), 1),
        "note": "the main window figure includes one Argon2id passphrase check by design",
    }


def big_database_figures(db: Path, key: bytes, runs: int) -> dict[str, float]:
    """Open the big database to first rows shown; search latency; saving cases."""
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
        store = Store.open(db, key=key, actor="bench")
        window = build_main_window(store, wording, settings)
        window.show()
        app.processEvents()
        assert window.case_list_model.rowCount() > 0
        first_rows.append((time.perf_counter() - start) * 1000)
        window.close()
        window.deleteLater()
        app.processEvents()
        store.close()

    store = Store.open(db, key=key, actor="bench")
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
    window.close()
    count_start = time.perf_counter()
    total = store.count_cases()
    count_ms = (time.perf_counter() - count_start) * 1000
    save_ms = _save_figures(store)
    store.close()
    return {
        "cases": total,
        "open_to_first_rows_ms": round(statistics.median(first_rows), 1),
        "search_query_median_ms": round(statistics.median(query_ms), 2),
        "search_query_p90_ms": round(statistics.quantiles(query_ms, n=10)[-1], 2),
        "search_shown_in_list_median_ms": round(statistics.median(shown_ms), 2),
        "count_all_ms": round(count_ms, 2),
        "save_case_median_ms": round(save_ms, 2),
    }


def _save_figures(store: object) -> float:
    """Median time to save one new case (its own transaction, synchronous=FULL), then undo."""
    from datetime import date

    from restorative_desk.records import Case, ReferralSource, Setting
    from restorative_desk.store import Store

    assert isinstance(store, Store)
    times, made = [], []
    for number in range(60):
        case = Case(Setting.SCHOOL, "Bench School", ReferralSource.EDUCATION, date(2026, 1, 5),
                    f"Benchmark save {number}")  # fmt: skip
        start = time.perf_counter()
        made.append(store.create_case(case).id)
        times.append((time.perf_counter() - start) * 1000)
    for case_id in made:
        store.erase_case(case_id)
    return statistics.median(times)


def agreement_figures(runs: int = 60, batch: int = 1000) -> dict[str, float]:
    """Rendering an agreement against a bare reportlab document with the same content.

    The two are timed alternately, after one warm-up each (fonts, templates and styles are
    made once per process, as in the app). The batch renders `batch` different agreements
    (references, names and actions vary) one after another, as printing many at once does.
    """
    from bench_documents import bare_agreement, sample_agreement

    from restorative_desk.documents.agreement import render_agreement

    doc = sample_agreement(0)
    render_agreement(doc)
    bare_agreement(doc)
    ours, bare = [], []
    for _ in range(runs):
        start = time.perf_counter()
        render_agreement(doc)
        ours.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        bare_agreement(doc)
        bare.append((time.perf_counter() - start) * 1000)
    each, floor = [], []
    documents = [sample_agreement(number) for number in range(batch)]
    batch_s = 0.0
    for number, document in enumerate(documents):
        start = time.perf_counter()
        render_agreement(document)
        each.append((time.perf_counter() - start) * 1000)
        batch_s += each[-1] / 1000
        if number % 10 == 0:  # the floor on the same machine load, for reading the median
            start = time.perf_counter()
            bare_agreement(document)
            floor.append((time.perf_counter() - start) * 1000)
    ours_ms, bare_ms = statistics.median(ours), statistics.median(bare)
    return {
        "render_one_ms": round(ours_ms, 2),
        "bare_reportlab_same_content_ms": round(bare_ms, 2),
        "ratio": round(ours_ms / bare_ms, 2),
        "ratio_target_at_most": 1.5,
        f"batch_{batch}_per_document_median_ms": round(statistics.median(each), 2),
        f"batch_{batch}_per_document_p90_ms": round(statistics.quantiles(each, n=10)[-1], 2),
        f"batch_{batch}_total_s": round(batch_s, 2),
        "batch_bare_reportlab_median_ms": round(statistics.median(floor), 2),
        "batch_per_document_target_ms": 25,
    }


def unlock_figures(db: Path, runs: int) -> dict[str, float]:
    """How long unlocking takes (Argon2id tuned to 0.5 to 1 s) and re-wrapping the key."""
    from restorative_desk.security import change_passphrase, keys_path, unlock

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        key = unlock(db, BENCH_PASSPHRASE).key
        times.append(time.perf_counter() - start)
    backup = keys_path(db).read_bytes()
    start = time.perf_counter()
    change_passphrase(db, key, BENCH_PASSPHRASE)
    rewrap = time.perf_counter() - start
    keys_path(db).write_bytes(backup)
    return {
        "unlock_median_s": round(statistics.median(times), 3),
        "unlock_target_s": "0.5 to 1.0",
        "change_passphrase_s": round(rewrap, 3),
        "change_passphrase_target_s": 1.0,
    }  # type: ignore[return-value]


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark and print one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="repeats per figure (median taken)")
    parser.add_argument("--out", type=Path, help="also write the JSON to this file")
    parser.add_argument(
        "--only", choices=["agreements", "report", "dashboard"],
        help="run only this part (the whole run does every part; agreements: quick, no "
        "databases; report: the board report "
        "PDF over the report database; dashboard: store.dashboard() and the CSV export over "
        "the same database)",
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if args.only == "agreements":
        return _report({"machine": _machine(), "agreement_documents": agreement_figures()}, args)
    if args.only == "report":
        from bench_board import report_figures

        return _report({"machine": _machine(), "board_report": report_figures(args.runs)}, args)
    if args.only == "dashboard":
        from bench_reports import dashboard_figures

        return _report({"machine": _machine(), "dashboard": dashboard_figures(args.runs)}, args)
    from restorative_desk.store.connection import UNENCRYPTED_FOR_BENCHMARKS as PLAIN

    small_plain, big_plain = _plain_database(10_000), _plain_database(100_000)
    small, _ = _encrypted_database(small_plain)
    big, big_key = _encrypted_database(big_plain)
    # Alternate the two, three rounds each, and take each figure's median: on a shared machine
    # one round of either can be slowed by anything else that happens to run.
    rounds: dict[str, list[dict[str, float]]] = {"plain": [], "encrypted": []}
    for _ in range(ROUNDS):
        rounds["plain"].append(big_database_figures(big_plain, PLAIN, args.runs))
        rounds["encrypted"].append(big_database_figures(big, big_key, args.runs))
    plain, encrypted = (
        {name: statistics.median(r[name] for r in rounds[kind]) for name in rounds[kind][0]}
        for kind in ("plain", "encrypted")
    )
    ratios = {
        name: round(encrypted[name] / plain[name], 2)
        for name in (
            "open_to_first_rows_ms",
            "search_query_median_ms",
            "search_shown_in_list_median_ms",
            "save_case_median_ms",
        )
    }
    figures = {
        "machine": _machine(),
        "cold_start": cold_start(args.runs, small),
        "unlock": unlock_figures(small, 3),
        "big_database_encrypted": {
            **encrypted,
            "targets": {"open_to_first_rows_ms": 150, "search_query_median_ms": 20},
        },
        "big_database_unencrypted_floor": plain,
        "encrypted_over_unencrypted": {**ratios, "target_at_most": 1.3},
        "agreement_documents": agreement_figures(),
    }
    from bench_board import report_figures
    from bench_reports import dashboard_figures

    figures["dashboard"] = dashboard_figures(args.runs)
    figures["board_report"] = report_figures(args.runs)
    return _report(figures, args)


def _machine() -> dict[str, object]:
    return {"cpus": os.cpu_count(), "python": sys.version.split()[0]}


def _report(figures: dict[str, object], args: argparse.Namespace) -> int:
    """Print the figures as JSON (and write them to --out)."""
    text = json.dumps(figures, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
