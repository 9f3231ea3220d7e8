"""The closure letter: a warm, plain letter to a participant when their agreement is closed.

It thanks them, says what was achieved (or where things got to), and who to contact. The
wording for each outcome is data in resources/documents/closure.json. Same input, same bytes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..formatting import format_date
from ..records import Setting
from .agreement import Paper
from .markup import story
from .pdf_base import Letterhead, build_pdf, frame_width, safe_reference, stylesheet, text_paragraph
from .templates import DocumentTemplate, load_template

# How an agreement ended; each is also a condition the letter's wording can test.
COMPLETED = "completed"
PARTLY_COMPLETED = "partly_completed"
NOT_COMPLETED = "not_completed"
OUTCOMES = (COMPLETED, PARTLY_COMPLETED, NOT_COMPLETED)

CLOSURE_PLACEHOLDERS = frozenset(
    {"called", "organisation", "facilitator", "reference", "today", "contact"}
)
CLOSURE_CONDITIONS = CLOSURE_PLACEHOLDERS | {"summary", *OUTCOMES}
CLOSURE_DIRECTIVES = {"summary": 0}


@dataclass(frozen=True)
class ClosureLetter:
    """Everything one participant's closure letter says."""

    reference: str
    setting: Setting
    letterhead: Letterhead
    facilitator: str
    person_name: str  # the name they chose
    outcome: str  # one of OUTCOMES
    summary: str  # what was achieved, in a few plain lines
    today: date
    paper: Paper = Paper.A4


def render_closure_letter(letter: ClosureLetter) -> bytes:
    """The letter as PDF bytes."""
    template = _template()
    values = _values(letter)
    given = {key for key, value in values.items() if value.strip()}
    styles = stylesheet(False)
    pagesize = letter.paper.size
    width = frame_width(pagesize)
    blocks = {
        "summary": lambda _labels: [
            text_paragraph(line.strip(), styles["body"])
            for line in letter.summary.splitlines()
            if line.strip()
        ]
    }
    return build_pdf(
        story(template.sections(letter.setting, given), values, styles, width, blocks),
        pagesize=pagesize,
        title=f"{template.title(letter.setting)} \N{EN DASH} {values['reference']}",
        letterhead=letter.letterhead,
        organisation=values["organisation"],
        reference=values["reference"],
        large=False,
    )


def filename_for_closure_letter(reference: str, person_id: str = "") -> str:
    """A safe file name from the case reference and the person's record id (never a name)."""
    person = "".join(c for c in person_id.lower() if c in "0123456789abcdef")[:8]
    return (
        "-".join(part for part in (safe_reference(reference), "closure-letter", person) if part)
        + ".pdf"
    )


def load_closure_template(path: Path | None = None) -> DocumentTemplate:
    """Load and check the closure letter's wording; errors name the file and the line."""
    return load_template(
        "closure",
        path,
        placeholders=CLOSURE_PLACEHOLDERS,
        conditions=CLOSURE_CONDITIONS,
        directives=CLOSURE_DIRECTIVES,
    )


@functools.cache
def _template() -> DocumentTemplate:
    return load_closure_template()


def _values(letter: ClosureLetter) -> dict[str, str]:
    organisation = letter.letterhead.organisation.strip()
    facilitator = letter.facilitator.strip()
    if not organisation:
        raise ValueError("The letter needs the organisation's name.")
    if not facilitator:
        raise ValueError("The letter needs the facilitator's name.")
    if letter.outcome not in OUTCOMES:
        raise ValueError(
            f"Unknown outcome {letter.outcome!r}; expected one of {', '.join(OUTCOMES)}."
        )
    values = {
        "called": letter.person_name.strip(),
        "organisation": organisation,
        "facilitator": facilitator,
        "reference": letter.reference.strip(),
        "today": format_date(letter.today),
        "contact": letter.letterhead.contact.strip(),
        "summary": "yes" if letter.summary.strip() else "",
    }
    values.update({outcome: "yes" if outcome == letter.outcome else "" for outcome in OUTCOMES})
    return values
