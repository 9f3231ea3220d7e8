"""Read someone's preparation answers back to them, to check they are right: large plain text,
each "You told us ..." line followed by what they said, with a button to copy it all."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.preparation.catalogue import Question

NOTHING_YET = "Nothing has been written down yet. Their answers will appear here once saved."


def read_back_pairs(
    questions: Sequence[Question], answers: Mapping[str, str]
) -> list[tuple[str, str]]:
    """Each answered question's read-back line with the answer, in the catalogue's order."""
    pairs = []
    for question in questions:
        answer = answers.get(question.key, "").strip()
        if answer:
            pairs.append((question.read_back, answer))
    return pairs


def read_back_text(name: str, pairs: Sequence[tuple[str, str]]) -> str:
    """The read-back as plain text (what the Copy button puts on the clipboard)."""
    if not pairs:
        return NOTHING_YET
    blocks = [f"{line}\n{answer}" for line, answer in pairs]
    return f"What {name} told us\n\n" + "\n\n".join(blocks)


def _read_back_html(pairs: Sequence[tuple[str, str]]) -> str:
    if not pairs:
        return f"<p>{html.escape(NOTHING_YET)}</p>"
    parts = []
    for line, answer in pairs:
        said = html.escape(answer).replace("\n", "<br>")
        parts.append(
            f"<p style='margin-top:14px; margin-bottom:2px'><b>{html.escape(line)}</b></p>"
            f"<p style='margin-top:0; margin-bottom:10px; margin-left:18px'>{said}</p>"
        )
    return "".join(parts)


class ReadBackDialog(QDialog):
    """A read-only view of what someone told the facilitator, to read back to them."""

    def __init__(
        self,
        parent: QWidget | None,
        name: str,
        questions: Sequence[Question],
        answers: Mapping[str, str],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Read back to {name}")
        self._pairs = read_back_pairs(questions, answers)
        self._name = name
        intro = QLabel(
            f"Read this back to {name} and check it is right in their own words. "
            "Change anything they want changed in the answer boxes."
        )
        intro.setWordWrap(True)
        self.view = QTextBrowser()
        self.view.setAccessibleName(f"What {name} told us")
        self.view.setOpenLinks(False)
        font = self.view.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.view.setFont(font)
        self.view.document().setDocumentMargin(16)
        self.view.setHtml(_read_back_html(self._pairs))
        self.copy_button = QPushButton("&Copy")
        self.copy_button.setToolTip("Copy the read-back as plain text")
        self.copy_button.setAutoDefault(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.status = QLabel()
        self.status.setAccessibleName("Copy status")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.resize(680, 640)
        self.view.setFocus()

    @classmethod
    def show_for(
        cls,
        parent: QWidget | None,
        name: str,
        questions: Sequence[Question],
        answers: Mapping[str, str],
    ) -> None:
        """Open the read-back and wait until it is closed."""
        cls(parent, name, questions, answers).exec()

    def pairs(self) -> list[tuple[str, str]]:
        """(read-back line, answer) for each answered question, in order."""
        return list(self._pairs)

    def text(self) -> str:
        """The read-back as plain text."""
        return read_back_text(self._name, self._pairs)

    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
        self.status.setText("Copied.")
