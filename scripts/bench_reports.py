"""A big, realistic database for the report benchmarks (`bench.py --only dashboard` / `report`).

Rows are written with bulk SQL through the store's own connection (bench-only: the app never
does this), so 100,000 cases with their people, consents, stage history, agreements and
feedback, and 50,000 pilot entries, take seconds rather than the minutes the demo generator
would. The data is fictional and seeded, so every build is the same.

    from bench_reports import open_report_database, report_database
    path = report_database()             # made once in bench-data/, reused afterwards
    with open_report_database(path) as store:
        store.dashboard(...)
"""

from __future__ import annotations

import json
import random
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench-data"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from restorative_desk.store import Store  # noqa: E402

# The day the bench data ends (and the store's clock when opened for a benchmark).
BENCH_TODAY = date(2026, 11, 26)
BENCH_NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
# A fixed 256-bit key: the bench database is encrypted as the app's are (fictional data only).
REPORT_BENCH_KEY = bytes(range(32))
YEARS_OF_REFERRALS = 2

_PATH = ("referred", "initial_engagement", "risk_assessment", "preparing", "ready",
         "conference_held", "monitoring", "follow_up", "closed")  # fmt: skip
_SETTINGS = (("school", 45), ("yos", 30), ("care_home", 15), ("community", 10))
_ETHNICITIES = (
    ("white_british", 50), ("white_other", 6), ("white_irish", 1), ("white_gypsy_traveller", 1),
    ("white_roma", 1), ("black_african", 7), ("black_caribbean", 5), ("black_other", 1),
    ("asian_indian", 3), ("asian_pakistani", 3), ("asian_bangladeshi", 2), ("asian_chinese", 1),
    ("asian_other", 1), ("mixed_white_black_caribbean", 3), ("mixed_white_black_african", 1),
    ("mixed_white_asian", 1), ("mixed_other", 1), ("other_arab", 1), ("other_any", 1),
    ("prefer_not_to_say", 2),
)  # fmt: skip
_GENDERS = (("boy_or_man", 55), ("girl_or_woman", 40), ("another_way", 2),
            ("prefer_not_to_say", 3))  # fmt: skip
_SEND = (("none", 70), ("sen_support", 16), ("ehc_plan", 6), ("disability", 3),
         ("prefer_not_to_say", 5))  # fmt: skip
_CARE = (("not_in_care", 85), ("looked_after", 8), ("care_experienced", 7))
_ACTIVITIES = (
    ("restorative_conversation", 40), ("mini_conference", 15), ("full_conference", 4),
    ("class_circle", 18), ("staff_circle", 5), ("peer_mediation", 8), ("peer_training", 3),
    ("twilight_training", 3), ("coaching", 4),
)  # fmt: skip
_TRAINING = {"peer_training", "twilight_training", "coaching"}
_TOPICS = ("relationship", "bullying", "damage", "physical", "online", "other")
_OUTCOMES = (("resolved", 55), ("agreement_made", 25), ("follow_up_needed", 15),
             ("referred_safeguarding", 3), ("referred_yos", 2))  # fmt: skip
_ANSWERS = (("yes", 78), ("not_sure", 12), ("no", 10))
_BATCH = 20_000


def report_database(cases: int = 100_000, pilot_entries: int = 50_000) -> Path:
    """The report benchmark database in bench-data/, built once per size and schema version."""
    import hashlib

    from restorative_desk.store import schema

    # Named by the schema's source, so a changed migration (an index added) makes a new one.
    version = hashlib.sha256(Path(schema.__file__).read_bytes()).hexdigest()[:10]
    path = DATA / f"reports-{cases}-{pilot_entries}-{version}.db"
    if path.exists():
        return path
    DATA.mkdir(exist_ok=True)
    partial = path.with_suffix(".partial")
    for leftover in DATA.glob(partial.name + "*"):
        leftover.unlink()
    print(f"making {path.name} (once)…", file=sys.stderr)
    build_report_database(partial, cases=cases, pilot_entries=pilot_entries)
    partial.rename(path)
    return path


def open_report_database(path: Path, *, read_only: bool = True) -> Store:
    """Open a database made by build_report_database, its clock fixed on BENCH_NOW."""
    return Store.open(path, key=REPORT_BENCH_KEY, actor="bench", clock=lambda: BENCH_NOW,
                      read_only=read_only)  # fmt: skip


def build_report_database(
    path: Path, cases: int = 100_000, pilot_entries: int = 50_000, *, seed: int = 11
) -> Path:
    """Write a new encrypted database at `path` (key REPORT_BENCH_KEY) full of fictional cases
    referred over the two years to BENCH_TODAY, and pilot entries over the same two years."""
    if path.exists():
        raise FileExistsError(path)
    builder = _Builder(random.Random(seed))
    with Store.open(path, key=REPORT_BENCH_KEY, actor="bench", clock=lambda: BENCH_NOW) as store:
        conn = store._conn  # bench-only bulk loading through the store's own connection
        conn.execute("BEGIN")
        schools = builder.organisations(conn)
        for start in range(0, cases, _BATCH):
            tables = builder.cases(start, min(_BATCH, cases - start))
            for table, rows in tables.items():
                _insert_many(conn, table, rows)
        for start in range(0, pilot_entries, _BATCH):
            rows = builder.pilot_entries(schools, min(_BATCH, pilot_entries - start))
            _insert_many(conn, "pilot_entries", rows)
        from restorative_desk.store.search import SEARCH_ROWS_SQL

        conn.execute(f"INSERT INTO case_search {SEARCH_ROWS_SQL}")
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return path


def _insert_many(conn: Any, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    sql = (f"INSERT INTO {table} ({', '.join(columns)}) "
           f"VALUES ({', '.join('?' for _ in columns)})")  # fmt: skip
    conn.executemany(sql, [tuple(row[c] for c in columns) for row in rows])


_CUMULATIVE: dict[int, tuple[list[str], list[int]]] = {}


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    known = _CUMULATIVE.get(id(pairs))
    if known is None:
        total, cumulative = 0, []
        for _, weight in pairs:
            total += weight
            cumulative.append(total)
        known = _CUMULATIVE[id(pairs)] = ([p[0] for p in pairs], cumulative)
    return rng.choices(known[0], cum_weights=known[1])[0]


class _Builder:
    """Makes rows; keeps the running case number and the organisation names per setting."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.number = 0
        self.places: dict[str, list[str]] = {
            "school": [f"Bench School {n}" for n in range(1, 31)],
            "care_home": [f"Bench Lodge {n}" for n in range(1, 11)],
            "yos": [f"Bench YOS {n}" for n in range(1, 4)],
            "community": [f"Bench Community Project {n}" for n in range(1, 6)],
        }

    def _id(self) -> str:
        text = f"{self.rng.getrandbits(128):032x}"
        return f"{text[:8]}-{text[8:12]}-4{text[13:16]}-a{text[17:20]}-{text[20:]}"

    def organisations(self, conn: Any) -> list[str]:
        """Insert the organisations; returns the schools' ids (where pilot entries happen)."""
        kinds = {"school": "school", "care_home": "care_home", "yos": "yos",
                 "community": "other"}  # fmt: skip
        rows: list[dict[str, Any]] = []
        schools: list[str] = []
        for setting, names in self.places.items():
            for name in names:
                row: dict[str, Any] = {
                    "id": self._id(), "name": name, "kind": kinds[setting], "active": 1,
                    "created_at": BENCH_NOW.isoformat(),
                }  # fmt: skip
                rows.append(row)
                if setting == "school":
                    schools.append(row["id"])
        _insert_many(conn, "organisations", rows)
        return schools

    def cases(self, first: int, how_many: int) -> dict[str, list[dict[str, Any]]]:
        """Rows for `how_many` cases and everything about them, by table."""
        tables: dict[str, list[dict[str, Any]]] = {
            name: [] for name in ("cases", "people", "status_changes", "consents", "agreements",
                                  "participant_feedback", "staff_reflections", "partner_feedback")
        }  # fmt: skip
        for _ in range(how_many):
            self._case(tables)
        return tables

    def _case(self, t: dict[str, list[dict[str, Any]]]) -> None:
        rng = self.rng
        self.number += 1
        case_id, setting = self._id(), _weighted(rng, _SETTINGS)
        referred = BENCH_TODAY - timedelta(days=rng.randrange(365 * YEARS_OF_REFERRALS))
        stamp = f"{referred.isoformat()}T09:00:00+00:00"
        # How far along: older cases further on; about one in seven stops (not proceeding).
        age = (BENCH_TODAY - referred).days
        steps = len(_PATH)
        furthest = min(steps - 1, int(rng.triangular(0, steps, min(age / 60, steps))))
        stops = rng.random() < 0.15
        t["cases"].append({
            "id": case_id, "reference": f"RD-B-{self.number:06d}", "setting": setting,
            "organisation": rng.choice(self.places[setting]), "referral_source": "education",
            "referral_date": referred.isoformat(), "summary": "Fictional bench case",
            "status": "referred", "created_at": stamp, "updated_at": stamp,
        })  # fmt: skip
        day, moves = referred, []
        for step in range(1, furthest + 1):
            day += timedelta(days=rng.randint(1, 6) if step != 5 else rng.randint(2, 30))
            if day > BENCH_TODAY:
                break
            moves.append((_PATH[step - 1], _PATH[step], day))
        if stops:
            moves.append((moves[-1][1] if moves else "referred", "not_proceeding", day))
        if moves:
            t["cases"][-1]["status"] = moves[-1][1]
        for before, after, when in moves:
            t["status_changes"].append({
                "id": self._id(), "case_id": case_id, "from_status": before, "to_status": after,
                "changed_at": f"{when.isoformat()}T11:00:00+00:00", "changed_by": "bench",
            })  # fmt: skip
        reached = {after: when for _, after, when in moves}
        self._people(t, case_id, setting, referred, "preparing" in reached)
        held = reached.get("conference_held")
        if held is None:
            return
        self._after_conference(t, case_id, held, reached.get("closed"))

    def _people(self, t: dict[str, list[dict[str, Any]]], case_id: str, setting: str,
                referred: date, preparing: bool) -> None:  # fmt: skip
        rng = self.rng
        roles = ["person_harmed", "person_responsible"] + ["supporter"] * rng.randint(0, 2)
        if rng.random() < 0.1:
            roles.append("community_member")
        for position, role in enumerate(roles):
            child = role in ("person_harmed", "person_responsible") and (
                setting != "community" or rng.random() < 0.5
            )
            born = band = None
            if child and rng.random() < 0.6:
                born = (referred - timedelta(days=rng.randint(9 * 365, 18 * 365))).isoformat()
            elif child and rng.random() < 0.6:
                band = rng.choice(("under_10", "10_13", "14_15", "16_17"))
            person_id = self._id()
            t["people"].append({
                "id": person_id, "case_id": case_id, "role": role,
                "name": f"Bench Person {self.number}-{position}", "is_child": int(child),
                "date_of_birth": born, "age_band": band, "position": position,
                "created_at": BENCH_NOW.isoformat(), "updated_at": BENCH_NOW.isoformat(),
                "ethnicity": self._maybe(_ETHNICITIES, 0.15) if child else None,
                "gender": self._maybe(_GENDERS, 0.1) if child else None,
                "send": self._maybe(_SEND, 0.2) if child else None,
                "care_status": self._maybe(_CARE, 0.2) if child else None,
            })  # fmt: skip
            if preparing and role != "community_member" and rng.random() < 0.85:
                withdrawn = (referred + timedelta(days=20)).isoformat()
                t["consents"].append({
                    "id": self._id(), "case_id": case_id, "person_id": person_id,
                    "given_by": "parent_carer" if child else "self",
                    "given_on": (referred + timedelta(days=10)).isoformat(),
                    "method": "signed_form", "ways": json.dumps(["face_to_face"]),
                    "withdrawn_on": withdrawn if rng.random() < 0.07 else None,
                    "recorded_by": "bench", "recorded_at": BENCH_NOW.isoformat(),
                })  # fmt: skip

    def _maybe(self, pairs: tuple[tuple[str, int], ...], missing: float) -> str | None:
        return None if self.rng.random() < missing else _weighted(self.rng, pairs)

    def _after_conference(
        self, t: dict[str, list[dict[str, Any]]], case_id: str, held: date, closed: date | None
    ) -> None:
        rng = self.rng
        if rng.random() < 0.85:
            versions = 2 if rng.random() < 0.1 else 1
            for version in range(1, versions + 1):
                last = version == versions
                outcome = _weighted(rng, (("completed", 60), ("partly_completed", 25),
                                          ("not_completed", 15)))  # fmt: skip
                t["agreements"].append({
                    "id": self._id(), "case_id": case_id, "version": version,
                    "status": outcome if last and closed else "agreed",
                    "agreed_on": held.isoformat(),
                    "closed_on": closed.isoformat() if last and closed else None,
                    "created_at": f"{held.isoformat()}T12:00:00+00:00", "created_by": "bench",
                })  # fmt: skip
        given = min(BENCH_TODAY, held + timedelta(days=rng.randint(0, 10))).isoformat()
        for role in ("person_harmed", "person_responsible", "supporter", "community_member"):
            if rng.random() < (0.7 if role.startswith("person") else 0.3):
                satisfaction = rng.choices((1, 2, 3, 4, 5), weights=(3, 4, 10, 35, 48))[0]
                t["participant_feedback"].append({
                    "id": self._id(), "case_id": case_id, "role": role, "given_on": given,
                    "method": rng.choice(("paper", "with_them")),
                    "satisfaction": satisfaction if rng.random() < 0.95 else None,
                    **{question: self._maybe(_ANSWERS, 0.08) for question in (
                        "felt_safe", "felt_heard", "understood_next", "real_choice",
                        "would_recommend")},
                    "comment": "Fictional comment", "recorded_at": BENCH_NOW.isoformat(),
                })  # fmt: skip
        if rng.random() < 0.5:
            t["staff_reflections"].append({
                "id": self._id(), "case_id": case_id, "given_on": given, "by_whom": "Bench",
                "prepared": rng.randint(2, 5), "impact": rng.randint(1, 5),
                "recorded_at": BENCH_NOW.isoformat(),
            })  # fmt: skip
        if rng.random() < 0.1:
            t["partner_feedback"].append({
                "id": self._id(), "case_id": case_id, "agency": "police",
                "organisation": "Bench Police", "given_on": given,
                "satisfaction": rng.randint(2, 5), "kept_informed": _weighted(rng, _ANSWERS),
                "would_refer_again": _weighted(rng, _ANSWERS),
                "recorded_at": BENCH_NOW.isoformat(),
            })  # fmt: skip

    def pilot_entries(self, schools: list[str], how_many: int) -> list[dict[str, Any]]:
        """Rows for `how_many` pilot sessions over the two years, in term time mostly."""
        rng, rows = self.rng, []
        for _ in range(how_many):
            activity = _weighted(rng, _ACTIVITIES)
            day = BENCH_TODAY - timedelta(days=rng.randrange(365 * YEARS_OF_REFERRALS))
            training = activity in _TRAINING
            outcome = None if training else _weighted(rng, _OUTCOMES)
            follow_up = day + timedelta(days=14) if outcome == "follow_up_needed" else None
            rows.append({
                "id": self._id(), "organisation_id": rng.choice(schools),
                "session_date": day.isoformat(), "activity": activity,
                "pupils": rng.randint(0 if activity == "staff_circle" else 1, 30),
                "staff": rng.randint(1, 12 if training else 3),
                "year_groups": json.dumps(sorted(rng.sample(range(14), rng.randint(1, 3)))),
                "topic": None if training else rng.choice(_TOPICS), "outcome": outcome,
                "follow_up_date": follow_up.isoformat() if follow_up else None,
                "staff_initials": "BN", "created_at": BENCH_NOW.isoformat(),
                "updated_at": BENCH_NOW.isoformat(),
            })  # fmt: skip
        return rows


def dashboard_figures(runs: int = 15) -> dict[str, object]:
    """store.dashboard() on the big database: first after opening, refreshed with another
    filter, after one small write, against the case-file floor (see bench_dashboard.py)."""
    from bench_dashboard import dashboard_figures as measured

    return measured(runs)


if __name__ == "__main__":
    print(report_database())
