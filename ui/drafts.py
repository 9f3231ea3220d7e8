"""Typing kept in the encrypted case file when the app locks: what the Preparation and
Conference tabs keep, and finding or dropping a case's kept drafts. Qt-free.

The typing goes only into the case file's drafts table (`Store.save_draft`): never a temporary
file, a log or the audit trail.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from typing import Any

from restorative_desk.preparation.records import ConferencePlan
from restorative_desk.store import Store, StoreError
from restorative_desk.store.prep_codec import plan_from_row, plan_to_row

PREPARATION_DRAFT = "preparation"  # record id: the person's id
PLAN_DRAFT = "conference_plan"  # record id: the case's id

Dated = tuple[date | None, str]


class UnreadableDraft(ValueError):
    """A kept draft that cannot be read back (written by another version, or damaged)."""


@dataclass(frozen=True)
class PreparationDraft:
    """One person's unsaved preparation typing: only the sections that had unsaved changes."""

    information: Dated | None = None
    acknowledgement: Dated | None = None
    answers: dict[str, str] | None = None

    def is_empty(self) -> bool:
        """Whether no section is kept."""
        return self.information is None and self.acknowledgement is None and self.answers is None

    def without(self, section: str) -> PreparationDraft:
        """This draft less one section ("information", "acknowledgement" or "answers")."""
        return PreparationDraft(
            information=None if section == "information" else self.information,
            acknowledgement=None if section == "acknowledgement" else self.acknowledgement,
            answers=None if section == "answers" else self.answers,
        )

    def to_payload(self) -> dict[str, Any]:
        """The draft as JSON-ready values: {"sections": {name: typed values}}."""
        sections: dict[str, Any] = {}
        if self.information is not None:
            sections["information"] = _dated_to_json(self.information)
        if self.acknowledgement is not None:
            sections["acknowledgement"] = _dated_to_json(self.acknowledgement)
        if self.answers is not None:
            sections["answers"] = dict(self.answers)
        return {"sections": sections}

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> PreparationDraft:
        """Read a kept draft back; UnreadableDraft when it is not one this version wrote."""
        sections = payload.get("sections")
        if not isinstance(sections, dict):
            raise UnreadableDraft("no sections")
        answers = sections.get("answers")
        if answers is not None and not (
            isinstance(answers, dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in answers.items())
        ):
            raise UnreadableDraft("answers")
        return cls(
            information=_dated_from_json(sections.get("information")),
            acknowledgement=_dated_from_json(sections.get("acknowledgement")),
            answers=dict(answers) if answers is not None else None,
        )


def _dated_to_json(value: Dated) -> dict[str, Any]:
    on, note = value
    return {"date": on.isoformat() if on is not None else None, "note": note}


def _dated_from_json(value: object) -> Dated | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("note"), str):
        raise UnreadableDraft("dated section")
    on = value.get("date")
    if on is not None and not isinstance(on, str):
        raise UnreadableDraft("date")
    try:
        return (date.fromisoformat(on) if on else None, value["note"])
    except ValueError as error:
        raise UnreadableDraft("date") from error


def plan_payload(plan: ConferencePlan) -> dict[str, Any]:
    """The typed conference plan as JSON-ready values."""
    row = plan_to_row(plan)
    for kept_elsewhere in ("id", "case_id", "updated_at"):
        row.pop(kept_elsewhere, None)
    return row


def plan_from_payload(payload: Mapping[str, Any], case_id: str) -> ConferencePlan:
    """The typed plan back for `case_id`; UnreadableDraft when it cannot be read."""
    try:
        return plan_from_row({**payload, "case_id": case_id, "updated_at": None})
    except (KeyError, TypeError, ValueError) as error:
        raise UnreadableDraft("conference plan") from error


def kept_record_ids(store: Store, kind: str, case_id: str) -> list[str]:
    """The record ids of `case_id`'s drafts of `kind`, newest first (none if unreadable)."""
    try:
        return [d.record_id for d in store.drafts() if d.kind == kind and d.case_id == case_id]
    except StoreError:
        return []


def kept_payload(store: Store, kind: str, record_id: str) -> dict[str, Any] | None:
    """A kept draft's contents, or None (none kept, or the file could not be read)."""
    try:
        return store.draft(kind, record_id)
    except StoreError:
        return None


def let_go(store: Store, kind: str, record_id: str) -> None:
    """Let a draft go (it was put back, discarded or saved). When the file refuses, it stays
    kept and is offered again: nothing is lost, so there is nothing to tell."""
    if store.read_only:
        return
    with suppress(StoreError):
        store.drop_draft(kind, record_id)


def let_go_of_others(store: Store, case_id: str, taking_part: Iterable[str]) -> None:
    """Let go, quietly, of typing kept for anyone on the case no longer taking part (taken
    off the case, or no longer in a role that prepares)."""
    keep = set(taking_part)
    for person_id in kept_record_ids(store, PREPARATION_DRAFT, case_id):
        if person_id not in keep:
            let_go(store, PREPARATION_DRAFT, person_id)


def kept_preparation(store: Store, person_id: str) -> PreparationDraft | None:
    """The typing kept for one person, or None (none kept, or it cannot be read)."""
    payload = kept_payload(store, PREPARATION_DRAFT, person_id)
    try:
        return PreparationDraft.from_payload(payload) if payload is not None else None
    except UnreadableDraft:
        return None


def forget_saved_part(store: Store, case_id: str, person_id: str, section: str) -> None:
    """A part of someone's preparation was saved: typing kept for it earlier is out of date,
    so only the other parts stay kept."""
    payload = kept_payload(store, PREPARATION_DRAFT, person_id)
    if payload is None or store.read_only:
        return
    try:
        rest = PreparationDraft.from_payload(payload).without(section)
    except UnreadableDraft:
        rest = PreparationDraft()
    if rest.is_empty():
        let_go(store, PREPARATION_DRAFT, person_id)
        return
    # The saved part is what counts; out-of-date typing is only ever offered, never saved.
    with suppress(StoreError):
        store.save_draft(PREPARATION_DRAFT, person_id, case_id, rest.to_payload())
