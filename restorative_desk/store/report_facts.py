"""The dashboard's facts, kept in memory per open store and brought up to date from the audit
trail, so each filter is answered by small GROUP BY queries over narrow in-memory tables rather
than by reading the encrypted case file (store/report_counts.py asks them).

The facts are TEMP tables on the store's own connection. The connection keeps temporary
storage in memory (connection.py: PRAGMA temp_store = MEMORY), so nothing of them ever reaches
the disk, encrypted or not; they vanish when the store closes. They hold no names, free text,
references or dates of birth: per case its key, referral date, setting, organisation, the
first moment it was held and its latest agreement's status; per child harmed or responsible the
case key, equality answers, age band at referral and which stages they reached; feedback
answers by day; pilot sessions by day, school, activity and outcome.

Staying current: every write to a case's records is audited with the case's id inside the
write's own transaction (Store._insert/_update/_delete and _audit), and the audit trail's
`seq` only grows. The facts remember the last seq they saw; on each read, the cases named by
newer entries are read again (erased ones dropped). Partner feedback not about a case and pilot
sessions are audited without a case, by their record type, and read again whole (small). A trail
that went backwards or has a gap, a person moved to another case (its old case's row would
stay), or a long list of changed cases means reading everything again. Never stale figures."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..agreements.records import AgreementStatus
from ..records import AgeBand, Role, Status
from . import driver as sqlite3
from .search import fold

HELD = Status.CONFERENCE_HELD.value
COMPLETED = AgreementStatus.COMPLETED.value
# Record types (as the audit trail names them) whose changes are read again whole.
PARTNER_FEEDBACK = "partner feedback"
PILOT_ENTRY = "pilot entry"
PERSON = "person"
# Above this share of the cases changed since the last read, read everything again instead.
REBUILD_SHARE = 0.2
TEMP_IN_MEMORY = 2  # PRAGMA temp_store's value for MEMORY
BUILD_STEPS = 7  # the six fillings and the indexes, for progress

# The youngest age in each band, oldest first (as restorative_desk/age_bands.py counts them).
_BAND_FROM = ((25, AgeBand.AGE_25_PLUS), (18, AgeBand.AGE_18_24), (16, AgeBand.AGE_16_17),
              (14, AgeBand.AGE_14_15), (10, AgeBand.AGE_10_13))  # fmt: skip
# Whole years from date of birth (people `p`) to referral date (cases `c`), over ISO dates.
_AGE_SQL = ("(CAST(substr(c.referral_date, 1, 4) AS INTEGER) "
            "- CAST(substr(p.date_of_birth, 1, 4) AS INTEGER) "
            "- (substr(c.referral_date, 6, 5) < substr(p.date_of_birth, 6, 5)))")  # fmt: skip
BAND_SQL = (
    "CASE WHEN p.date_of_birth IS NULL THEN p.age_band "
    + "".join(f"WHEN {_AGE_SQL} >= {age} THEN '{band.value}' " for age, band in _BAND_FROM)
    + f"ELSE '{AgeBand.UNDER_10.value}' END"
)
# Children harmed or responsible: written out (not parameters) so that SQLite can use the
# partial index people_in_cohort (m012), which has the same condition.
COHORT_SQL = (f"p.is_child = 1 AND p.role IN ('{Role.PERSON_HARMED.value}', "
              f"'{Role.PERSON_RESPONSIBLE.value}')")  # fmt: skip

_TABLES = (
    # One row per case; `place` and `profile` are small numbers standing for a (setting,
    # organisation) and a child's five equality answers (ReportFacts keeps what they mean).
    # Each count reads an index that starts with what it groups by, so no sorting is needed.
    "CREATE TEMP TABLE rf_cases (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
    "referral_date TEXT, referral_month TEXT, place INTEGER, held_at TEXT, held_month TEXT, "
    "held_n INTEGER, held_days INTEGER, agreement_status TEXT, closed_on TEXT)",
    "CREATE INDEX temp.rf_cases_referred ON rf_cases (referral_month, place, referral_date)",
    "CREATE INDEX temp.rf_cases_held ON rf_cases "
    "(held_month, place, held_at, held_n) WHERE held_at IS NOT NULL",
    "CREATE INDEX temp.rf_cases_held_days ON rf_cases "
    "(place, held_days, held_at, held_n) WHERE held_at IS NOT NULL",
    "CREATE INDEX temp.rf_cases_closed ON rf_cases "
    "(closed_on, agreement_status, place) WHERE closed_on IS NOT NULL",
    # One row per child harmed or responsible, with the stages their case reached.
    "CREATE TEMP TABLE rf_children (case_seq INTEGER NOT NULL, referral_date TEXT, "
    "place INTEGER, profile INTEGER, consented INTEGER, held INTEGER, completed INTEGER)",
    "CREATE INDEX temp.rf_children_counted ON rf_children "
    "(profile, referral_date, place, consented, held, completed)",
    "CREATE INDEX temp.rf_children_by_case ON rf_children (case_seq)",
    # Feedback answers, with their case's place.
    "CREATE TEMP TABLE rf_participants (case_seq INTEGER NOT NULL, given_on TEXT, role TEXT, "
    "place INTEGER, satisfaction INTEGER, felt_safe TEXT, felt_heard TEXT, "
    "understood_next TEXT, real_choice TEXT, would_recommend TEXT)",
    "CREATE INDEX temp.rf_participants_counted ON rf_participants (role, given_on, place, "
    "satisfaction, felt_safe, felt_heard, understood_next, real_choice, would_recommend)",
    "CREATE INDEX temp.rf_participants_by_case ON rf_participants (case_seq)",
    "CREATE TEMP TABLE rf_staff (case_seq INTEGER NOT NULL, given_on TEXT, place INTEGER, "
    "impact INTEGER)",
    "CREATE INDEX temp.rf_staff_counted ON rf_staff (given_on, place, impact)",
    "CREATE INDEX temp.rf_staff_by_case ON rf_staff (case_seq)",
    # Partner feedback: case_seq NULL for feedback about the service in general, whose place
    # has no setting ('') and the organisation it names.
    "CREATE TEMP TABLE rf_partners (case_seq INTEGER, given_on TEXT, place INTEGER, "
    "satisfaction INTEGER, would_refer_again TEXT)",
    "CREATE TEMP TABLE rf_pilots (session_date TEXT, organisation_id TEXT, activity TEXT, "
    "outcome TEXT)",
    "CREATE INDEX temp.rf_pilots_counted ON rf_pilots "
    "(organisation_id, activity, outcome, session_date)",
    # The cases to read again (ids), filled for each refresh.
    "CREATE TEMP TABLE rf_todo (id TEXT PRIMARY KEY)",
)
_CASE_TABLES = ("rf_children", "rf_participants", "rf_staff", "rf_partners")
_ALL_TABLES = ("rf_cases", *_CASE_TABLES, "rf_pilots", "rf_todo")
PLACE_FUNCTION = "rf_place"
PROFILE_FUNCTION = "rf_profile"
_PROFILE_COLUMNS = "p.ethnicity, p.gender, p.send, p.care_status"


def _insert_cases(only: str) -> str:
    """Fill rf_cases for the cases matching `only` (SQL over cases `c`, or "1")."""
    near = only.replace("c.id", "case_id")
    return (
        "INSERT INTO temp.rf_cases (seq, id, referral_date, referral_month, place, held_at, "
        "held_month, held_n, held_days, agreement_status, closed_on) "
        "SELECT c.seq, c.id, c.referral_date, substr(c.referral_date, 1, 7), "
        f"{PLACE_FUNCTION}(c.setting, c.organisation), h.first, substr(h.first, 1, 7), h.n, "
        "CAST(julianday(substr(h.first, 1, 10)) - julianday(c.referral_date) AS INTEGER), "
        "a.status, a.closed_on FROM main.cases c "
        # The first move to "conference held", and how many moves there were at that very
        # moment (the uncached count counts each of them: kept the same).
        "LEFT JOIN (SELECT case_id, min(changed_at) AS first, n FROM ("
        "SELECT case_id, changed_at, count(*) AS n FROM main.status_changes "
        f"WHERE to_status = '{HELD}' AND {near} GROUP BY case_id, changed_at) "
        "GROUP BY case_id) h ON h.case_id = c.id "
        # The latest agreement version.
        "LEFT JOIN (SELECT case_id, status, closed_on, max(version) FROM main.agreements "
        f"WHERE {near} GROUP BY case_id) a ON a.case_id = c.id "
        f"WHERE {only}"
    )


def _insert_children(only: str) -> str:
    return (
        "INSERT INTO temp.rf_children (case_seq, referral_date, place, profile, consented, "
        "held, completed) "
        f"SELECT c.seq, c.referral_date, c.place, {PROFILE_FUNCTION}({_PROFILE_COLUMNS}, "
        f"{BAND_SQL}), "
        "EXISTS (SELECT 1 FROM main.consents k WHERE k.case_id = p.case_id "
        "AND k.person_id = p.id AND k.withdrawn_on IS NULL), c.held_at IS NOT NULL, "
        f"coalesce(c.agreement_status = '{COMPLETED}', 0) "
        "FROM main.people p CROSS JOIN temp.rf_cases c ON c.id = p.case_id "
        f"WHERE {COHORT_SQL} AND {only}"
    )


def _insert_feedback(only: str) -> tuple[str, ...]:
    return (
        "INSERT INTO temp.rf_participants SELECT c.seq, f.given_on, f.role, c.place, "
        "f.satisfaction, f.felt_safe, f.felt_heard, f.understood_next, f.real_choice, "
        "f.would_recommend FROM main.participant_feedback f "
        f"JOIN temp.rf_cases c ON c.id = f.case_id WHERE {only}",
        "INSERT INTO temp.rf_staff SELECT c.seq, s.given_on, c.place, s.impact "
        f"FROM main.staff_reflections s JOIN temp.rf_cases c ON c.id = s.case_id WHERE {only}",
    )


_INSERT_PARTNERS = (
    "INSERT INTO temp.rf_partners SELECT c.seq, p.given_on, "
    f"CASE WHEN p.case_id IS NULL THEN {PLACE_FUNCTION}('', p.organisation) ELSE c.place END, "
    "p.satisfaction, p.would_refer_again FROM main.partner_feedback p "
    "LEFT JOIN temp.rf_cases c ON c.id = p.case_id "
    # Feedback about a case not among the facts cannot be: the case's refresh reads it.
    "WHERE p.case_id IS NULL OR c.seq IS NOT NULL"
)
_INSERT_PILOTS = (
    "INSERT INTO temp.rf_pilots SELECT session_date, organisation_id, activity, outcome "
    "FROM main.pilot_entries INDEXED BY pilot_entries_for_reports"
)
_NOCASE = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def nocase(text: str) -> str:
    """`text` as SQLite's NOCASE collation compares it (ASCII letters only)."""
    return text.translate(_NOCASE)


Told = Callable[[int], None]
Profile = tuple[str | None, str | None, str | None, str | None, str | None]


class ReportFacts:
    """The facts on one connection, and the audit seq they are current to."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = self._conn = conn
        # Temporary tables in memory only (the app's connections already say so; a throwaway
        # in-memory store might not): the facts must never reach a plain file on disk.
        if conn.execute("PRAGMA temp_store").fetchone()[0] != TEMP_IN_MEMORY:
            conn.execute("PRAGMA temp_store = MEMORY")
        self.seq = -1  # nothing read yet
        self._told: Told | None = None
        self.rebuilds = 0  # how many times everything was read (for tests and the bench)
        # What the small numbers in the facts stand for: (setting, organisation) and
        # (ethnicity, gender, send, care status, age band), numbered as first met.
        self.places: dict[tuple[str, str], int] = {}
        self.profiles: dict[Profile, int] = {}
        self._profile_list: list[Profile] = []
        conn.create_function(PLACE_FUNCTION, 2, self._place)
        conn.create_function(PROFILE_FUNCTION, 5, self._profile)

    def current(self, told: Told | None = None) -> None:
        """Bring the facts up to date with everything committed so far; `told(done)` hears of
        each of the BUILD_STEPS when everything is read again (it may raise to stop)."""
        self._told = told
        try:
            self._bring_up_to_date()
        except BaseException:
            self.seq = -1  # read everything again next time rather than trust a half-read
            raise
        finally:
            self._told = None

    def _bring_up_to_date(self) -> None:
        latest, = self._conn.execute("SELECT coalesce(max(seq), 0) FROM main.audit_log").fetchone()
        if latest == self.seq:
            return
        if self.seq < 0 or latest < self.seq:
            self.rebuild(latest)
            return
        newer, = self._conn.execute(
            "SELECT count(*) FROM main.audit_log WHERE seq > ?", [self.seq]
        ).fetchone()
        if newer != latest - self.seq:  # a gap in the trail: trust nothing
            self.rebuild(latest)
            return
        rows = self._conn.execute(
            "SELECT DISTINCT case_id, record_type, action FROM main.audit_log WHERE seq > ?",
            [self.seq],
        ).fetchall()
        cases = {case_id for case_id, _, _ in rows if case_id}
        kinds = {(kind, action) for _, kind, action in rows}
        known, = self._conn.execute("SELECT count(*) FROM temp.rf_cases").fetchone()
        if len(cases) > max(50, REBUILD_SHARE * known):
            self.rebuild(latest)
            return
        self._refresh(sorted(cases), {kind for kind, _ in kinds})
        if (PERSON, "update") in kinds and self._children_moved():
            self.rebuild(latest)
            return
        self.seq = latest

    def rebuild(self, latest: int | None = None) -> None:
        """Read every fact again from the case file."""
        if latest is None:
            latest, = self._conn.execute(
                "SELECT coalesce(max(seq), 0) FROM main.audit_log"
            ).fetchone()
        self.seq = -1  # until finished: a stop part-way leaves nothing half-read in use
        self.drop()
        # Tables first, filled, then their indexes: one sort each rather than a B-tree grown
        # row by row in random order. rf_cases' own keys are needed while filling.
        indexes = [sql for sql in _TABLES if sql.startswith("CREATE INDEX")]
        for sql in _TABLES:
            if sql not in indexes:
                self._conn.execute(sql)
        everything = "1"
        steps = (_insert_cases(everything), _insert_children(everything),
                 *_insert_feedback(everything), _INSERT_PARTNERS, _INSERT_PILOTS)  # fmt: skip
        for done, sql in enumerate(steps, start=1):
            self._conn.execute(sql)
            if self._told is not None:
                self._told(done)
        for sql in indexes:
            self._conn.execute(sql)
        if self._told is not None:
            self._told(BUILD_STEPS)
        self.rebuilds += 1
        self.seq = latest

    def drop(self) -> None:
        """Forget the facts (the tables go; they are rebuilt on the next read)."""
        self.seq = -1
        for table in _ALL_TABLES:
            self._conn.execute(f"DROP TABLE IF EXISTS temp.{table}")

    def memory_bytes(self) -> int:
        """Bytes of memory the facts' pages take (tables and indexes)."""
        pages, = self._conn.execute("PRAGMA temp.page_count").fetchone()
        size, = self._conn.execute("PRAGMA temp.page_size").fetchone()
        return int(pages) * int(size)

    def _refresh(self, case_ids: Sequence[str], kinds: set[str]) -> None:
        execute = self._conn.execute
        if case_ids:
            execute("DELETE FROM temp.rf_todo")
            self._conn.executemany(
                "INSERT OR IGNORE INTO temp.rf_todo (id) VALUES (?)", [(i,) for i in case_ids]
            )
            # Forget what was known of these cases (erased ones are then simply gone)...
            old = "case_seq IN (SELECT seq FROM temp.rf_cases WHERE id IN temp.rf_todo)"
            for table in _CASE_TABLES:
                execute(f"DELETE FROM temp.{table} WHERE {old}")
            execute("DELETE FROM temp.rf_cases WHERE id IN temp.rf_todo")
            # ...and read them again.
            execute(_insert_cases("c.id IN temp.rf_todo"))
            execute(_insert_children("c.id IN temp.rf_todo"))
            for sql in _insert_feedback("c.id IN temp.rf_todo"):
                execute(sql)
        if PARTNER_FEEDBACK in kinds or case_ids:
            execute("DELETE FROM temp.rf_partners")
            execute(_INSERT_PARTNERS)
        if PILOT_ENTRY in kinds:
            execute("DELETE FROM temp.rf_pilots")
            execute(_INSERT_PILOTS)

    def place_numbers(self, settings: frozenset[str], organisation: str) -> list[int]:
        """The places in these settings (all when empty; '' is general partner feedback) whose
        organisation matches `organisation` folded, as store/reports.py's case_scope matches."""
        wanted = nocase(fold(organisation.strip()))
        return [number for (setting, name), number in self.places.items()
                if (not settings or setting in settings)
                and (not wanted or nocase(fold(name)) == wanted)]  # fmt: skip

    def profile_of(self, number: int) -> Profile:
        """The five answers a profile number stands for."""
        return self._profile_list[number]

    def _place(self, setting: str, organisation: str) -> int:
        key = (setting, organisation)
        number = self.places.get(key)
        if number is None:
            number = self.places[key] = len(self.places)
        return number

    def _profile(self, *answers: str | None) -> int:
        key: Profile = answers  # type: ignore[assignment]
        number = self.profiles.get(key)
        if number is None:
            number = self.profiles[key] = len(self.profiles)
            self._profile_list.append(key)
        return number

    def _children_moved(self) -> bool:
        """Whether a child now counts on another case than the facts say (update_person may
        move someone to another case; only the new case is in the trail)."""
        facts, = self._conn.execute("SELECT count(*) FROM temp.rf_children").fetchone()
        stored, = self._conn.execute(
            f"SELECT count(*) FROM main.people p WHERE {COHORT_SQL}"
        ).fetchone()
        return bool(facts != stored)


def rows_of(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    """The rows of a query as dictionaries."""
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor]
