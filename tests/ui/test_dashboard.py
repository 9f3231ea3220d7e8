"""The Figures view: read lazily (first shown, filters changed, Refresh), stopping keeps the figures
already shown, exports call through with progress, Tab goes card to card, Ctrl+5 reaches it."""

from __future__ import annotations

import itertools
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget
from pytestqt.qtbot import QtBot

from restorative_desk.records import Setting
from restorative_desk.reports.figures import (
    Dashboard,
    Progress,
    ReportFilter,
    report_progress,
)
from restorative_desk.store import Store
from restorative_desk.store.audit import AuditAction
from restorative_desk.wording import RoleWording
from tests.ui.dashboards import sample_dashboard
from ui import dashboard_work
from ui.dashboard import DashboardView
from ui.main_window import build_main_window

ROOT = Path(__file__).resolve().parents[2]


class Reads:
    """Stands in for store.dashboard: records each filter and answers with the sample."""

    def __init__(self) -> None:
        self.filters: list[ReportFilter] = []
        self.stop_after: int | None = None  # press Stop in the progress dialog at this step
        self.view: DashboardView | None = None

    def __call__(self, report_filter: ReportFilter, progress: Progress | None = None) -> Dashboard:
        self.filters.append(report_filter)
        for step in range(4):
            if step == self.stop_after and self.view is not None:
                # The newest: those of earlier reads may linger until deleted.
                self.view.findChildren(QProgressDialog)[-1].cancel()
            report_progress(progress, step, 3)
        return sample_dashboard(report_filter)


@pytest.fixture
def reads(store: Store, monkeypatch: pytest.MonkeyPatch) -> Reads:
    answer = Reads()
    monkeypatch.setattr(store, "dashboard", answer)
    return answer


@pytest.fixture
def view(store: Store, settings: QSettings, qtbot: QtBot, reads: Reads) -> DashboardView:
    made = DashboardView(store, settings)
    qtbot.addWidget(made)
    reads.view = made
    return made


def _walk_tab_order(start: QWidget, within: QWidget) -> QWidget:
    """The next widget Tab would reach inside `within` after `start`."""
    widget = start.nextInFocusChain()
    while widget is not None and widget is not start:
        if (within.isAncestorOf(widget) and widget.isVisibleTo(within) and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            return widget
        widget = widget.nextInFocusChain()
    return start


def test_reads_nothing_until_asked_then_the_filters_figures(
    view: DashboardView, reads: Reads
) -> None:
    assert reads.filters == [] and view.dashboard is None
    assert view.refresh()
    assert reads.filters == [ReportFilter(date(2025, 12, 1), date(2026, 11, 26))]
    assert [card.table.key for card in view.cards()] == [t.key for t in sample_dashboard().tables]
    assert [tile.value.text() for tile in view.tiles()][:3] == ["352", "171", "16 days"]
    assert "1 Dec 2025 to 26 Nov 2026 · All settings · All organisations" in view.status.text()


def test_filters_become_the_report_filter(view: DashboardView, reads: Reads) -> None:
    view.refresh()
    view.filters.setting.setCurrentText(Setting.YOS.label)
    view.filters.quarter_button.click()
    view.refresh()
    assert reads.filters[-1] == ReportFilter(
        date(2026, 10, 1), date(2026, 11, 26), frozenset({Setting.YOS}))


def test_organisations_offered_from_the_store_and_the_figures(
    view: DashboardView, store: Store, reads: Reads
) -> None:
    from restorative_desk.pilots.records import Organisation, OrganisationKind

    store.add_organisation(Organisation("Oak House", OrganisationKind.CARE_HOME))
    view.refresh()
    combo = view.filters.organisation
    offered = [combo.itemText(i) for i in range(combo.count())]
    assert offered == ["All organisations", "Hillside Primary School", "Northgate High School",
                       "Oak House", "Riverside Academy"]
    combo.setCurrentText("Oak House")
    view.refresh()
    assert reads.filters[-1].organisation == "Oak House"


def test_stopping_keeps_the_figures_already_shown(view: DashboardView, reads: Reads) -> None:
    view.refresh()
    shown = view.dashboard
    cards = view.cards()
    view.filters.twelve_months_button.click()
    view.filters.setting.setCurrentIndex(2)
    reads.stop_after = 1
    assert not view.refresh()
    assert view.dashboard is shown and view.cards() == cards
    assert view.status.text() == (
        "Stopped as you asked; the figures shown are still those for 1 Dec 2025 to "
        "26 Nov 2026.")
    assert not any(dialog.isVisible() for dialog in view.findChildren(QProgressDialog))


def test_a_filter_change_reads_again_only_when_shown(view: DashboardView, reads: Reads) -> None:
    view.filters.setting.setCurrentIndex(1)
    assert reads.filters == []  # not on screen: read when next shown


def test_csv_export_calls_through_with_progress(
    view: DashboardView, reads: Reads, store: Store, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[tuple[str, str]] = []
    written: list[tuple[Dashboard, Path, bool]] = []

    def ask(_parent: object, _caption: str, suggested: str, _filter: str,
            explanation: str = "") -> str:
        asked.append((suggested, explanation))
        return str(tmp_path / "figures")

    def write(dashboard: Dashboard, path: Path, progress: Progress | None) -> int:
        written.append((dashboard, path, progress is not None))
        return 42

    monkeypatch.setattr(dashboard_work, "ask_save_path", ask)
    monkeypatch.setattr(dashboard_work, "write_csv", write)
    assert view.export_csv() == tmp_path / "figures.csv"
    assert asked == [("figures-2025-12-01-to-2026-11-26.csv", dashboard_work.CSV_EXPLAINED)]
    assert "no names, contact details" in asked[0][1]
    assert written == [(view.dashboard, tmp_path / "figures.csv", True)]
    assert "42 rows" in view.status.text()
    exported = store.audit.entries(actions=[AuditAction.EXPORT])
    assert exported[-1].record_type == "figures_csv"
    assert exported[-1].detail == "2025-12-01 to 2026-11-26"


def test_csv_export_writes_a_real_file(
    view: DashboardView, reads: Reads, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dashboard_work, "ask_save_path", lambda *_a: str(tmp_path / "out.csv"))
    assert view.export_csv() == tmp_path / "out.csv"
    text = (tmp_path / "out.csv").read_text(encoding="utf-8")
    assert "<5" in text and "Hillside Primary School" in text


def test_board_report_is_made_and_previewed(
    view: DashboardView, reads: Reads, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[Dashboard, bytes]] = []
    monkeypatch.setattr(view, "show_board_report", lambda d, pdf: shown.append((d, pdf)))
    pdf = view.board_report()
    assert pdf is not None and pdf.startswith(b"%PDF")
    assert shown == [(view.dashboard, pdf)]


def test_board_report_dialog_saves_the_pdf(
    view: DashboardView, reads: Reads, store: Store, qtbot: QtBot, tmp_path: Path
) -> None:
    view.refresh()
    assert view.dashboard is not None
    dialog = dashboard_work.BoardReportDialog(view, store, view.dashboard, _tiny_pdf())
    qtbot.addWidget(dialog)
    dialog.choose_save_path = lambda _parent, suggested: str(tmp_path / Path(suggested).stem)
    dialog.save_button.click()
    assert (tmp_path / "board-report-2025-12-01-to-2026-11-26.pdf").read_bytes() == _tiny_pdf()
    assert "Saved as" in dialog.status.text()


def test_tab_goes_from_card_to_card(view: DashboardView, reads: Reads) -> None:
    view.refresh()
    cards = view.cards()
    for before, after in itertools.pairwise(cards):
        assert _walk_tab_order(before, view) is after
    assert cards[0].accessibleName() == "Referrals by month"
    assert "highest was School in Mar 2026, with 42" in cards[0].accessibleDescription()


def test_ctrl_5_shows_the_figures_full_width(
    store: Store, wording: RoleWording, settings: QSettings, qtbot: QtBot, reads: Reads
) -> None:
    window = build_main_window(store, wording, settings)
    qtbot.addWidget(window)
    assert reads.filters == []  # nothing read at start-up
    figures = next(a for a in window.shortcut_actions() if a.text() == "&Figures")
    assert figures.shortcut().toString() == "Ctrl+5"
    figures.trigger()
    assert window.figures_view.isVisibleTo(window)
    assert len(reads.filters) == 1
    assert not window.detail_panel.isVisibleTo(window)  # the figures have the width
    next(a for a in window.shortcut_actions() if a.text() == "Case &list").trigger()
    assert window.detail_panel.isVisibleTo(window)


def test_main_window_starts_without_qtcharts() -> None:
    code = "import sys, ui.main_window; print('PySide6.QtCharts' in sys.modules)"
    found = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                           text=True, check=True, env=_env())
    assert found.stdout.strip() == "False"


def _env() -> dict[str, Any]:
    import os

    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def _tiny_pdf() -> bytes:
    import io

    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    canvas.drawString(72, 720, "Partnership board report")
    canvas.save()
    return out.getvalue()
