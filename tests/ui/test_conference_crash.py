"""A crash mid-conference loses at most the last second of typing: the process is killed a
moment after the facilitator typed, and the note and the unfinished conference are there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from restorative_desk.access import create_case_file, open_case_file
from restorative_desk.conference.records import Attendance
from restorative_desk.wording import RoleWording
from tests.conftest import TEST_PASSPHRASE
from tests.ui.conference_helpers import ready_case, start_run
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]

# The app in the room: open the encrypted case file, the conference window at a question, type
# a few words, wait a second (the note saves 700 ms after typing stops), then die at once
# without closing anything, as a crash or a flat battery would.
IN_THE_ROOM = r"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication([])
from restorative_desk.access import open_case_file
from restorative_desk.scripts.loading import find_script
from restorative_desk.wording import load_role_wording
from ui.conference_window import ConferenceWindow

db_path, run_id, key = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
store = open_case_file(db_path, os.environ["RD_TEST_PASSPHRASE"], actor="Test Facilitator")
run = store.get_conference(run_id)
window = ConferenceWindow(store, run, find_script(run.script_key), load_role_wording())
window.show()
assert window.go_to_key(key)
QTest.keyClicks(window.turn_page.note.edit, "I took her phone at lunch")
QTest.qWait(1000)
print("typed", flush=True)
os._exit(9)
"""


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_a_note_typed_a_moment_before_a_crash_is_kept_and_the_conference_offered(
    qtbot: QtBot, db_path: Path, wording: RoleWording, settings: QSettings
) -> None:
    made = create_case_file(db_path, TEST_PASSPHRASE, actor="Test Facilitator")
    with made.store as store:
        case, people = ready_case(store, supporters=False)
        run = start_run(store, case)
        for person in people.values():
            store.set_attendance(run.id, person.id, Attendance.PRESENT)
    key = f"responsible.what_happened:{people['luke'].id}"

    env = {**os.environ, "RD_TEST_PASSPHRASE": TEST_PASSPHRASE, "QT_QPA_PLATFORM": "offscreen"}
    room = subprocess.run(
        [sys.executable, "-c", IN_THE_ROOM, str(db_path), run.id, key],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )
    assert room.returncode == 9, room.stderr
    assert room.stdout.strip() == "typed"

    with open_case_file(db_path, TEST_PASSPHRASE, actor="Test Facilitator") as store:
        note = store.turn_notes(run.id)[key]
        assert (note.text, note.person_id) == ("I took her phone at lunch", people["luke"].id)
        (unfinished,) = store.unfinished_conferences()
        assert unfinished.id == run.id and unfinished.position == key
        window = MainWindow(store, wording, settings)
        qtbot.addWidget(window)
        offered = window.resume_bar.offered()
        assert offered is not None and offered.id == run.id
        assert case.reference in window.resume_bar.label.text()
