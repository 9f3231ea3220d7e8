"""Nothing readable on disk: planted strings never appear in any file the app writes."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from restorative_desk.access import create_case_file
from restorative_desk.records import (
    AgeBand,
    Case,
    Contact,
    ContactType,
    Person,
    ReferralSource,
    Role,
    Setting,
)
from restorative_desk.store import Store
from restorative_desk.store.backup import make_backup
from tests.conftest import TEST_PASSPHRASE

# One unique, searchable marker per kind of field.
PLANTED = {
    "organisation": "QzxOrganisationMarker",
    "venue": "QzxVenueMarker",
    "summary": "QzxSummaryMarker Zoë",
    "facilitator": "QzxFacilitatorMarker",
    "name": "QzxNameMarker Łukasz",
    "preferred_name": "QzxPreferredMarker",
    "pronouns": "QzxPronounMarker",
    "relationship": "QzxRelationshipMarker",
    "contact_details": "QzxContactDetailsMarker",
    "communication_needs": "QzxNeedsMarker",
    "interpreter_language": "QzxLanguageMarker",
    "note": "QzxContactNoteMarker",
    "draft": "QzxDraftMarker",
}


def files_under(folder: Path) -> Iterator[Path]:
    yield from (path for path in folder.rglob("*") if path.is_file())


def readable_markers(folder: Path) -> list[tuple[str, str]]:
    """(file, marker) for every marker found in any file, in UTF-8 or UTF-16."""
    found = []
    for path in files_under(folder):
        data = path.read_bytes()
        for marker in PLANTED.values():
            word = marker.split()[0]
            for encoded in (word.encode(), word.encode("utf-16-le"), word.encode("utf-16-be")):
                if encoded in data:
                    found.append((path.name, word))
    return found


def plant(store: Store) -> str:
    case = store.create_case(
        Case(
            setting=Setting.CARE_HOME,
            organisation=PLANTED["organisation"],
            venue=PLANTED["venue"],
            referral_source=ReferralSource.CARE_HOME,
            referral_date=date(2026, 11, 20),
            summary=PLANTED["summary"],
            facilitator=PLANTED["facilitator"],
        )
    )
    person = store.add_person(
        Person(
            case.id,
            Role.PERSON_HARMED,
            PLANTED["name"],
            preferred_name=PLANTED["preferred_name"],
            pronouns=PLANTED["pronouns"],
            is_child=True,
            age_band=AgeBand.AGE_14_15,
            relationship=PLANTED["relationship"],
            contact_details=PLANTED["contact_details"],
            communication_needs=PLANTED["communication_needs"],
            interpreter_language=PLANTED["interpreter_language"],
        )
    )
    store.log_contact(
        Contact(
            case.id,
            date(2026, 11, 21),
            ContactType.VISIT,
            "Jo",
            person_id=person.id,
            note=PLANTED["note"],
        )
    )
    store.save_draft("referral", case.id, case.id, {"summary": PLANTED["draft"]})
    return case.id


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Everything the test writes, temporary files included, lands in one folder to search."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    return tmp_path


def test_no_case_data_is_readable_in_any_file(workspace: Path) -> None:
    db_path = workspace / "cases.db"
    backups = workspace / "usb"
    backups.mkdir()
    store = create_case_file(db_path, TEST_PASSPHRASE, actor="Jo").store
    plant(store)
    # While the app is open: the database, its WAL and shared-memory files.
    assert readable_markers(workspace) == []
    make_backup(store, backups, now=datetime(2026, 11, 26, 9, 30))
    store.close()
    assert list(backups.glob("*.rdbackup"))
    assert readable_markers(workspace) == []


def test_the_standard_sqlite_library_cannot_read_it(db_path: Path) -> None:
    create_case_file(db_path, TEST_PASSPHRASE, actor="Jo").store.close()
    plain = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT name FROM sqlite_master").fetchall()
    plain.close()


def test_erasure_leaves_no_trace_even_inside_the_decrypted_file(
    workspace: Path, db_key: bytes
) -> None:
    db_path = workspace / "cases.db"
    with Store.open(db_path, key=db_key, actor="Jo") as store:
        case_id = plant(store)
        store.erase_case(case_id)
        store.compact()
        assert PLANTED["name"] not in repr(store.audit.entries())
    # Decrypt a copy of everything still in the file and search it.
    plain_copy = workspace / "decrypted-for-test.db"
    with Store.open(db_path, key=db_key) as store:
        store._conn.execute(f"ATTACH DATABASE '{plain_copy}' AS plain KEY ''")
        store._conn.execute("SELECT sqlcipher_export('plain')")
        store._conn.execute("DETACH DATABASE plain")
    assert plain_copy.read_bytes().startswith(b"SQLite format 3")
    assert readable_markers(workspace) == []
