"""The printed outcome agreement: what everyone agreed, the actions, review dates, signatures.

Built from plain input records (AgreementPrint), so the store's agreement records and this module
do not depend on each other. Wording is data in resources/documents/agreement.json and, for the
child-friendly version (larger type, simpler words), agreement_child.json. Same input, same bytes.

Copies: `render_copies` gives one PDF per participant, each saying "Copy for <name>" and each
numbered "Page X of Y" on its own, so a copy can be handed over, saved or emailed by itself;
printing all of them is one print job per copy, sent one after the other.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ..formatting import format_date
from ..records import Setting
from .agreement_blocks import agreement_blocks
from .markup import story
from .pdf_base import (
    Letterhead,
    build_pdf,
    frame_height,
    frame_width,
    safe_reference,
    stylesheet,
)
from .templates import DocumentTemplate, load_template

# The settings key the chosen paper size will be kept under ("a4" or "letter").
PAPER_SETTING_KEY = "paper_size"

# What the agreement templates may fill in.
AGREEMENT_PLACEHOLDERS = frozenset(
    {
        "organisation",
        "facilitator",
        "reference",  # the case reference, such as RD-2026-0042
        "agreed_on",  # the date everyone agreed, when they have
        "version",  # given only from version 2 on
        "copy_for",  # the participant this copy is for, when it is one person's copy
        "review_date",  # when everyone meets again to see how it is going
        "contact",  # how to reach the facilitator or organisation
        "own_words_by",  # whose own words are quoted, when known
    }
)
# Conditions may also test whether there is a summary, own words, any actions or anyone listed.
AGREEMENT_CONDITIONS = AGREEMENT_PLACEHOLDERS | {"summary", "own_words", "actions", "people"}
# "@name labels": the blocks agreement_blocks.py lays out, with how many labels each takes.
AGREEMENT_DIRECTIVES = {
    "people": 1,  # who took part; the label is the facilitator's role words
    "summary": 0,  # the short summary, a paragraph per line
    "own_words": 0,  # the young person's own words, in quotation marks
    "actions": 7,  # a table: six column headings, then the words before an action's review date
    "action_cards": 7,  # the same labels, one box per action (for the child-friendly version)
    "signatures": 2,  # a line to sign for everyone: the facilitator's role words, then "Date"
}


class Paper(enum.Enum):
    """The paper the documents are laid out for; A4 unless the organisation chooses Letter."""

    A4 = "a4"
    LETTER = "letter"

    @property
    def label(self) -> str:
        """The paper's name for people ("A4", "US Letter")."""
        return "A4" if self is Paper.A4 else "US Letter"

    @property
    def size(self) -> tuple[float, float]:
        """Width and height in points (1/72 inch)."""
        if self is Paper.A4:
            return (210 * 72 / 25.4, 297 * 72 / 25.4)
        return (8.5 * 72, 11 * 72)


@dataclass(frozen=True)
class PrintedAction:
    """One action as printed: what, by whom, for whom, by when, how we will know, and support."""

    what: str
    who: str = ""
    for_whom: str = ""
    by_when: date | None = None
    how_known: str = ""
    support: str = ""
    review_date: date | None = None


@dataclass(frozen=True)
class PrintedPerson:
    """Someone who took part: the name they chose and their role in the setting's words."""

    name: str
    role: str
    person_id: str = ""  # the record id, for the file name of their copy (never the name)


@dataclass(frozen=True)
class AgreementPrint:
    """Everything the printed agreement says."""

    reference: str
    setting: Setting
    letterhead: Letterhead
    facilitator: str
    version: int
    agreed_on: date | None  # None while it is a draft
    summary: str
    own_words: str
    actions: tuple[PrintedAction, ...]
    people: tuple[PrintedPerson, ...]
    review_date: date | None
    child_friendly: bool = False
    paper: Paper = Paper.A4
    copy_for: str = ""  # the name of the person this copy is for ("Copy for Zoë")
    own_words_by: str = ""  # whose words `own_words` are ("In Jordan's own words")


def render_agreement(doc: AgreementPrint) -> bytes:
    """The agreement as PDF bytes (same input, same bytes)."""
    template = _template("agreement_child" if doc.child_friendly else "agreement")
    values = _values(doc)
    given = {key for key, value in values.items() if value.strip()}
    styles = stylesheet(doc.child_friendly)
    width, height = frame_width(doc.paper.size), frame_height(doc.paper.size)
    sections = template.sections(doc.setting, given)
    blocks = agreement_blocks(doc, styles, width, height)
    return build_pdf(
        story(sections, values, styles, width, blocks, flowing={"actions", "action_cards"}),
        pagesize=doc.paper.size,
        title=f"{template.title(doc.setting)} \N{EN DASH} {values['reference']}",
        letterhead=doc.letterhead,
        organisation=values["organisation"],
        reference=values["reference"],
        large=doc.child_friendly,
    )


def render_copies(doc: AgreementPrint, names: Sequence[str] | None = None) -> list[bytes]:
    """One PDF per name ("Copy for <name>"), everyone in `doc.people` unless names are given."""
    chosen = [person.name for person in doc.people] if names is None else list(names)
    return [render_agreement(replace(doc, copy_for=name)) for name in chosen]


def filename_for_agreement(
    reference: str, version: int, person_id: str = "", *, child_friendly: bool = False
) -> str:
    """A safe file name from the case reference, the version and a person's record id.

    Never a person's name: file names end up in folders, print queues and email attachments.
    """
    kind = "agreement-easy-read" if child_friendly else "agreement"
    person = re.sub(r"[^0-9a-f]", "", person_id.lower())[:8]
    parts = (safe_reference(reference), kind, f"v{max(version, 1)}", person)
    return "-".join(part for part in parts if part) + ".pdf"


def load_agreement_template(name: str, path: Path | None = None) -> DocumentTemplate:
    """Load and check an agreement template; errors name the file and the line."""
    return load_template(
        name,
        path,
        placeholders=AGREEMENT_PLACEHOLDERS,
        conditions=AGREEMENT_CONDITIONS,
        directives=AGREEMENT_DIRECTIVES,
    )


@functools.cache
def _template(name: str) -> DocumentTemplate:
    return load_agreement_template(name)


def _values(doc: AgreementPrint) -> dict[str, str]:
    """What the placeholders are filled with, and which conditions hold."""
    organisation = doc.letterhead.organisation.strip()
    facilitator = doc.facilitator.strip()
    if not organisation:
        raise ValueError("The agreement needs the organisation's name.")
    if not facilitator:
        raise ValueError("The agreement needs the facilitator's name.")
    if doc.version < 1:
        raise ValueError("An agreement's version starts at 1.")
    return {
        "organisation": organisation,
        "facilitator": facilitator,
        "reference": doc.reference.strip(),
        "agreed_on": format_date(doc.agreed_on) if doc.agreed_on else "",
        "version": str(doc.version) if doc.version > 1 else "",
        "copy_for": doc.copy_for.strip(),
        "review_date": format_date(doc.review_date) if doc.review_date else "",
        "contact": doc.letterhead.contact.strip(),
        "own_words_by": doc.own_words_by.strip(),
        "summary": "yes" if doc.summary.strip() else "",
        "own_words": "yes" if doc.own_words.strip() else "",
        "actions": "yes" if doc.actions else "",
        "people": "yes" if doc.people else "",
    }
