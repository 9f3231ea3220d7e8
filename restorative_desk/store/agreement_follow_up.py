"""Follow-up across all cases: what is due, and completion rates for reporting. A mixin of
Store built on the agreement records (store/agreements.py); the rules are pure functions in
agreements/follow_up.py."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from ..agreements.follow_up import (
    CaseDeadline,
    CaseSetting,
    DueItem,
    FollowedAgreement,
    Period,
    Rate,
    completion_rates,
    due_items,
)
from ..agreements.records import OUTCOMES, AgreementStatus
from ..records import Setting
from ..rules import ACTIVE_STATUSES
from .agreements import AgreementRecords


class AgreementFollowUp(AgreementRecords):
    """Follow-up methods of Store."""

    # -- follow-up across cases -----------------------------------------------------------------

    def due_items(self, today: date | None = None) -> list[DueItem]:
        """What is due across all cases: reviews of agreements in force due within the week
        (or missed), actions whose date has passed and not found done, and preparation
        deadlines near or passed on active cases. Overdue first, then by date."""
        from ..preparation.catalogue import catalogue
        from ..preparation.deadlines import deadline_status

        today = today or self.today()
        rows = self._rows(
            "SELECT a.*, c.reference FROM agreements a JOIN cases c ON c.id = a.case_id "
            "WHERE a.status = ? AND NOT EXISTS (SELECT 1 FROM agreements b WHERE "
            "b.case_id = a.case_id AND b.version > a.version AND b.status != ?)",
            [AgreementStatus.AGREED.value, AgreementStatus.DRAFT.value],
        )
        references = {row["id"]: row["reference"] for row in rows}
        in_force = self._assemble(rows)
        reviews = self._reviews_of([a.id for a in in_force])
        followed = [
            FollowedAgreement(references[a.id], a, tuple(reviews.get(a.id, ()))) for a in in_force
        ]
        book = catalogue()
        with_deadlines = [s.value for s in Setting if book.deadlines_for(s)]
        deadlines: list[CaseDeadline] = []
        if with_deadlines:
            where, params = _active_in(with_deadlines)
            facts: dict[str, dict[str, str]] = defaultdict(dict)
            for row in self._rows(
                f"SELECT f.case_id, f.key, f.value FROM case_facts f "
                f"JOIN cases c ON c.id = f.case_id WHERE {where}", params,
            ):
                facts[row["case_id"]][row["key"]] = row["value"]
            for case in self._rows(f"SELECT id, reference, setting FROM cases c WHERE {where}",
                                   params):
                for definition in book.deadlines_for(Setting(case["setting"])):
                    status = deadline_status(definition, facts[case["id"]], today)
                    deadlines.append(CaseDeadline(case["id"], case["reference"], status))
        return due_items(followed, deadlines, today)

    def completion_rates(self, *, period: Period = "month") -> list[Rate]:
        """How closed agreements ended, per setting and month (or quarter), small counts
        suppressed. Erased cases are no longer counted."""
        cases = [
            CaseSetting(row["id"], Setting(row["setting"]))
            for row in self._rows("SELECT id, setting FROM cases", [])
        ]
        return completion_rates(self.agreements(statuses=OUTCOMES), cases, period=period)


def _active_in(settings: Sequence[str]) -> tuple[str, list[str]]:
    """SQL (on cases c) for active cases in these settings, and its parameters."""
    active = sorted(s.value for s in ACTIVE_STATUSES)
    where = (f"c.status IN ({', '.join('?' for _ in active)}) "
             f"AND c.setting IN ({', '.join('?' for _ in settings)})")
    return where, [*active, *settings]
