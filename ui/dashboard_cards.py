"""The parts of the Figures view: a card per figure table (title, chart or table, one-line
note) and a tile per headline figure.

A card takes the keyboard: Enter shows it as a table and back, Ctrl+Shift+S saves the chart as
a PNG, the menu key (or Shift+F10) offers both. Its buttons are for the mouse, so Tab goes from
card to card.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QFocusEvent, QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.reports.figures import NO_DATA, FigureTable, Headline

from . import dashboard_work
from .chart_plan import has_drawing, note_for, plan_chart, summary_sentence
from .figure_table import FigureTableView

if TYPE_CHECKING:
    from PySide6.QtCharts import QChartView

SAVE_PNG_KEYS = QKeySequence("Ctrl+Shift+S")
PNG_SIZE = QSize(960, 560)  # the picture saved, before doubling for crispness
CARD_STYLE = """
QFrame#figureCard { border: 1px solid palette(mid); border-radius: 6px;
                    background: palette(base); }
QFrame#figureCard:focus { border: 2px solid palette(highlight); }
"""


class FigureCard(QFrame):
    """One figure: its title, its chart (or its table), and a note under it."""

    focused = Signal()  # the card (or its table) took the keyboard
    saved = Signal(str)  # a PNG was written here
    save_failed = Signal(str)  # why it was not

    def __init__(self, table: FigureTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureCard")
        self.setStyleSheet(CARD_STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._table = table
        self._chart_view: QChartView | None = None
        self._drawn = False  # whether the chart has anything to draw (else: say so)
        self.title = QLabel()
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.15)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setWordWrap(True)
        self.table_button = QPushButton("Show as table")
        self.table_button.setCheckable(True)
        self.table_button.setToolTip("Show the figures as a table, or the chart again (Enter)")
        self.save_button = QPushButton("Save as PNG…")
        self.save_button.setToolTip(
            f"Save the chart as a picture "
            f"({SAVE_PNG_KEYS.toString(QKeySequence.SequenceFormat.NativeText)})"
        )
        for button in (self.table_button, self.save_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoDefault(False)
        self.stack = QStackedWidget()
        self.table_view = FigureTableView(table)
        self.nothing = QLabel()
        self.nothing.setWordWrap(True)
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.legend.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.table_button)
        header.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.note)
        self.stack.addWidget(self.nothing)  # the chart view goes first when it is made
        self.stack.addWidget(self.table_view)

        self.table_button.toggled.connect(self._on_table_button_toggled)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.set_table(table)

    # -- public --------------------------------------------------------------------------------

    @property
    def table(self) -> FigureTable:
        return self._table

    @property
    def chart_view(self) -> QChartView | None:
        """The chart shown (None while the table has nothing to draw)."""
        return self._chart_view

    def showing_table(self) -> bool:
        return self.table_button.isChecked()

    def set_table(self, table: FigureTable) -> None:
        """Show this table's figures (the same figure for a new filter, usually)."""
        from .chart_pictures import chart_height, chart_view_for, legend_html
        from .charts import chart_for

        if table == self._table and self._chart_view is not None:
            return  # the same figures: keep the chart drawn
        self._table = table
        self.stack.setFixedHeight(chart_height(table, self.fontMetrics().height()))
        plan = plan_chart(table)
        summary = summary_sentence(table, plan)
        self.title.setText(table.title)
        self._show_note()
        self.note.setToolTip(table.note)
        self.legend.setText(legend_html(table))
        self.table_view.set_table(table)
        self.setAccessibleName(table.title)
        self.setAccessibleDescription(
            f"{summary} Press Enter to show it as a table, Control Shift S to save it as a "
            "picture."
        )
        self._drawn = has_drawing(table, plan)
        self.legend.setVisible(self._drawn and bool(self.legend.text()))
        if not self._drawn:
            self.nothing.setText(summary)
            if not self.showing_table():
                self.stack.setCurrentWidget(self.nothing)
            return
        if self._chart_view is None:
            self._chart_view = chart_view_for(table)
            self._chart_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.stack.insertWidget(0, self._chart_view)
        else:
            old = self._chart_view.chart()
            self._chart_view.setChart(chart_for(table))
            old.deleteLater()
        chart = self._chart_view.chart()
        self._chart_view.setAccessibleName(table.title)
        self._chart_view.setAccessibleDescription(summary)
        self._chart_view.setToolTip(chart.toolTip())
        if not self.showing_table():
            self.stack.setCurrentWidget(self._chart_view)

    def toggle_table(self) -> None:
        """Show the table instead of the chart, or the chart again."""
        self.table_button.toggle()

    def save_png(self, path: Path) -> bool:
        """Write the chart (with its title and note) as a PNG drawn at twice the size."""
        from .chart_pictures import chart_image

        target = path if path.suffix.lower() == ".png" else path.with_name(path.name + ".png")
        if not chart_image(self._table, PNG_SIZE, 2.0).save(str(target)):  # a PNG, by the suffix
            self.save_failed.emit(f"The picture could not be saved as {target}.")
            return False
        self.saved.emit(str(target))
        return True

    def ask_and_save(self) -> None:
        """Ask where, then save the chart as a PNG."""
        chosen = dashboard_work.ask_save_path(
            self, "Save the chart as a picture", f"{self._table.key.replace('_', '-')}.png",
            "PNG pictures (*.png)",
        )
        if chosen:
            self.save_png(Path(chosen))

    # -- events --------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier
        ):
            self.toggle_table()
            return
        if QKeySequence(event.keyCombination()) == SAVE_PNG_KEYS:
            self.ask_and_save()
            return
        if key == Qt.Key.Key_Menu or (
            key == Qt.Key.Key_F10 and event.modifiers() == Qt.KeyboardModifier.ShiftModifier
        ):
            self._menu().popup(self.mapToGlobal(QPoint(24, 24)))
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self._menu().popup(event.globalPos())

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    # -- internals -----------------------------------------------------------------------------

    def _menu(self) -> QMenu:
        menu = QMenu(self)
        toggle = menu.addAction("Show as chart" if self.showing_table() else "Show as table")
        toggle.setShortcut(QKeySequence(Qt.Key.Key_Return))
        toggle.triggered.connect(self.toggle_table)
        save = menu.addAction("Save chart as PNG…")
        save.setShortcut(SAVE_PNG_KEYS)
        save.triggered.connect(self.ask_and_save)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return menu

    def _show_note(self) -> None:
        """Under a chart, the note's first sentence (all of it in the tooltip); under the
        table, all of it."""
        self.note.setText(note_for(self._table, short=not self.showing_table()))
        self.note.setVisible(bool(self.note.text()))

    def _on_table_button_toggled(self, showing: bool) -> None:
        self.table_button.setText("Show as chart" if showing else "Show as table")
        self._show_note()
        self.legend.setVisible(self._drawn and bool(self.legend.text()) and not showing)
        if showing:
            self.stack.setCurrentWidget(self.table_view)
            if self.hasFocus():
                self.table_view.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            view = self._chart_view
            self.stack.setCurrentWidget(view if view is not None and self._drawn else self.nothing)
            if self.table_view.hasFocus():
                self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_save_button_clicked(self) -> None:
        self.ask_and_save()


class HeadlineTile(QFrame):
    """A headline figure in large type, its label, and the published figure beneath."""

    def __init__(self, headline: Headline, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        nothing = headline.cell.text == NO_DATA
        self.value = QLabel("None yet" if nothing else headline.cell.text)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 2.0)
        big.setBold(True)
        self.value.setFont(big)
        self.label = QLabel(headline.label)
        self.label.setWordWrap(True)
        self.published = QLabel(headline.published)
        self.published.setWordWrap(True)
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() * 0.9, 8.0))
        self.published.setFont(small)
        self.published.setVisible(bool(headline.published))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(2)
        layout.addWidget(self.value)
        layout.addWidget(self.label)
        layout.addWidget(self.published)
        layout.addStretch(1)
        spoken = ("fewer than five, not shown" if headline.cell.withheld
                  else "nothing recorded yet" if nothing else headline.cell.text)
        self.setAccessibleName(f"{headline.label}: {spoken}")
        if headline.published:
            self.setAccessibleDescription(f"Published: {headline.published}")
            self.setToolTip(f"Published: {headline.published}")
