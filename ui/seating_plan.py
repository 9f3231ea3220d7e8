"""The seating plan: the circle drawn, and beside it the same seats as a list to reorder.

The list is the accessible equivalent of the drawing: seat by seat, clockwise from the
facilitator at the top, with each person's role in words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.preparation.records import Seat
from restorative_desk.preparation.seating import (
    CO_FACILITATOR,
    FACILITATOR,
    default_seating,
    seat_label,
)
from restorative_desk.records import Case, Person, Role
from restorative_desk.wording import RoleWording

SEAT_ROLE = Qt.ItemDataRole.UserRole


class SeatingPlanWidget(QWidget):
    """The circle and its list; `seating_edited` fires when the facilitator changes the order."""

    seating_edited = Signal()

    def __init__(self, wording: RoleWording, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._wording = wording
        self._case: Case | None = None
        self._people: list[Person] = []
        self._seats: list[Seat] = []

        self.drawing = SeatingDrawing()
        self.list = QListWidget()
        self.list.setAccessibleName("Who sits where, clockwise from the facilitator")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.list.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        list_label = QLabel("&Who sits where\n(clockwise from the facilitator at the top)")
        list_label.setBuddy(self.list)
        self.up_button = QPushButton("Move up")
        self.up_button.setToolTip("Move the chosen person one seat back, anticlockwise (Alt+Up)")
        self.down_button = QPushButton("Move down")
        self.down_button.setToolTip("Move the chosen person one seat on, clockwise (Alt+Down)")
        self.usual_button = QPushButton("Usu&al plan")
        self.usual_button.setToolTip(
            "Seat everyone as usual: the person responsible and their supporters on one side of "
            "the facilitator, the person harmed and theirs on the other"
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        buttons.addWidget(self.usual_button)
        side = QVBoxLayout()
        side.addWidget(list_label)
        side.addWidget(self.list, 1)
        side.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.drawing, 3)
        layout.addLayout(side, 2)

        for keys, slot in (("Alt+Up", self._on_up_button_clicked),
                           ("Alt+Down", self._on_down_button_clicked)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.up_button.clicked.connect(self._on_up_button_clicked)
        self.down_button.clicked.connect(self._on_down_button_clicked)
        self.usual_button.clicked.connect(self._on_usual_button_clicked)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.drawing.seat_clicked.connect(self._on_drawing_seat_clicked)
        self._update_buttons()

    # -- interface -----------------------------------------------------------------------------

    def set_seating(self, case: Case, people: Sequence[Person], seats: Sequence[Seat]) -> None:
        """Show `seats` for the people attending `case` (`people` are the attendees, used for
        names, role words and the usual plan)."""
        self._case = case
        self._people = list(people)
        self._seats = _facilitator_first(seats)
        self._refresh(0 if self._seats else -1)

    def seats(self) -> tuple[Seat, ...]:
        """The seats as they stand, clockwise from the facilitator."""
        return tuple(self._seats)

    def move_selected(self, step: int) -> bool:
        """Move the chosen person `step` seats (-1 up, +1 down); False when they cannot move."""
        row = self.list.currentRow()
        target = row + step
        if not self._movable(row) or not self._movable(target):
            return False
        self._seats[row], self._seats[target] = self._seats[target], self._seats[row]
        self._refresh(target)
        self.seating_edited.emit()
        return True

    def descriptions(self) -> list[str]:
        """What each line of the list says, in seat order."""
        return [self.list.item(row).text() for row in range(self.list.count())]

    # -- inside --------------------------------------------------------------------------------

    def _movable(self, row: int) -> bool:
        """Everyone but the facilitator, who keeps the seat at the top."""
        if not 0 <= row < len(self._seats):
            return False
        return self._seats[row].facilitator != FACILITATOR

    def _refresh(self, current: int) -> None:
        case = self._case
        by_id = {p.id: p for p in self._people}
        drawn: list[tuple[str, str, bool]] = []
        blocked = self.list.blockSignals(True)
        self.list.clear()
        for number, seat in enumerate(self._seats, start=1):
            name = seat_label(seat, case, by_id) if case else seat.key
            role = self._role_word(seat, by_id)
            drawn.append((name, role, bool(seat.facilitator)))
            item = QListWidgetItem(f"{number}. {name} · {self._list_role(seat, role, by_id)}")
            item.setData(SEAT_ROLE, seat.key)
            self.list.addItem(item)
        self.list.setCurrentRow(current)
        self.list.blockSignals(blocked)
        self.drawing.set_seats(drawn)
        self.drawing.set_selected(current)
        self._update_buttons()

    def _role_word(self, seat: Seat, by_id: dict[str, Person]) -> str:
        setting = self._case.setting if self._case else None
        if seat.facilitator == FACILITATOR:
            return self._wording.role_label(Role.FACILITATOR, setting)
        if seat.facilitator == CO_FACILITATOR:
            return self._wording.role_label(Role.CO_FACILITATOR, setting)
        person = by_id.get(seat.person_id)
        return self._wording.role_label(person.role, setting) if person else ""

    def _list_role(self, seat: Seat, role: str, by_id: dict[str, Person]) -> str:
        person = by_id.get(seat.person_id)
        if seat.facilitator == FACILITATOR:
            return f"{role}, at the top"
        if person is not None and person.role is Role.SUPPORTER and person.supports_person_id:
            supported = by_id.get(person.supports_person_id)
            if supported is not None:
                return f"{role}, with {supported.called}"
        return role

    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        self.up_button.setEnabled(self._movable(row) and self._movable(row - 1))
        self.down_button.setEnabled(self._movable(row) and self._movable(row + 1))
        self.usual_button.setEnabled(self._case is not None)

    def _on_up_button_clicked(self) -> None:
        self.move_selected(-1)

    def _on_down_button_clicked(self) -> None:
        self.move_selected(+1)

    def _on_usual_button_clicked(self) -> None:
        if self._case is None:
            return
        usual = list(default_seating(self._case, self._people))
        if usual == self._seats:
            return
        kept = self.list.currentItem()
        key = kept.data(SEAT_ROLE) if kept else None
        self._seats = usual
        self._refresh(next((i for i, s in enumerate(usual) if s.key == key), 0))
        self.seating_edited.emit()

    def _on_list_current_row_changed(self, row: int) -> None:
        self.drawing.set_selected(row)
        self._update_buttons()

    def _on_drawing_seat_clicked(self, index: int) -> None:
        self.list.setCurrentRow(index)
        self.list.setFocus()


def _facilitator_first(seats: Sequence[Seat]) -> list[Seat]:
    """The same circle turned so the facilitator is the first seat (drawn at the top)."""
    start = next((i for i, s in enumerate(seats) if s.facilitator == FACILITATOR), 0)
    return [*seats[start:], *seats[:start]]


class SeatingDrawing(QWidget):
    """The circle: seats round a table, the first at the top, then clockwise."""

    seat_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._seats: list[tuple[str, str, bool]] = []  # name, role word, is a facilitator
        self._selected = -1
        self._boxes: list[QRectF] = []
        self._table = QRectF()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Seating plan drawing")
        self.setAccessibleDescription("The same seats are listed beside it, in order.")

    def set_seats(self, seats: Sequence[tuple[str, str, bool]]) -> None:
        """Draw these seats (name, role word, facilitator or not), clockwise from the top."""
        self._seats = list(seats)
        self.update()

    def set_selected(self, index: int) -> None:
        """Outline the seat chosen in the list."""
        self._selected = index
        self.update()

    def sizeHint(self) -> QSize:
        em = self.fontMetrics().horizontalAdvance("M")
        return QSize(em * 30, em * 22)

    def minimumSizeHint(self) -> QSize:
        em = self.fontMetrics().horizontalAdvance("M")
        return QSize(em * 20, em * 16)

    def seat_rects(self) -> list[QRectF]:
        """Where each seat is drawn at the widget's current size."""
        return list(self._layout())

    def _layout(self) -> list[QRectF]:
        count = len(self._seats)
        if not count:
            return []
        metrics = QFontMetricsF(self.font())
        small = QFontMetricsF(_smaller(self.font()))
        em = metrics.horizontalAdvance("M")
        margin = metrics.height() * 0.5
        box_h = metrics.height() + small.height() + metrics.height() * 0.8
        widest = max(
            max(metrics.horizontalAdvance(name), small.horizontalAdvance(role))
            for name, role, _ in self._seats
        )
        box_w = min(max(widest + em * 1.5, em * 7), em * 13)
        width, height = float(self.width()), float(self.height())
        centre = QPointF(width / 2, height / 2)
        rects: list[QRectF] = []
        rx = ry = 0.0
        for _ in range(12):  # narrow the seats until neighbours no longer touch
            rx = max(width / 2 - box_w / 2 - margin, box_w / 2)
            ry = max(height / 2 - box_h / 2 - margin, box_h / 2)
            rects = []
            for index in range(count):
                angle = -math.pi / 2 + 2 * math.pi * index / count
                at = QPointF(centre.x() + rx * math.cos(angle), centre.y() + ry * math.sin(angle))
                rects.append(QRectF(at.x() - box_w / 2, at.y() - box_h / 2, box_w, box_h))
            gap = em * 0.4
            crowded = any(
                rect.adjusted(-gap, -gap, gap, gap).intersects(other)
                for index, rect in enumerate(rects) for other in rects[index + 1:]
            )
            if not crowded or box_w <= em * 4:
                break
            box_w = max(box_w * 0.9, em * 4)
        # The table fills the middle of the circle without reaching under any seat.
        half_w = max(min(rx * 0.5, rx - box_w / 2 - em), em)
        half_h = max(min(ry * 0.5, ry - box_h / 2 - em), em)
        self._table = QRectF(centre.x() - half_w, centre.y() - half_h, 2 * half_w, 2 * half_h)
        return rects

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        self._boxes = self._layout()
        if self._boxes:
            self._paint_table(painter, palette)
        regular, small = self.font(), _smaller(self.font())
        bold = QFont(regular)
        bold.setBold(True)
        for index, (rect, (name, role, facilitator)) in enumerate(
            zip(self._boxes, self._seats, strict=True)
        ):
            selected = index == self._selected
            fill = palette.color(
                QPalette.ColorRole.AlternateBase if facilitator else QPalette.ColorRole.Base
            )
            outline = palette.color(
                QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Mid
            )
            painter.setPen(QPen(outline, 3 if selected else 1.5))
            painter.setBrush(fill)
            radius = rect.height() / 4
            painter.drawRoundedRect(rect, radius, radius)
            inner = rect.adjusted(6, 4, -6, -4)
            name_font = bold if facilitator else regular
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.setFont(name_font)
            name_metrics = QFontMetricsF(name_font)
            top = QRectF(inner.left(), inner.top(), inner.width(), inner.height() * 0.55)
            painter.drawText(
                top, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                name_metrics.elidedText(name, Qt.TextElideMode.ElideRight, inner.width()),
            )
            painter.setFont(small)
            bottom = QRectF(inner.left(), top.bottom(), inner.width(), inner.height() * 0.45)
            painter.drawText(
                bottom, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                QFontMetricsF(small).elidedText(role, Qt.TextElideMode.ElideRight, inner.width()),
            )
        painter.end()

    def _paint_table(self, painter: QPainter, palette: QPalette) -> None:
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Window).darker(106))
        painter.drawEllipse(self._table)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        for index, rect in enumerate(self._boxes):
            if rect.contains(event.position()):
                self.seat_clicked.emit(index)
                return
        super().mousePressEvent(event)


def _smaller(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * 0.85)
    return small
