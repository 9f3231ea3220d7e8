"""Outcome agreements printed in a batch (rdesk agreements print, Tools ▸ Print agreements…): which
versions to print, what each printed agreement says (from the case, its people and the settings),
and a safe file name for each. The PDFs themselves come from documents/agreement.py."""

from __future__ import annotations

import contextlib
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from ..agreements.records import Agreement, AgreementStatus
from ..records import Case, Role
from ..store import Store
from ..store.audit import AuditAction
from ..wording import RoleWording, load_role_wording
from .agreement import (
    PAPER_SETTING_KEY,
    AgreementPrint,
    Paper,
    PrintedAction,
    PrintedPerson,
    filename_for_agreement,
    render_agreement,
)
from .letterhead import letterhead_for, taking_part

RECORD_TYPE = "agreement"


@dataclass(frozen=True)
class BatchItem:
    """One agreement version to print, with its case."""

    case: Case
    agreement: Agreement

    def filename(self, *, child_friendly: bool = False) -> str:
        """A safe file name: the case reference and version, never anyone's name."""
        return filename_for_agreement(
            self.case.reference, self.agreement.version, child_friendly=child_friendly
        )


def paper_for(store: Store) -> Paper:
    """The organisation's paper size (A4 unless US Letter is chosen in the settings)."""
    with contextlib.suppress(ValueError):
        return Paper(store.setting(PAPER_SETTING_KEY))
    return Paper.A4


def current_agreements(
    store: Store, *, statuses: Collection[AgreementStatus] = (), since: date | None = None
) -> list[BatchItem]:
    """The current versions matching: those with `statuses` (any when empty), agreed (drafts:
    started) on or after `since`, leaving out versions a later agreed version has replaced.
    A case with an agreement in force and a newer draft has both current. In reference order."""
    matching = store.agreements(statuses=statuses, since=since)
    if not matching:
        return []
    settled = [s for s in AgreementStatus if s is not AgreementStatus.DRAFT]
    newest_settled: dict[str, int] = {}
    for agreement in store.agreements(statuses=settled):
        newest_settled[agreement.case_id] = max(
            agreement.version, newest_settled.get(agreement.case_id, 0)
        )
    cases: dict[str, Case] = {}
    items = []
    for agreement in matching:
        if agreement.version < newest_settled.get(agreement.case_id, 0):
            continue
        case = cases.get(agreement.case_id) or store.get_case(agreement.case_id)
        cases[case.id] = case
        items.append(BatchItem(case, agreement))
    return items


def agreement_print_for(
    store: Store,
    item: BatchItem,
    *,
    child_friendly: bool = False,
    wording: RoleWording | None = None,
    paper: Paper | None = None,
) -> AgreementPrint:
    """What the printed agreement says, from the case, its people and the settings."""
    case, agreement = item.case, item.agreement
    wording = wording or load_role_wording()
    people = taking_part(store.people(case.id))
    responsible = next((p for p in people if p.role is Role.PERSON_RESPONSIBLE), None)
    return AgreementPrint(
        reference=case.reference,
        setting=case.setting,
        letterhead=letterhead_for(store, case),
        facilitator=case.facilitator or store.actor,
        version=agreement.version,
        agreed_on=agreement.agreed_on,
        summary=agreement.summary,
        own_words=agreement.own_words,
        actions=tuple(
            PrintedAction(
                a.what, a.who, a.for_whom, a.by_when, a.how_known, a.support, a.review_date
            )
            for a in agreement.actions
        ),
        people=tuple(
            PrintedPerson(p.called, wording.role_label(p.role, case.setting), p.id) for p in people
        ),
        review_date=agreement.review_date,
        child_friendly=child_friendly,
        paper=paper or paper_for(store),
        own_words_by=responsible.called if responsible else "",
    )


class BatchRenderer:
    """Renders batch items one at a time, reading the settings and role wording once."""

    def __init__(self, store: Store, *, child_friendly: bool = False) -> None:
        self.store = store
        self.child_friendly = child_friendly
        self._wording = load_role_wording()
        self._paper = paper_for(store)

    def render(self, item: BatchItem) -> bytes:
        """The agreement's PDF; ValueError when it cannot be printed (say, no organisation)."""
        doc = agreement_print_for(
            self.store,
            item,
            child_friendly=self.child_friendly,
            wording=self._wording,
            paper=self._paper,
        )
        return render_agreement(doc)

    def filename(self, item: BatchItem) -> str:
        return item.filename(child_friendly=self.child_friendly)

    def note_exported(self, item: BatchItem, how: str = "pdf") -> None:
        """Note in the audit trail that this agreement left the app (version and how only)."""
        self.store.record_event(
            AuditAction.EXPORT if how == "pdf" else AuditAction.PRINT,
            case_id=item.case.id,
            record_type=RECORD_TYPE,
            detail=f"v{item.agreement.version} {how}",
        )
