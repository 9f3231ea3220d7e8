"""`bench.py --only dashboard`: store.dashboard() over the report database (100,000 cases, 50,000
pilot entries; see bench_reports.py), in the four situations a coordinator meets.

(a) the first dashboard after opening the case file: the facts are read into memory;
(b) a refresh with another filter (the target: 300 ms);
(c) a refresh after one small write (a consent removed, a case moved on, a child's answer
    changed, a pilot session added) on a copy of the database, the facts brought up to date;
(d) the floor: the same counts read straight from the case file (report_tallies(cached=False)),
    interleaved with (b) so both see the same machine load;
plus the memory the facts take, and the anonymised CSV export.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from bench_reports import (
    BENCH_TODAY,
    DATA,
    YEARS_OF_REFERRALS,
    open_report_database,
    report_database,
)

from restorative_desk.records import Setting, Status
from restorative_desk.reports.figures import ReportFilter
from restorative_desk.store import Store

FILTERS = {
    "last_12_months": ReportFilter(date(2025, 12, 1), BENCH_TODAY),
    "two_years": ReportFilter(BENCH_TODAY - timedelta(days=365 * YEARS_OF_REFERRALS),
                              BENCH_TODAY),
    "one_school": ReportFilter(date(2025, 12, 1), BENCH_TODAY, frozenset({Setting.SCHOOL}),
                               "bench school 7"),
    "autumn_term_yos": ReportFilter(date(2026, 9, 1), date(2026, 11, 26),
                                    frozenset({Setting.YOS})),
}  # fmt: skip


def _ms(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


def _summary(times: list[float]) -> dict[str, float]:
    return {
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
    }


def dashboard_figures(runs: int = 15) -> dict[str, object]:
    """Every figure of the module docstring, as a dict for bench.py's JSON."""
    from restorative_desk.reports.export import write_anonymised_csv

    path = report_database()
    figures: dict[str, object] = {}
    # (a) first dashboard after opening: a new Store each time, the facts read from scratch.
    first = []
    for _ in range(3):
        with open_report_database(path) as store:
            first.append(_ms(lambda: store.dashboard(FILTERS["last_12_months"])))
    figures["a_first_dashboard_after_opening"] = _summary(first)
    with open_report_database(path) as store:
        cases = store.count_cases()
        tracemalloc.start()
        store.dashboard(FILTERS["last_12_months"])
        python_bytes = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        figures["facts_memory_mb"] = {
            "temp_tables_and_indexes": round(store.report_facts().memory_bytes() / 1e6, 1),
            "python_peak_while_reading": round(python_bytes / 1e6, 1),
        }
        # (b) refresh with another filter, interleaved with (d) the floor.
        refresh: dict[str, list[float]] = {name: [] for name in FILTERS}
        floor: dict[str, list[float]] = {name: [] for name in FILTERS}
        every: list[float] = []
        for _ in range(runs):
            for name, report_filter in FILTERS.items():
                took = _ms(lambda: store.dashboard(report_filter))  # noqa: B023
                refresh[name].append(took)
                every.append(took)
                floor[name].append(_ms(
                    lambda: store.dashboard(report_filter, cached=False)  # noqa: B023
                ))  # fmt: skip
        figures["b_refresh_with_another_filter"] = {
            "all_filters": _summary(every),
            **{name: _summary(times) for name, times in refresh.items()},
        }
        figures["d_uncached_floor"] = {name: _summary(t) for name, t in floor.items()}
        dashboard = store.dashboard(FILTERS["last_12_months"])
        folder = Path(tempfile.mkdtemp(prefix="rd-bench-csv-"))
        csv_times = [_ms(lambda: write_anonymised_csv(dashboard, folder / "figures.csv"))
                     for _ in range(runs)]  # fmt: skip
        lines = write_anonymised_csv(dashboard, folder / "figures.csv")
        shutil.rmtree(folder, ignore_errors=True)
    figures["c_refresh_after_one_small_write"] = _after_writes(path, max(3, runs // 3))
    return {
        "cases": cases,
        "pilot_entries": 50_000,
        **figures,
        "export_csv_median_ms": round(statistics.median(csv_times), 2),
        "export_csv_lines": lines,
        "target_refresh_ms": 300,
    }


def _after_writes(path: Path, runs: int) -> dict[str, object]:
    """On an encrypted copy of the database (removed afterwards): each run makes one small
    write, then times the dashboard (the facts read again for that case only)."""
    folder = Path(tempfile.mkdtemp(prefix="rd-bench-write-", dir=DATA))
    copy = folder / path.name
    try:
        shutil.copyfile(path, copy)
        with open_report_database(copy, read_only=False) as store:
            report_filter = FILTERS["last_12_months"]
            store.dashboard(report_filter)
            writes = _small_writes(store, runs)
            times: dict[str, list[float]] = {name: [] for name in writes}
            for name, write in writes.items():
                for index in range(runs):
                    write(index)
                    times[name].append(_ms(lambda: store.dashboard(report_filter)))
            rebuilds = store.report_facts().rebuilds
        return {**{name: _summary(t) for name, t in times.items()},
                "facts_read_from_scratch": rebuilds}  # fmt: skip
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _small_writes(store: Store, runs: int) -> dict[str, Callable[[int], None]]:
    from dataclasses import replace

    from restorative_desk.monitoring import Ethnicity
    from restorative_desk.pilots.records import (
        OrganisationKind,
        PilotActivity,
        PilotEntry,
        PilotOutcome,
        PilotTopic,
    )

    recent = store._conn.execute(  # bench-only: choosing which records to change
        "SELECT k.id, p.id FROM consents k JOIN people p ON p.id = k.person_id "
        "WHERE k.withdrawn_on IS NULL AND p.is_child = 1 AND k.given_on <= ? "
        "ORDER BY k.given_on DESC LIMIT ?",
        [BENCH_TODAY.isoformat(), runs],
    ).fetchall()
    school = next(o for o in store.organisations() if o.kind is OrganisationKind.SCHOOL)

    held = [row[0] for row in store._conn.execute(
        "SELECT id FROM cases WHERE status = 'conference_held' LIMIT ?", [runs]
    )]  # fmt: skip

    def remove_consent(index: int) -> None:
        # (The bench's parents' consents have no giver's name, so withdrawing them is refused;
        # a consent removed as recorded in error changes the same count.)
        store.remove_consent(recent[index][0])

    def move_on(index: int) -> None:
        store.move_case(held[index], Status.MONITORING)

    def answer(index: int) -> None:
        person = store.get_person(recent[index][1])
        store.update_person(replace(person, ethnicity=Ethnicity.WHITE_IRISH))

    def session(index: int) -> None:
        store.add_pilot_entry(PilotEntry(
            organisation_id=school.id, session_date=BENCH_TODAY, staff_initials="BN",
            activity=PilotActivity.CLASS_CIRCLE, pupils=20, staff=1, year_groups=(7,),
            topic=PilotTopic.BULLYING, outcome=PilotOutcome.RESOLVED,
        ))  # fmt: skip

    return {"consent_removed": remove_consent, "case_moved_on": move_on,
            "childs_answer_changed": answer, "pilot_session_added": session}  # fmt: skip
