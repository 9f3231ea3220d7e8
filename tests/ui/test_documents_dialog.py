"""The documents dialog: choose a document and a person, see it, print it or save it."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from restorative_desk.documents.letterhead import OrganisationDetails, save_organisation_details
from restorative_desk.documents.preparation import DocumentKind, filename_for
from restorative_desk.records import Case, Person, ReferralSource, Role, Setting
from restorative_desk.store import Store
from restorative_desk.store.audit import AuditAction
from restorative_desk.wording import load_role_wording
from ui import documents_dialog
from ui.case_detail import CaseDetailPanel
from ui.documents_dialog import NOBODY_YET, DocumentsDialog

from .helpers import Answers

TEAM = "Oakfield Restorative Team"


@pytest.fixture
def case(store: Store) -> Case:
    return store.create_case(
        Case(
            setting=Setting.SCHOOL,
            organisation="Brookfield Primary",
            referral_source=ReferralSource.EDUCATION,
            referral_date=date(2026, 11, 20),
            summary="A falling-out at lunchtime.",
            facilitator="Siobhán Murphy",
        )
    )


@pytest.fixture
def people(store: Store, case: Case) -> list[Person]:
    """Three people taking part, and three who are there in their work."""

    def add(role: Role, name: str, called: str = "", supports: str | None = None) -> Person:
        return store.add_person(
            Person(case.id, role, name, preferred_name=called, supports_person_id=supports)
        )

    harmed = add(Role.PERSON_HARMED, "Zoë Adams", "Zoë")
    responsible = add(Role.PERSON_RESPONSIBLE, "Samuel Lee", "Sam")
    supporter = add(Role.SUPPORTER, "Maria Adams", supports=harmed.id)
    add(Role.PROFESSIONAL, "Ms Green")
    add(Role.FACILITATOR, "Siobhán Murphy")
    add(Role.CO_FACILITATOR, "Priya Shah")
    return [harmed, responsible, supporter]


def make_dialog(qtbot: QtBot, store: Store, case: Case) -> DocumentsDialog:
    dialog = DocumentsDialog(None, store, case)
    qtbot.addWidget(dialog)
    dialog.tell = _fail_tell
    return dialog


def _fail_tell(_parent: object, title: str, text: str) -> None:
    raise AssertionError(f"unexpected message: {title}: {text}")


def pdf_text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


class FakePrintDialog:
    """Stands in for QPrintDialog: answers at once, as if the user pressed Print or Cancel."""

    answer = QDialog.DialogCode.Accepted
    printers: ClassVar[list[QPrinter]] = []

    def __init__(self, printer: QPrinter, _parent: QWidget) -> None:
        FakePrintDialog.printers.append(printer)

    def setWindowTitle(self, _title: str) -> None:
        pass

    def exec(self) -> QDialog.DialogCode:
        return self.answer


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """What was sent to the printer; the print dialog says yes without showing."""
    sent: list[bytes] = []

    def fake_print_pdf(pdf: bytes, _printer: QPrinter) -> bool:
        sent.append(pdf)
        return True

    FakePrintDialog.answer = QDialog.DialogCode.Accepted
    FakePrintDialog.printers = []
    monkeypatch.setattr(documents_dialog, "QPrintDialog", FakePrintDialog)
    monkeypatch.setattr(documents_dialog, "print_pdf", fake_print_pdf)
    return sent


def document_events(store: Store) -> list[tuple[AuditAction, str, str]]:
    return [
        (entry.action, entry.case_id, entry.detail)
        for entry in store.audit.entries(actions=[AuditAction.PRINT, AuditAction.EXPORT])
    ]


# -- choosing and seeing ------------------------------------------------------------------


def test_everyone_taking_part_is_listed_but_not_the_professionals(
    qtbot: QtBot, store: Store, case: Case, people: list[Person]
) -> None:
    dialog = make_dialog(qtbot, store, case)
    assert dialog.people() == people
    assert [dialog.person.itemText(i) for i in range(dialog.person.count())] == [
        "Zoë (Person harmed)",
        "Sam (Person responsible)",
        "Maria Adams (Supporter)",
    ]
    assert [dialog.document.itemData(i) for i in range(dialog.document.count())] == [
        DocumentKind.INVITATION,
        DocumentKind.INFORMATION,
        DocumentKind.INFORMATION_CHILD,
        DocumentKind.CONSENT,
    ]
    assert dialog.windowTitle() == f"Documents for {case.reference}"


def test_the_preview_shows_the_chosen_document_for_the_chosen_person(
    qtbot: QtBot, store: Store, case: Case, people: list[Person]
) -> None:
    dialog = make_dialog(qtbot, store, case)
    assert dialog.pdf.status() == QPdfDocument.Status.Ready
    assert dialog.pdf.pageCount() > 0
    assert dialog.pages.currentWidget() is dialog.preview
    title = QPdfDocument.MetaDataField.Title
    assert str(dialog.pdf.metaData(title)).startswith("Invitation to a restorative meeting")

    dialog.document.set_value(DocumentKind.CONSENT)
    dialog.person.setCurrentIndex(1)
    assert dialog.chosen_person() == people[1]
    assert dialog.pdf.pageCount() > 0
    assert "consent" in str(dialog.pdf.metaData(title)).lower()
    assert "Sam" in pdf_text(dialog.render_for(people[1]))
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    # Only printing or saving is noted; looking is not.
    assert document_events(store) == []


def test_the_letterhead_comes_from_the_settings(
    qtbot: QtBot, store: Store, case: Case, people: list[Person]
) -> None:
    save_organisation_details(store, OrganisationDetails(TEAM, "01632 960 123"))
    dialog = make_dialog(qtbot, store, case)
    text = pdf_text(dialog.render_for(people[0]))
    assert TEAM in text and "01632 960 123" in text


def test_a_case_with_nobody_taking_part_says_so(
    qtbot: QtBot, store: Store, case: Case
) -> None:
    store.add_person(Person(case.id, Role.PROFESSIONAL, "Ms Green"))
    dialog = make_dialog(qtbot, store, case)
    assert dialog.people() == [] and dialog.chosen_person() is None
    assert dialog.pages.currentWidget() is dialog.nothing
    assert dialog.nothing.text() == NOBODY_YET
    for widget in (dialog.print_button, dialog.print_all_button, dialog.save_button):
        assert not widget.isEnabled()
    assert not dialog.document.isEnabled() and not dialog.person.isEnabled()


def test_a_case_without_a_facilitator_says_what_is_missing(
    qtbot: QtBot, store: Store, case: Case, people: list[Person]
) -> None:
    nameless = store.update_case(replace(case, facilitator=""))
    dialog = make_dialog(qtbot, store, nameless)
    assert dialog.pages.currentWidget() is dialog.nothing
    assert "facilitator's name" in dialog.nothing.text()
    assert "Referral tab" in dialog.nothing.text()
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()


def test_every_choice_is_labelled_and_reachable_by_keyboard(
    qtbot: QtBot, store: Store, case: Case, people: list[Person]
) -> None:
    dialog = make_dialog(qtbot, store, case)
    buddies = {
        label.buddy(): label.text() for label in dialog.findChildren(QLabel) if label.buddy()
    }
    assert buddies == {
        dialog.document: "&Document",
        dialog.person: "&Who it is for",
        dialog.preview: "Pre&view",
    }
    for widget in (dialog.document, dialog.person, dialog.preview):
        assert widget.accessibleName()
    buttons = (dialog.print_button, dialog.print_all_button, dialog.save_button)
    letters = [text[text.index("&") + 1].upper() for text in [*buddies.values()]]
    letters += [button.text()[button.text().index("&") + 1].upper() for button in buttons]
    assert len(letters) == len(set(letters))


# -- saving ---------------------------------------------------------------------------------


def test_save_writes_the_pdf_and_notes_an_export(
    qtbot: QtBot, store: Store, case: Case, people: list[Person], tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, store, case)
    dialog.document.set_value(DocumentKind.INFORMATION_CHILD)
    dialog.person.setCurrentIndex(1)
    target = tmp_path / "letters" / "for-sam"
    target.parent.mkdir()
    chooser = Answers(str(target))
    dialog.choose_save_path = chooser  # type: ignore[assignment]

    dialog.save_button.click()

    suggested = Path(str(chooser.calls[0][0][1]))
    request = dialog.request_for(people[1])
    assert suggested.name == filename_for(DocumentKind.INFORMATION_CHILD, request)
    saved = target.with_name("for-sam.pdf")  # the .pdf is added when it was left off
    text = pdf_text(saved.read_bytes())
    assert "Hello Sam." in text and "Samuel" not in text
    assert document_events(store) == [(AuditAction.EXPORT, case.id, "information_child")]
    assert str(saved) in dialog.status.text()

    # The next save starts in the folder used last time.
    again = Answers("")
    dialog.choose_save_path = again  # type: ignore[assignment]
    dialog.save_button.click()
    assert Path(str(again.calls[0][0][1])).parent == target.parent
    assert len(document_events(store)) == 1


def test_a_save_that_fails_says_so_and_notes_nothing(
    qtbot: QtBot, store: Store, case: Case, people: list[Person], tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, store, case)
    dialog.choose_save_path = Answers(str(tmp_path / "missing" / "x.pdf"))  # type: ignore[assignment]
    told = Answers(None)
    dialog.tell = told  # type: ignore[assignment]
    dialog.save_button.click()
    assert told.calls[0][0][1] == "Not saved"
    assert document_events(store) == []


# -- printing -------------------------------------------------------------------------------


def test_print_sends_the_chosen_document_and_notes_it(
    qtbot: QtBot, store: Store, case: Case, people: list[Person], printed: list[bytes]
) -> None:
    dialog = make_dialog(qtbot, store, case)
    dialog.document.set_value(DocumentKind.CONSENT)
    dialog.print_button.click()
    assert printed == [dialog.render_for(people[0])]
    assert "Zoë" in pdf_text(printed[0])
    (printer,) = FakePrintDialog.printers
    assert printer.resolution() == 300
    assert document_events(store) == [(AuditAction.PRINT, case.id, "consent")]
    assert dialog.status.text() == "Sent to the printer."


def test_a_cancelled_print_prints_and_notes_nothing(
    qtbot: QtBot, store: Store, case: Case, people: list[Person], printed: list[bytes]
) -> None:
    FakePrintDialog.answer = QDialog.DialogCode.Rejected
    dialog = make_dialog(qtbot, store, case)
    dialog.print_button.click()
    dialog.print_all_button.click()
    assert printed == [] and document_events(store) == []


def test_a_failed_print_says_so_and_notes_nothing(
    qtbot: QtBot,
    store: Store,
    case: Case,
    people: list[Person],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = make_dialog(qtbot, store, case)
    dialog.ask_printer = lambda _parent: QPrinter()
    monkeypatch.setattr(documents_dialog, "print_pdf", lambda _pdf, _printer: False)
    told = Answers(None)
    dialog.tell = told  # type: ignore[assignment]
    dialog.print_button.click()
    assert told.calls[0][0][1] == "Not printed"
    assert document_events(store) == []


def test_print_for_everyone_prints_one_for_each_person(
    qtbot: QtBot, store: Store, case: Case, people: list[Person], printed: list[bytes]
) -> None:
    dialog = make_dialog(qtbot, store, case)
    dialog.document.set_value(DocumentKind.INVITATION)
    dialog.print_all_button.click()
    assert len(FakePrintDialog.printers) == 1  # asked once, for all of them
    greetings = ("Dear Zoë,", "Dear Sam,", "Dear Maria Adams,")
    assert len(printed) == 3
    assert all(greeting in pdf_text(pdf) for greeting, pdf in zip(greetings, printed, strict=True))
    assert document_events(store) == [(AuditAction.PRINT, case.id, "invitation x3")]
    assert dialog.status.text() == "Sent to the printer for everyone taking part (3)."


def test_print_draws_real_pages(
    qtbot: QtBot, store: Store, case: Case, people: list[Person], tmp_path: Path
) -> None:
    target = tmp_path / "printed.pdf"

    def pdf_printer(_parent: QWidget) -> QPrinter:
        printer = documents_dialog.new_printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a file stands in for paper
        printer.setOutputFileName(str(target))
        return printer

    dialog = make_dialog(qtbot, store, case)
    dialog.ask_printer = pdf_printer
    dialog.print_button.click()
    pages = PdfReader(io.BytesIO(target.read_bytes())).pages
    assert len(pages) == dialog.pdf.pageCount() and pages[0].images


# -- opening it from the case ---------------------------------------------------------------


def test_the_case_opens_its_documents_from_a_button_and_ctrl_shift_d(
    qtbot: QtBot, store: Store, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = CaseDetailPanel(store, load_role_wording())
    qtbot.addWidget(panel)
    shown = Answers(None, None)
    monkeypatch.setattr(DocumentsDialog, "show_for", shown)

    panel.start_new_case()
    assert not panel.documents_button.isEnabled()
    panel.show_case(case.id)
    assert panel.documents_button.isEnabled()
    panel.documents_button.click()
    [shortcut] = [
        s for s in panel.findChildren(QShortcut) if s.key() == QKeySequence("Ctrl+Shift+D")
    ]
    shortcut.activated.emit()

    assert [call[0] for call in shown.calls] == [(panel, store, case), (panel, store, case)]
