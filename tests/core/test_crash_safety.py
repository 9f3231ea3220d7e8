"""A save the app acknowledged survives the process being killed at any moment."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from restorative_desk.store import Store

KILLS = 12

# The writer: saves cases (with a person and a contact each) as fast as it can and prints
# each case's id only after its transaction has committed: that print is the acknowledgement.
WRITER = r"""
import sys
from datetime import date
from pathlib import Path
from restorative_desk.records import (
    Case, Contact, ContactType, Person, ReferralSource, Role, Setting)
from restorative_desk.store import Store

store = Store.open(Path(sys.argv[1]), key=bytes.fromhex(sys.argv[2]), actor="writer")
number = 0
while True:
    number += 1
    with store.batch():
        case = store.create_case(Case(Setting.SCHOOL, "Elmwood Primary", ReferralSource.EDUCATION,
                                      date(2026, 11, 2), f"Saved case {number}"))
        person = store.add_person(Person(case.id, Role.PERSON_HARMED, f"Person {number}"))
        store.log_contact(Contact(case.id, date(2026, 11, 3), ContactType.PHONE, "Jo",
                                  person_id=person.id, note=f"Call {number}"))
    print(case.id, flush=True)
"""


def test_acknowledged_saves_survive_sigkill(db_path: Path, db_key: bytes) -> None:
    rng = random.Random(20261126)
    acknowledged: list[str] = []
    Store.open(db_path, key=db_key).close()
    for _ in range(KILLS):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), db_key.hex()],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        # Let it get going (imports, opening), then kill it at a random moment mid-save.
        first = writer.stdout.readline().strip()
        assert first, writer.stderr.read() if writer.stderr else ""
        acknowledged.append(first)
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(writer.pid, signal.SIGKILL)
        rest, _ = writer.communicate()
        acknowledged += [line for line in rest.splitlines() if line.strip()]
        assert writer.returncode == -signal.SIGKILL

        with Store.open(db_path, key=db_key) as store:
            assert store.integrity_problems() == []
            assert store.audit.verify().ok
            for case_id in acknowledged:
                case = store.get_case(case_id)
                assert len(store.people(case.id)) == 1 and len(store.contacts(case.id)) == 1
    assert len(acknowledged) > KILLS * 2  # the kills really did land mid-stream
