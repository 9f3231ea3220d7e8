"""rdesk agreements print: one PDF per current agreement matching, named by reference and
version (never a name), progress on stderr, audited as exports; Ctrl+C keeps what was written;
a bad date or a missing folder is one line and exit 2."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from restorative_desk.access import create_case_file, open_case_file
from restorative_desk.agreements.records import AgreementStatus
from restorative_desk.documents import agreement_batch
from restorative_desk.documents.agreement_batch import current_agreements
from restorative_desk.store import Store
from restorative_desk.store.audit import AuditAction
from tests.agreeing import agreed_case, closed_agreement
from tests.conftest import FIXED_NOW, TEST_PASSPHRASE

from .test_cli import run

pytestmark = pytest.mark.usefixtures("passphrase_env")
NAMES = ("Zoë", "Nguyễn", "Siobhán", "Łukasz", "Kowalski", "Walsh")


@pytest.fixture
def case_file(db_path: Path) -> Path:
    """A case file with two agreed agreements (one with a second version) and a completed one."""
    new = create_case_file(db_path, TEST_PASSPHRASE, actor="Jo Adeyemi")
    store = new.store
    store._clock = lambda: FIXED_NOW  # the same dates as every test
    with store:
        agreed_case(store)
        _, second = agreed_case(store, harmed="Siobhán Walsh")
        draft = store.new_version(second.id, "The check-ins move to Mondays.")
        store.agree(draft.id, agreed_on=store.today(), signoffs=list(second.signoffs))
        closed_agreement(store, AgreementStatus.COMPLETED, harmed="Amara Mensah")
    return db_path


def _open(path: Path) -> Store:
    return open_case_file(path, TEST_PASSPHRASE, actor="Test")


def test_one_pdf_per_current_agreement_with_safe_names(
    case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    code, _, err = run(["--db", str(case_file), "agreements", "print", "--out", str(out)],
                       capsys)
    assert code == 0, err
    names = sorted(p.name for p in out.iterdir())
    assert names == ["RD-2026-0001-agreement-v1.pdf", "RD-2026-0002-agreement-v2.pdf",
                     "RD-2026-0003-agreement-v1.pdf"]
    assert all((out / n).read_bytes().startswith(b"%PDF") for n in names)
    assert not any(name in file for name in NAMES for file in names)
    assert "3/3 written" in err and "3 agreement(s) written" in err
    with _open(case_file) as store:
        exports = [e for e in store.audit.entries() if e.action is AuditAction.EXPORT]
    assert len(exports) == 3


def test_status_since_and_child_friendly(
    case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    code, _, _ = run(["--db", str(case_file), "agreements", "print", "--status", "completed",
                      "--out", str(out), "--child-friendly"], capsys)
    assert code == 0
    assert [p.name for p in out.iterdir()] == ["RD-2026-0003-agreement-easy-read-v1.pdf"]
    later = (FIXED_NOW.date() + timedelta(days=1)).isoformat()
    code, _, err = run(["--db", str(case_file), "agreements", "print", "--since", later,
                        "--out", str(out)], capsys)
    assert code == 0 and "0 agreement(s) written" in err


def test_only_the_current_versions(case_file: Path) -> None:
    with _open(case_file) as store:
        agreed = current_agreements(store, statuses=[AgreementStatus.AGREED])
        assert [(i.case.reference, i.agreement.version) for i in agreed] == [
            ("RD-2026-0001", 1), ("RD-2026-0002", 2)]


@pytest.mark.parametrize(("extra", "words"), [
    (["--since", "26/11/2026"], "is not a date"),
    (["--status", "finished"], "unknown status"),
])
def test_bad_choices_are_one_line(
    case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str],
    words: str,
) -> None:
    code, _, err = run(["--db", str(case_file), "agreements", "print", "--out", str(tmp_path),
                        *extra], capsys)
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1


def test_a_missing_folder_is_one_line(
    case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["--db", str(case_file), "agreements", "print", "--out",
                        str(tmp_path / "nowhere")], capsys)
    assert code == 2 and err.strip() == f"rdesk: the folder {tmp_path / 'nowhere'} does not exist"


def test_ctrl_c_keeps_what_was_written(
    case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rendered = []
    real = agreement_batch.render_agreement

    def render_then_stop(doc: agreement_batch.AgreementPrint) -> bytes:
        if len(rendered) == 2:
            raise KeyboardInterrupt
        rendered.append(doc)
        return real(doc)

    monkeypatch.setattr(agreement_batch, "render_agreement", render_then_stop)
    code, _, err = run(["--db", str(case_file), "agreements", "print", "--out", str(tmp_path)],
                       capsys)
    assert code == 130
    assert "Stopped: 2 of 3 agreement(s) written" in err
    pdfs = sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf")
    assert len(pdfs) == 2 and not any(p.name.endswith(".part") for p in tmp_path.iterdir())
