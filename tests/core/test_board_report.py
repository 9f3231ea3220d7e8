"""The partnership board report PDF: what it says, what it never says, same bytes each time,
the paper, and stopping when asked."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from restorative_desk.documents.agreement import Paper
from restorative_desk.documents.board_report import (
    BoardReportRequest,
    board_report_request_for,
    filename_for_board_report,
    render_board_report,
)
from restorative_desk.documents.board_wording import load_board_wording
from restorative_desk.documents.letterhead import OrganisationDetails, save_organisation_details
from restorative_desk.documents.pdf_base import Letterhead
from restorative_desk.records import Setting
from restorative_desk.reports.figures import Cancelled
from restorative_desk.resources import ResourceError
from restorative_desk.store import Store

from .board_sample import WITHHELD_VALUES, empty_dashboard, sample_dashboard

REQUEST = BoardReportRequest(
    Letterhead("Oakfield & Riverside Restorative Partnership", contact="01632 960 123"),
    produced_on=date(2026, 11, 26),
)


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return render_board_report(sample_dashboard(), REQUEST)


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_the_cover_says_who_when_and_what_it_covers(sample_pdf: bytes) -> None:
    first = PdfReader(io.BytesIO(sample_pdf)).pages[0].extract_text()
    assert "Oakfield & Riverside Restorative Partnership" in first
    assert "Restorative practice: partnership\nboard report" in first
    assert "1 Dec 2025 to 26 Nov 2026" in first
    assert "All settings" in first and "All organisations" in first
    assert "Produced\n26 Nov 2026" in first
    assert "How to read this report" in first and "shown as <5" in first
    assert f"Page 1 of {page_count(sample_pdf)}" in first


def test_every_section_and_headline_is_there_in_order(sample_pdf: bytes) -> None:
    text = pdf_text(sample_pdf)
    headings = ["How to read this report", "At a glance", *(
        section.heading for section in load_board_wording().sections
    )]
    positions = [text.index(f"\n{heading}\n") for heading in headings]
    assert positions == sorted(positions)
    for headline in sample_dashboard().headlines:
        assert headline.label.split()[0] in text
        assert headline.cell.text in text
    assert "85% in the Ministry of Justice evaluation" in text.replace("\n", " ")
    for table in sample_dashboard().tables:
        assert table.title in text.replace("\n", " ")


def test_every_page_is_numbered_with_the_period(sample_pdf: bytes) -> None:
    pages = PdfReader(io.BytesIO(sample_pdf)).pages
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert f"Page {number} of {len(pages)}" in text
        assert "1 Dec 2025 to 26 Nov 2026" in text


def test_withheld_cells_say_under_five_and_hide_the_true_figures(sample_pdf: bytes) -> None:
    text = pdf_text(sample_pdf)
    rows = re.search(
        r"Care experienced\n\(previously in care\)\n(.*?)\nNot in care\n(.*?)\nNot recorded\n"
        r"(.*?)\nThe share", text, re.S,
    )
    assert rows is not None
    assert rows.group(1).split() == ["11", "9", "<5", "0", "<5"]
    assert rows.group(3).split() == ["8", "6", "<5", "0", "<5"]
    hidden_shares = [f"{100 * hidden / whole:.0f}%"
                     for hidden, whole in zip(WITHHELD_VALUES, (8, 11), strict=True)]
    assert not any(share in text for share in hidden_shares)


def test_same_figures_same_bytes(sample_pdf: bytes) -> None:
    assert render_board_report(sample_dashboard(), REQUEST) == sample_pdf


def test_a4_or_us_letter() -> None:
    letter = render_board_report(sample_dashboard(), replace(REQUEST, paper=Paper.LETTER))
    box = PdfReader(io.BytesIO(letter)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    a4 = PdfReader(io.BytesIO(render_board_report(sample_dashboard(), REQUEST))).pages[0]
    assert round(float(a4.mediabox.width)) == 595


def test_the_filter_is_on_the_cover() -> None:
    dashboard = sample_dashboard(
        settings=frozenset({Setting.YOS, Setting.SCHOOL}), organisation="Riverside Academy"
    )
    first = PdfReader(io.BytesIO(render_board_report(dashboard, REQUEST))).pages[0]
    text = first.extract_text()
    assert "School, Youth Offending Service" in text
    assert "Riverside Academy" in text


def test_a_period_with_nothing_recorded_still_makes_a_report() -> None:
    text = pdf_text(render_board_report(empty_dashboard(), REQUEST))
    assert "Nothing was recorded for this in the period." in text
    assert "Fairness at each stage" in text


def test_unicode_organisation_names_print() -> None:
    for name in ("Łukasz & Zoë's Partnership", "شراكة العدالة التصالحية", "Nguyễn Partnership"):
        pdf = render_board_report(sample_dashboard(), replace(REQUEST, letterhead=Letterhead(name)))
        assert pdf.startswith(b"%PDF")
    text = pdf_text(render_board_report(
        sample_dashboard(), replace(REQUEST, letterhead=Letterhead("Łukasz & Zoë's Partnership"))
    ))
    assert "Łukasz & Zoë's Partnership" in text


def test_progress_is_told_between_sections_and_can_stop_it() -> None:
    seen: list[tuple[int, int]] = []

    def keep_going(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    render_board_report(sample_dashboard(), REQUEST, keep_going)
    total = seen[0][1]
    assert [done for done, _ in seen] == list(range(total + 1))
    asked = []

    def stop_at_third(done: int, total: int) -> bool:
        asked.append(done)
        return done < 3

    with pytest.raises(Cancelled):
        render_board_report(sample_dashboard(), REQUEST, stop_at_third)
    assert asked == [0, 1, 2, 3]


def test_the_request_comes_from_the_settings(store: Store) -> None:
    assert board_report_request_for(store).letterhead.organisation == (
        "Restorative practice partnership"
    )
    save_organisation_details(store, OrganisationDetails("Eastvale YOS", "01632 960 999"))
    store.set_setting("paper_size", "letter")
    request = board_report_request_for(store)
    assert request.letterhead.organisation == "Eastvale YOS"
    assert request.letterhead.contact == "01632 960 999"
    assert request.paper is Paper.LETTER
    assert request.produced_on == store.today()


def test_the_file_name_is_the_period() -> None:
    assert filename_for_board_report(sample_dashboard()) == (
        "board-report-2025-12-01-to-2026-11-26.pdf"
    )


def test_broken_wording_names_the_file_and_line(tmp_path: Path) -> None:
    source = Path(__file__).parents[2] / "resources" / "documents" / "board_report.json"
    broken = tmp_path / "board_report.json"
    broken.write_text(source.read_text(encoding="utf-8").replace(
        '"no_rows": "Nothing', '"no_rows": 3, "x": "Nothing'), encoding="utf-8")
    with pytest.raises(ResourceError, match=r"board_report.json, line \d+: \"no_rows\""):
        load_board_wording(broken)
