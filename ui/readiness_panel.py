"""Where a case stands before its conference, in words: the full panel for the Conference tab
and a one-line banner for the top of the case window."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from restorative_desk.formatting import format_date
from restorative_desk.preparation.readiness import Area, Blocker
from restorative_desk.preparation.records import ReadinessOverride
from restorative_desk.records import Person, Status
from restorative_desk.store.preparation import Readiness

AREA_TITLES = {
    Area.PEOPLE: "People",
    Area.PREPARATION: "Preparation",
    Area.CONSENT: "Consent",
    Area.RISK: "Risk and safety",
    Area.DECISION: "Decision",
}
# The banner shows only while the conference is still ahead.
BEFORE_CONFERENCE = frozenset(
    {Status.REFERRED, Status.INITIAL_ENGAGEMENT, Status.RISK_ASSESSMENT, Status.PREPARING,
     Status.READY}
)
NOT_READY_MARK, READY_MARK, WARNING_MARK, BULLET = "✗", "✓", "⚠", "•"


def things(count: int) -> str:
    """ "1 thing" or "5 things"."""
    return f"{count} thing" if count == 1 else f"{count} things"


def is_withdrawal(blocker: Blocker) -> bool:
    """Whether the blocker is a consent that was given and then withdrawn."""
    return blocker.code.endswith(":withdrawn")


def override_day(override: ReadinessOverride) -> str:
    """ " on 24 Nov 2026" for a logged override (empty when the time is not known)."""
    if override.recorded_at is None:
        return ""
    return f" on {format_date(override.recorded_at.astimezone().date())}"


def readiness_heading(readiness: Readiness) -> str:
    """The panel's heading: ready, not ready (how many things), or going ahead on an override."""
    if readiness.uncovered:
        return f"{NOT_READY_MARK} Not ready yet: {things(len(readiness.uncovered))} to put right"
    if readiness.blockers and readiness.override is not None:
        override = readiness.override
        return (
            f"{WARNING_MARK} Going ahead despite {things(len(readiness.blockers))}: "
            f"overridden by {override.overridden_by}{override_day(override)}"
        )
    return f"{READY_MARK} Ready for the conference"


def banner_text(readiness: Readiness) -> str:
    """The banner's one line for a case before its conference."""
    withdrawn = [b for b in readiness.uncovered if is_withdrawal(b)]
    if withdrawn:
        more = f" (and {things(len(withdrawn) - 1)} more withdrawn)" if len(withdrawn) > 1 else ""
        return (
            f"{WARNING_MARK} Consent withdrawn: {withdrawn[0].message.rstrip('.')}{more}. "
            "The conference is on hold."
        )
    if readiness.uncovered:
        return (
            f"{NOT_READY_MARK} Not ready for the conference: "
            f"{things(len(readiness.uncovered))} to put right (see the Conference tab)"
        )
    if readiness.blockers and readiness.override is not None:
        return (
            f"{WARNING_MARK} Going ahead on an override by {readiness.override.overridden_by} "
            f"({things(len(readiness.blockers))} not put right)"
        )
    extra = f" · {things(len(readiness.reminders))} worth doing" if readiness.reminders else ""
    return f"{READY_MARK} Ready for the conference{extra}"


def blocker_lines(blockers: Sequence[Blocker]) -> tuple[str, str]:
    """The blockers as rich text lines with a ✗ mark each, and the same as plain text."""
    lines = [
        (f"<b>Consent withdrawn:</b> {escape(b.message)}", f"Consent withdrawn: {b.message}")
        if is_withdrawal(b) else (escape(b.message), b.message)
        for b in blockers
    ]
    html = "<br>".join(f"{NOT_READY_MARK}&nbsp;{rich}" for rich, _ in lines)
    plain = "\n".join(f"{NOT_READY_MARK} {text}" for _, text in lines)
    return html, plain


def section_label(html: str, plain: str, accessible_name: str) -> QLabel:
    """A wrapped, selectable label whose screen-reader text is the plain words."""
    label = QLabel(html)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(accessible_name)
    label.setAccessibleDescription(plain)
    label.setProperty("plain_text", plain)
    return label


def _bullets(items: Sequence[str], mark: str = BULLET) -> tuple[str, str]:
    html = "<br>".join(f"{mark}&nbsp;{escape(item)}" for item in items)
    return html, "\n".join(f"{mark} {item}" for item in items)


class ReadinessPanel(QWidget):
    """What stands between a case and its conference, grouped by area, with any override and
    the reminders worth doing; every state is said in words and marks, never colour alone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._sections = QVBoxLayout()
        self._sections.setContentsMargins(0, 0, 0, 0)
        self._sections.setSpacing(4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addLayout(self._sections)
        self._labels: list[QLabel] = []

    def show_readiness(self, readiness: Readiness, people: Mapping[str, Person]) -> None:
        """Show where the case stands."""
        self._clear()
        self.heading.setText(readiness_heading(readiness))
        self.heading.setAccessibleName(self.heading.text())
        withdrawn = [b for b in readiness.uncovered if is_withdrawal(b)]
        if withdrawn:
            self._add_withdrawals(withdrawn, people)
        for area, title in AREA_TITLES.items():
            found = [b for b in readiness.uncovered if b.area is area and not is_withdrawal(b)]
            if found:
                self._add_section(title, *blocker_lines(found))
        if readiness.override is not None:
            self._add_override(readiness.override, still_blocked=bool(readiness.uncovered))
        if readiness.reminders:
            self._add_section("Worth doing", *_bullets([r.message for r in readiness.reminders]))

    def texts(self) -> list[str]:
        """Everything the panel says, heading first, as plain text (for tests and copying)."""
        return [self.heading.text(), *(str(label.property("plain_text")) for label in self._labels)]

    def _add_withdrawals(self, withdrawn: Sequence[Blocker], people: Mapping[str, Person]) -> None:
        names = ", ".join(
            dict.fromkeys(people[b.person_id].called for b in withdrawn if b.person_id in people)
        )
        title = f"{WARNING_MARK} Consent withdrawn" + (f": {names}" if names else "")
        hold = "The conference is on hold. Talk with them before anything else is arranged."
        html = "<br>".join(f"<b>{NOT_READY_MARK}&nbsp;{escape(b.message)}</b>" for b in withdrawn)
        plain = "\n".join(f"{NOT_READY_MARK} Consent withdrawn: {b.message}" for b in withdrawn)
        self._add_section(title, f"{html}<br>{escape(hold)}", f"{plain}\n{hold}")

    def _add_override(self, override: ReadinessOverride, *, still_blocked: bool) -> None:
        title = "An earlier override" if still_blocked else "Going ahead anyway"
        who = f"Decided by {override.overridden_by}{override_day(override)}"
        if override.recorded_by and override.recorded_by != override.overridden_by:
            who += f" (recorded by {override.recorded_by})"
        covered = list(override.blocker_messages or override.blockers)
        lines_html = [escape(who) + ".", f"<i>Why it is safe:</i> {escape(override.reason)}"]
        lines_plain = [who + ".", f"Why it is safe: {override.reason}"]
        if covered:
            html, plain = _bullets(covered)
            lines_html += ["It covered:", f"<div style='margin-left: 12px'>{html}</div>"]
            lines_plain += ["It covered:", plain]
        if still_blocked:
            since = "Things that came up since still need putting right (above)."
            lines_html.append(escape(since))
            lines_plain.append(since)
        self._add_section(title, "<br>".join(lines_html), "\n".join(lines_plain))

    def _add_section(self, title: str, html: str, plain: str) -> None:
        heading = QLabel(title)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        heading.setWordWrap(True)
        heading.setProperty("plain_text", title)
        heading.setContentsMargins(0, 6, 0, 0)
        body = section_label(html, plain, title)
        body.setContentsMargins(12, 0, 0, 0)
        for label in (heading, body):
            self._sections.addWidget(label)
            self._labels.append(label)

    def _clear(self) -> None:
        for label in self._labels:
            self._sections.removeWidget(label)
            # Hidden at once: deleteLater waits for the event loop, and until then the old
            # case's lines would still be drawn under the new ones.
            label.hide()
            label.deleteLater()
        self._labels = []


class ReadinessBanner(QFrame):
    """One line at the top of the case window while the conference is still ahead."""

    details_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_button = QPushButton("Show")
        self.show_button.setToolTip("Open the Conference tab to see what still needs doing")
        self.show_button.setAccessibleName("Show readiness on the Conference tab")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.show_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.show_button.clicked.connect(self._on_show_button_clicked)
        self._base = self.palette()
        self.hide()

    def show_readiness(self, readiness: Readiness | None, status: Status) -> None:
        """Show the case's readiness, or hide for a new case and once the conference is past."""
        if readiness is None or status not in BEFORE_CONFERENCE:
            self.hide()
            return
        text = banner_text(readiness)
        prefix = f"{WARNING_MARK} Consent withdrawn:"
        if text.startswith(prefix):  # a withdrawal stands out in words and weight
            self.label.setText(f"<b>{escape(prefix)}</b>{escape(text[len(prefix):])}")
        else:
            self.label.setText(escape(text))
        self.setAccessibleName(text)
        self._tint(attention=not readiness.ready)
        self.show()

    def text(self) -> str:
        """What the banner says, as plain text."""
        return self.accessibleName()

    def _tint(self, *, attention: bool) -> None:
        # A soft background only helps; the mark and the words carry the meaning.
        palette = QPalette(self._base)
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        if attention:
            colour = QColor("#4a3a12") if dark else QColor("#fdf3dc")
        else:
            colour = QColor("#1f3d26") if dark else QColor("#e9f5ec")
        palette.setColor(QPalette.ColorRole.Window, colour)
        self.setPalette(palette)

    def _on_show_button_clicked(self) -> None:
        self.details_requested.emit()
