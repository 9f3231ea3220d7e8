"""Every change to the database's shape, applied in order when a database is opened."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from .driver import Connection
from .search import SEARCH_ROWS_SQL
from .versions import MIGRATION_SET, MIGRATIONS_TABLE, SCHEMA_MIGRATIONS

migrations = Migrations(MIGRATION_SET)
assert Migrations.migrations_table == MIGRATIONS_TABLE


def apply_migrations(conn: Connection) -> None:
    """Bring the database up to this version's schema, one migration at a time."""
    migrations.apply(Database(conn, execute_plugins=False))


def known_migration_names() -> tuple[str, ...]:
    """The migrations registered here, in order (must equal versions.SCHEMA_MIGRATIONS)."""
    return tuple(m.name for m in migrations._migrations)


@migrations()
def m001_cases_people_contacts(db: Database) -> None:
    """Cases, the people on them, contacts, stage history and reference counters."""
    db.execute(
        """
        CREATE TABLE cases (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            reference TEXT NOT NULL UNIQUE,
            setting TEXT NOT NULL,
            organisation TEXT NOT NULL,
            venue TEXT NOT NULL DEFAULT '',
            referral_source TEXT NOT NULL,
            referral_date TEXT NOT NULL,
            incident_date TEXT,
            summary TEXT NOT NULL,
            harm_categories TEXT NOT NULL DEFAULT '[]',
            facilitator TEXT NOT NULL DEFAULT '',
            co_facilitator TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL,
            not_proceeding_reason TEXT,
            next_action_date TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX cases_by_date ON cases (referral_date DESC, reference DESC)")
    db.execute("CREATE INDEX cases_by_status ON cases (status, referral_date DESC)")
    db.execute("CREATE INDEX cases_by_setting ON cases (setting, referral_date DESC)")
    db.execute(
        """
        CREATE TABLE people (
            id TEXT PRIMARY KEY,
            case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            name TEXT NOT NULL,
            preferred_name TEXT NOT NULL DEFAULT '',
            pronouns TEXT NOT NULL DEFAULT '',
            is_child INTEGER NOT NULL DEFAULT 0,
            date_of_birth TEXT,
            age_band TEXT,
            supports_person_id TEXT REFERENCES people (id) ON DELETE SET NULL,
            relationship TEXT NOT NULL DEFAULT '',
            contact_details TEXT NOT NULL DEFAULT '',
            communication_needs TEXT NOT NULL DEFAULT '',
            interpreter_language TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX people_by_case ON people (case_id, position)")
    db.execute("CREATE INDEX people_by_supported ON people (supports_person_id)")
    db.execute(
        """
        CREATE TABLE contacts (
            id TEXT PRIMARY KEY,
            case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            person_id TEXT REFERENCES people (id) ON DELETE SET NULL,
            contact_date TEXT NOT NULL,
            contact_type TEXT NOT NULL,
            by_whom TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX contacts_by_case ON contacts (case_id, contact_date DESC)")
    db.execute("CREATE INDEX contacts_by_person ON contacts (person_id)")
    db.execute(
        """
        CREATE TABLE status_changes (
            id TEXT PRIMARY KEY,
            case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            from_status TEXT,
            to_status TEXT NOT NULL,
            reason TEXT,
            note TEXT NOT NULL DEFAULT '',
            changed_at TEXT NOT NULL,
            changed_by TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX status_changes_by_case ON status_changes (case_id, changed_at)")
    db.execute("CREATE TABLE reference_counters (year INTEGER PRIMARY KEY, last INTEGER NOT NULL)")


@migrations()
def m002_case_search(db: Database) -> None:
    """Full-text search over cases and the names of their people, filled from existing records."""
    # The search index is kept by the store in the same transaction as each write (not by
    # triggers, which sqlite-utils' transform() would silently drop). Its rowid is the case's `seq`
    # (an INTEGER PRIMARY KEY, so VACUUM never renumbers it).
    db.execute(
        """
        CREATE VIRTUAL TABLE case_search USING fts5 (
            reference, organisation, summary, facilitator, people,
            tokenize = 'unicode61 remove_diacritics 2'
        )
        """
    )
    db.execute(f"INSERT INTO case_search {SEARCH_ROWS_SQL}")


@migrations()
def m003_search_sort_index(db: Database) -> None:
    """A narrow index for sorting search matches without reading each full case row."""
    db.execute(
        "CREATE INDEX cases_for_sorting ON cases (seq, referral_date, reference, setting, status)"
    )


@migrations()
def m004_audit_drafts_settings(db: Database) -> None:
    """The audit trail, drafts kept when the app locks, organisation settings, erased counts."""
    db.execute(
        """
        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            record_type TEXT NOT NULL,
            record_id TEXT NOT NULL,
            case_id TEXT NOT NULL,
            fields TEXT NOT NULL,
            detail TEXT NOT NULL,
            mac TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX audit_by_case ON audit_log (case_id, seq)")
    db.execute("CREATE INDEX audit_by_action ON audit_log (action, seq)")
    db.execute(
        "CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, "
        "mac TEXT NOT NULL, head_mac TEXT NOT NULL)"
    )
    db.execute(
        """
        CREATE TABLE drafts (
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            case_id TEXT NOT NULL,
            payload TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            PRIMARY KEY (kind, record_id)
        )
        """
    )
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    # What is left of erased cases: anonymous counts for reports, nothing that identifies anyone.
    db.execute(
        """
        CREATE TABLE erased_counts (
            setting TEXT NOT NULL,
            closed_year INTEGER NOT NULL,
            final_status TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (setting, closed_year, final_status)
        )
        """
    )


@migrations()
def m005_fold_search_index(db: Database) -> None:
    """Rebuild the search index with names folded, so "lukasz" finds Łukasz."""
    db.execute("DELETE FROM case_search")
    db.execute(f"INSERT INTO case_search {SEARCH_ROWS_SQL}")


@migrations()
def m006_preparation(db: Database) -> None:
    """Preparation: each person's progress and answers, consents, risk and safety assessments,
    bias checks, readiness overrides, the conference plan and setting-specific facts."""
    case = "case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE"
    person = "person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE"
    db.execute(
        f"""
        CREATE TABLE participant_preparation (
            id TEXT PRIMARY KEY,
            {case},
            {person} UNIQUE,
            attending INTEGER NOT NULL DEFAULT 1,
            information_given_on TEXT,
            information_note TEXT NOT NULL DEFAULT '',
            facts_acknowledged_on TEXT,
            acknowledgement_note TEXT NOT NULL DEFAULT '',
            answers TEXT NOT NULL DEFAULT '{{}}',
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX participant_preparation_by_case ON participant_preparation (case_id)")
    db.execute(
        f"""
        CREATE TABLE consents (
            id TEXT PRIMARY KEY,
            {case},
            {person},
            given_by TEXT NOT NULL,
            given_on TEXT NOT NULL,
            method TEXT NOT NULL,
            ways TEXT NOT NULL,
            giver_name TEXT NOT NULL DEFAULT '',
            witness TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            withdrawn_on TEXT,
            withdrawal_note TEXT NOT NULL DEFAULT '',
            recorded_by TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX consents_by_case ON consents (case_id, person_id)")
    db.execute(
        f"""
        CREATE TABLE risk_assessments (
            id TEXT PRIMARY KEY,
            {case},
            stage TEXT NOT NULL,
            assessed_on TEXT NOT NULL,
            assessed_by TEXT NOT NULL,
            findings TEXT NOT NULL DEFAULT '[]',
            decision TEXT,
            decided_by TEXT NOT NULL DEFAULT '',
            decision_reason TEXT NOT NULL DEFAULT '',
            safeguarding_followed_on TEXT,
            safeguarding_note TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX risk_assessments_by_case ON risk_assessments (case_id)")
    db.execute(
        f"""
        CREATE TABLE bias_checks (
            id TEXT PRIMARY KEY,
            {case},
            stage TEXT NOT NULL,
            done INTEGER NOT NULL,
            recorded_on TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            dimensions TEXT NOT NULL DEFAULT '[]',
            reflection TEXT NOT NULL DEFAULT '',
            reframed TEXT NOT NULL DEFAULT '',
            colleague_checked INTEGER NOT NULL DEFAULT 0,
            recorded_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX bias_checks_by_case ON bias_checks (case_id)")
    db.execute("CREATE INDEX bias_checks_by_stage ON bias_checks (stage, done)")
    db.execute(
        f"""
        CREATE TABLE readiness_overrides (
            id TEXT PRIMARY KEY,
            {case},
            overridden_by TEXT NOT NULL,
            reason TEXT NOT NULL,
            blockers TEXT NOT NULL,
            blocker_messages TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX readiness_overrides_by_case ON readiness_overrides (case_id)")
    db.execute(
        f"""
        CREATE TABLE conference_plans (
            id TEXT PRIMARY KEY,
            {case} UNIQUE,
            date TEXT,
            start_time TEXT,
            venue TEXT NOT NULL DEFAULT '',
            room TEXT NOT NULL DEFAULT '',
            interpreters TEXT NOT NULL DEFAULT '',
            breaks TEXT NOT NULL DEFAULT '',
            refreshments TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            seating TEXT NOT NULL DEFAULT '[]',
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        f"""
        CREATE TABLE case_facts (
            id TEXT PRIMARY KEY,
            {case},
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            recorded_on TEXT,
            recorded_by TEXT NOT NULL DEFAULT '',
            UNIQUE (case_id, key)
        )
        """
    )


@migrations()
def m007_conference_runs(db: Database) -> None:
    """Conferences as they run: attendance, a note per turn, breaks, safety pauses, proposed
    actions, and the facilitator's private debrief."""
    case = "case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE"
    run = "run_id TEXT NOT NULL REFERENCES conference_runs (id) ON DELETE CASCADE"
    db.execute(
        f"""
        CREATE TABLE conference_runs (
            id TEXT PRIMARY KEY,
            {case},
            script_key TEXT NOT NULL,
            script_version INTEGER NOT NULL,
            script_title TEXT NOT NULL,
            started_at TEXT NOT NULL,
            started_by TEXT NOT NULL,
            position TEXT NOT NULL DEFAULT '',
            ended_at TEXT,
            ending TEXT,
            end_reason TEXT NOT NULL DEFAULT '',
            next_steps TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX conference_runs_by_case ON conference_runs (case_id, started_at)")
    db.execute("CREATE INDEX conference_runs_running ON conference_runs (ended_at)")
    db.execute(
        f"""
        CREATE TABLE conference_attendance (
            id TEXT PRIMARY KEY,
            {run},
            {case},
            person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
            attendance TEXT NOT NULL,
            UNIQUE (run_id, person_id)
        )
        """
    )
    db.execute(
        f"""
        CREATE TABLE turn_notes (
            id TEXT PRIMARY KEY,
            {run},
            {case},
            turn_key TEXT NOT NULL,
            person_id TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (run_id, turn_key)
        )
        """
    )
    db.execute(
        f"""
        CREATE TABLE conference_breaks (
            id TEXT PRIMARY KEY,
            {run},
            {case},
            started_at TEXT NOT NULL,
            ended_at TEXT,
            reason TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute(
        f"""
        CREATE TABLE safety_pauses (
            id TEXT PRIMARY KEY,
            {run},
            {case},
            at TEXT NOT NULL,
            what_happened TEXT NOT NULL,
            decision TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            next_steps TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute(
        f"""
        CREATE TABLE proposed_actions (
            id TEXT PRIMARY KEY,
            {run},
            {case},
            what TEXT NOT NULL,
            who TEXT NOT NULL DEFAULT '',
            by_when TEXT,
            position INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute(
        f"""
        CREATE TABLE debriefs (
            id TEXT PRIMARY KEY,
            {run},
            {case},
            facilitator TEXT NOT NULL,
            how_it_went TEXT NOT NULL DEFAULT '',
            follow_up TEXT NOT NULL DEFAULT '',
            how_are_you TEXT NOT NULL DEFAULT '',
            wants_supervision INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            UNIQUE (run_id, facilitator)
        )
        """
    )
    for table in ("conference_attendance", "turn_notes", "conference_breaks", "safety_pauses",
                  "proposed_actions", "debriefs"):
        db.execute(f"CREATE INDEX {table}_by_run ON {table} (run_id)")
        db.execute(f"CREATE INDEX {table}_by_case ON {table} (case_id)")



@migrations()
def m008_agreements(db: Database) -> None:
    """Outcome agreements in versions (an agreed version is never changed), their actions, who
    agreed, and reviews."""
    case = "case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE"
    agreement = "agreement_id TEXT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE"
    db.execute(
        f"""
        CREATE TABLE agreements (
            id TEXT PRIMARY KEY,
            {case},
            version INTEGER NOT NULL,
            status TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            own_words TEXT NOT NULL DEFAULT '',
            review_date TEXT,
            agreed_on TEXT,
            change_reason TEXT NOT NULL DEFAULT '',
            outcome_note TEXT NOT NULL DEFAULT '',
            closed_on TEXT,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL DEFAULT '',
            UNIQUE (case_id, version)
        )
        """
    )
    db.execute("CREATE INDEX agreements_by_status ON agreements (status)")
    db.execute(
        f"""
        CREATE TABLE agreement_actions (
            id TEXT PRIMARY KEY,
            {agreement},
            {case},
            position INTEGER NOT NULL,
            what TEXT NOT NULL,
            who TEXT NOT NULL DEFAULT '',
            for_whom TEXT NOT NULL DEFAULT '',
            by_when TEXT,
            how_known TEXT NOT NULL DEFAULT '',
            support TEXT NOT NULL DEFAULT '',
            review_date TEXT
        )
        """
    )
    db.execute(
        f"""
        CREATE TABLE agreement_signoffs (
            id TEXT PRIMARY KEY,
            {agreement},
            {case},
            position INTEGER NOT NULL,
            person_id TEXT NOT NULL,
            how TEXT NOT NULL,
            signed_on TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute(
        f"""
        CREATE TABLE agreement_reviews (
            id TEXT PRIMARY KEY,
            {agreement},
            {case},
            held_on TEXT NOT NULL,
            present TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            results TEXT NOT NULL DEFAULT '[]',
            next_review TEXT,
            recorded_by TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        )
        """
    )
    for table in ("agreement_actions", "agreement_signoffs", "agreement_reviews"):
        db.execute(f"CREATE INDEX {table}_by_agreement ON {table} (agreement_id)")
        db.execute(f"CREATE INDEX {table}_by_case ON {table} (case_id)")

@migrations()
def m009_organisations_pilots(db: Database) -> None:
    """Organisations (schools and others, managed in Settings) and whole-school pilot entries:
    counts and categories, no pupils' names."""
    db.execute(
        """
        CREATE TABLE organisations (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            kind TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE pilot_entries (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            organisation_id TEXT NOT NULL REFERENCES organisations (id),
            session_date TEXT NOT NULL,
            activity TEXT NOT NULL,
            pupils INTEGER NOT NULL DEFAULT 0,
            staff INTEGER NOT NULL DEFAULT 0,
            year_groups TEXT NOT NULL DEFAULT '[]',
            topic TEXT,
            outcome TEXT,
            follow_up_date TEXT,
            staff_initials TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX pilot_entries_by_date ON pilot_entries (session_date)")
    db.execute(
        "CREATE INDEX pilot_entries_by_place ON pilot_entries (organisation_id, session_date)"
    )
    db.execute("CREATE INDEX pilot_entries_by_follow_up ON pilot_entries (follow_up_date)")


@migrations()
def m010_feedback(db: Database) -> None:
    """Feedback from three perspectives: participants, staff reflections, partner agencies."""
    case = "case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE"
    db.execute(
        f"""
        CREATE TABLE participant_feedback (
            id TEXT PRIMARY KEY,
            {case},
            person_id TEXT REFERENCES people (id) ON DELETE SET NULL,
            role TEXT NOT NULL,
            given_on TEXT NOT NULL,
            method TEXT NOT NULL,
            satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
            felt_safe TEXT,
            felt_heard TEXT,
            understood_next TEXT,
            real_choice TEXT,
            would_recommend TEXT,
            comment TEXT NOT NULL DEFAULT '',
            recorded_by TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        f"""
        CREATE TABLE staff_reflections (
            id TEXT PRIMARY KEY,
            {case},
            given_on TEXT NOT NULL,
            by_whom TEXT NOT NULL,
            prepared INTEGER CHECK (prepared BETWEEN 1 AND 5),
            impact INTEGER CHECK (impact BETWEEN 1 AND 5),
            went_well TEXT NOT NULL DEFAULT '',
            do_differently TEXT NOT NULL DEFAULT '',
            support_needed INTEGER NOT NULL DEFAULT 0,
            recorded_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE partner_feedback (
            id TEXT PRIMARY KEY,
            case_id TEXT REFERENCES cases (id) ON DELETE CASCADE,
            agency TEXT NOT NULL,
            organisation TEXT NOT NULL DEFAULT '',
            given_on TEXT NOT NULL,
            satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
            kept_informed TEXT,
            would_refer_again TEXT,
            comment TEXT NOT NULL DEFAULT '',
            recorded_by TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        )
        """
    )
    for table in ("participant_feedback", "staff_reflections", "partner_feedback"):
        db.execute(f"CREATE INDEX {table}_by_case ON {table} (case_id)")
        db.execute(f"CREATE INDEX {table}_by_date ON {table} (given_on)")


@migrations()
def m011_equality_monitoring(db: Database) -> None:
    """Optional equality-monitoring answers on people (see restorative_desk/monitoring.py)."""
    for column in ("ethnicity", "gender", "send", "care_status"):
        db.execute(f"ALTER TABLE people ADD COLUMN {column} TEXT")


@migrations()
def m012_report_indexes(db: Database) -> None:
    """Narrow covering indexes for the dashboard's counts: each group of them reads a small
    index in date order, or probes one by case or person, rather than whole rows (which hold
    names and free text, and must each be decrypted)."""
    for name, table, columns in (
        ("cases_for_reports", "cases", "referral_date, setting, organisation, id"),
        ("cases_by_id_for_reports", "cases", "id, referral_date, setting, organisation"),
        ("status_changes_reached", "status_changes", "to_status, case_id, changed_at"),
        ("status_changes_reached_on", "status_changes", "to_status, changed_at, case_id"),
        ("agreements_closed", "agreements", "status, closed_on, case_id, version"),
        ("agreements_latest", "agreements", "case_id, version, status"),
        ("consents_for_reports", "consents", "case_id, person_id, withdrawn_on"),
        ("pilot_entries_for_reports", "pilot_entries",
         "session_date, organisation_id, activity, outcome"),
        ("participant_feedback_for_reports", "participant_feedback",
         "given_on, case_id, role, satisfaction, felt_safe, felt_heard, understood_next, "
         "real_choice, would_recommend"),
        ("staff_reflections_for_reports", "staff_reflections", "given_on, case_id, impact"),
    ):
        db.execute(f"CREATE INDEX {name} ON {table} ({columns})")
    # Only the children counted at each stage (store/reports.py writes the same condition).
    db.execute(
        "CREATE INDEX people_in_cohort ON people "
        "(case_id, ethnicity, gender, send, care_status, date_of_birth, age_band, id, is_child, "
        "role) "
        "WHERE is_child = 1 AND role IN ('person_harmed', 'person_responsible')"
    )


# The start-up check reads versions.py without importing this module; keep the two in step.
assert known_migration_names() == SCHEMA_MIGRATIONS, "update versions.SCHEMA_MIGRATIONS"
