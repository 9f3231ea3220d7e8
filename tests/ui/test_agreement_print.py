"""Printing the agreement and the closure letters: preview, print (one copy or everyone's),
save as PDF, each noted in the audit trail without names; the paper size from the settings."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from restorative_desk.agreements.records import (
    Agreement,
    AgreementAction,
    AgreementStatus,
    Signoff,
    SignoffHow,
)
from restorative_desk.documents.agreement import PAPER_SETTING_KEY
from restorative_desk.records import Case, Person, Status
from restorative_desk.store import Store
from restorative_desk.store.audit import AuditAction
from restorative_desk.wording import RoleWording
from tests.ui.conference_helpers import ready_case
from ui import agreement_print
from ui.agreement_print import AgreementPrintDialog, ClosureLetterDialog
from ui.agreement_tab import AgreementTab


def pdf_text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _agreed(store: Store) -> tuple[Case, dict[str, Person], Agreement]:
    case, people = ready_case(store)
    draft = store.start_agreement(case.id)
    store.save_agreement_draft(Agreement(
        case_id=case.id, id=draft.id, summary="Luke took Zoë's phone at lunch.",
        own_words="I will give it back and say sorry.",
        actions=(AgreementAction("Write a letter to Zoë", who="Luke", for_whom="Zoë",
                                 by_when=date(2026, 12, 4), how_known="Siobhán reads it"),),
    ))
    agreed = store.agree(draft.id, agreed_on=date(2026, 11, 26), signoffs=[
        Signoff(people["zoe"].id, SignoffHow.SIGNED, date(2026, 11, 26)),
    ])
    return store.get_case(case.id), people, agreed


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    sent: list[bytes] = []

    def fake_print_pdf(pdf: bytes, _printer: QPrinter) -> bool:
        sent.append(pdf)
        return True

    monkeypatch.setattr(agreement_print, "print_pdf", fake_print_pdf)
    return sent


def _events(store: Store) -> list[tuple[AuditAction, str, str]]:
    return [
        (entry.action, entry.record_type, entry.detail)
        for entry in store.audit.entries(actions=[AuditAction.PRINT, AuditAction.EXPORT])
    ]


def test_the_preview_prints_a_copy_for_everyone_and_notes_it(
    qtbot: QtBot, store: Store, printed: list[bytes]
) -> None:
    case, people, agreed = _agreed(store)
    dialog = AgreementPrintDialog(None, store, case, agreed)
    qtbot.addWidget(dialog)
    assert dialog.preview.page_count() >= 1
    text = pdf_text(dialog.render_for(""))
    for words in ("Zoë Nguyễn", "Luke", "Siobhán Nguyễn", "Write a letter to Zoë", case.reference,
                  "4 Dec 2026"):
        assert words in text, words
    dialog.copy.set_value(people["luke"].id)
    assert "Luke" in pdf_text(dialog.render_for(people["luke"].id))
    dialog.ask_printer = lambda _parent: QPrinter()
    dialog.print_button.click()
    dialog.print_all_button.click()
    assert len(printed) == 1 + 4  # the copy shown, then one each for the four taking part
    assert "Siobhán" in pdf_text(printed[-2])
    assert _events(store) == [
        (AuditAction.PRINT, "agreement", "adult v1 x4"),  # newest first
        (AuditAction.PRINT, "agreement", "adult v1"),
    ]
    assert "4 people" in dialog.status.text()


def test_child_friendly_saved_as_pdf_on_letter_paper(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    store.set_setting(PAPER_SETTING_KEY, "letter")
    case, _people, agreed = _agreed(store)
    dialog = AgreementPrintDialog(None, store, case, agreed)
    qtbot.addWidget(dialog)
    dialog.version.set_value(True)
    chosen: list[str] = []

    def choose(_parent: object, suggested: str) -> str:
        chosen.append(suggested)
        return str(tmp_path / "agreement")

    dialog.choose_save_path = choose
    dialog.save_button.click()
    assert "Zoë" not in chosen[0] and chosen[0].endswith(".pdf")
    saved = (tmp_path / "agreement.pdf").read_bytes()
    assert "Zoë" in pdf_text(saved)
    width = float(PdfReader(io.BytesIO(saved)).pages[0].mediabox.width)
    assert round(width) == 612  # 8.5 inches
    assert _events(store) == [(AuditAction.EXPORT, "agreement", "child-friendly v1")]


def test_closure_letters_for_each_person(
    qtbot: QtBot, store: Store, printed: list[bytes]
) -> None:
    case, people, agreed = _agreed(store)
    store.move_case(case.id, Status.CONFERENCE_HELD)
    closed = store.close_agreement(agreed.id, AgreementStatus.COMPLETED, outcome_note="",
                                   closed_on=date(2026, 11, 26))
    dialog = ClosureLetterDialog(None, store, case, closed)
    qtbot.addWidget(dialog)
    assert "Zoë" in pdf_text(dialog.render_for(people["zoe"].id))
    dialog.ask_printer = lambda _parent: QPrinter()
    dialog.print_all_button.click()
    assert len(printed) == 4
    assert _events(store) == [(AuditAction.PRINT, "closure_letter",
                               "closure letter completed x4")]


def test_the_tab_opens_the_print_preview_for_the_version_shown(
    qtbot: QtBot, store: Store, wording: RoleWording, monkeypatch: pytest.MonkeyPatch
) -> None:
    case, _people, agreed = _agreed(store)
    tab = AgreementTab(store, wording)
    qtbot.addWidget(tab)
    tab.show_case(case)
    opened: list[Agreement] = []
    monkeypatch.setattr(AgreementPrintDialog, "show_for",
                        classmethod(lambda cls, _p, _s, _c, agreement: opened.append(agreement)))
    tab.print_button.click()
    assert opened == [agreed]
