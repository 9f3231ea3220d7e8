"""Monitoring and follow-up (RJC stages 2.6 and 2.7), as pure functions over records: what is
due or overdue across cases, and completion rates for reporting, with small counts suppressed
so no child can be identified. The store gathers the records (store.due_items,
store.completion_rates)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, Protocol

from ..preparation.deadlines import DeadlineState, DeadlineStatus
from ..records import Setting
from .records import ActionResult, Agreement, AgreementAction, AgreementStatus, Review

DueKind = Literal["review", "action", "deadline"]
Period = Literal["month", "quarter"]

# Counts under this are never shown (DOMAIN.md: statistics only when no child can be identified).
SMALLEST_SHOWN = 5
HORIZON_DAYS = 7
_KIND_ORDER = {"deadline": 0, "action": 1, "review": 2}


@dataclass(frozen=True)
class DueItem:
    """Something due on a case: an agreement review (of the agreement or of one action), an
    action whose date has passed, or a preparation deadline near or passed."""

    kind: DueKind
    case_id: str
    reference: str
    due: date
    label: str
    overdue: bool
    agreement_id: str = ""
    action_id: str = ""


@dataclass(frozen=True)
class FollowedAgreement:
    """An agreement in force, with its case reference and its reviews so far."""

    reference: str
    agreement: Agreement
    reviews: tuple[Review, ...] = ()


@dataclass(frozen=True)
class CaseDeadline:
    """A preparation deadline's standing on one case (from deadlines.deadline_status)."""

    case_id: str
    reference: str
    status: DeadlineStatus


def next_agreement_review(agreement: Agreement, reviews: Sequence[Review]) -> date | None:
    """When the agreement is next to be reviewed: the earliest review date set (on the
    agreement, or at a review) with no review held on or after it; None when none is left."""
    planned = sorted({d for d in (agreement.review_date, *(r.next_review for r in reviews)) if d})
    held = [review.held_on for review in reviews]
    return next((day for day in planned if not any(h >= day for h in held)), None)


def latest_result(action_id: str, reviews: Sequence[Review]) -> ActionResult | None:
    """How an action stood at the latest review that looked at it."""
    result = None
    for review in sorted(reviews, key=lambda r: r.held_on):
        for item in review.results:
            if item.action_id == action_id:
                result = item.result
    return result


def due_items(
    followed: Iterable[FollowedAgreement],
    deadlines: Iterable[CaseDeadline],
    today: date,
    *,
    horizon_days: int = HORIZON_DAYS,
) -> list[DueItem]:
    """Reviews due within `horizon_days` (calendar days, today included) or missed, actions
    whose date has passed and that no review has found done, and preparation deadlines near or
    passed: overdue first, then by date."""
    until = today + timedelta(days=horizon_days)
    items: list[DueItem] = []
    for entry in followed:
        if entry.agreement.status is AgreementStatus.AGREED:
            items += _agreement_items(entry, today, until)
    for deadline in deadlines:
        status = deadline.status
        if status.state.needs_attention and status.due is not None:
            items.append(DueItem(
                "deadline", deadline.case_id, deadline.reference, status.due,
                status.definition.label, status.state is DeadlineState.OVERDUE,
            ))
    return sorted(
        items,
        key=lambda i: (not i.overdue, i.due, i.reference, _KIND_ORDER[i.kind], i.label),
    )


def _agreement_items(entry: FollowedAgreement, today: date, until: date) -> list[DueItem]:
    agreement = entry.agreement

    def item(kind: DueKind, due: date, label: str, action_id: str = "") -> DueItem:
        return DueItem(kind, agreement.case_id, entry.reference, due, label, due < today,
                       agreement.id, action_id)

    items = []
    review_due = next_agreement_review(agreement, entry.reviews)
    if review_due is not None and review_due <= until:
        items.append(item("review", review_due,
                          f"Review the agreement (version {agreement.version})"))
    for action in agreement.actions:
        if latest_result(action.id, entry.reviews) is ActionResult.DONE:
            continue
        action_review = _action_review_due(action, entry.reviews)
        if action_review is not None and action_review <= until:
            items.append(item("review", action_review, f"Review: {_short(action.what)}",
                              action.id))
        if action.by_when is not None and action.by_when < today:
            who = f" ({action.who.strip()})" if action.who.strip() else ""
            items.append(item("action", action.by_when, f"{_short(action.what)}{who}", action.id))
    return items


def _action_review_due(action: AgreementAction, reviews: Sequence[Review]) -> date | None:
    """An action's own review date, until a review on or after it has looked at the action."""
    if action.review_date is None:
        return None
    for review in reviews:
        if review.held_on >= action.review_date and any(
            item.action_id == action.id for item in review.results
        ):
            return None
    return action.review_date


def _short(text: str, limit: int = 80) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


# -- completion rates ----------------------------------------------------------------------------


class HasSetting(Protocol):
    """A case or a case-list row: anything with the case's id and setting."""

    @property
    def id(self) -> str: ...

    @property
    def setting(self) -> Setting: ...


@dataclass(frozen=True)
class CaseSetting:
    """The least completion_rates needs of a case."""

    id: str
    setting: Setting


@dataclass(frozen=True)
class Rate:
    """Closed agreements in one setting and period, by outcome. When any count would be under
    five (and not none), the counts are withheld (None) and `suppressed` is set; the total
    stays only when it is five or more."""

    setting: Setting
    period: str  # "2026-11" for a month, "2026-Q4" for a quarter
    starts: date
    closed: int | None
    completed: int | None
    partly_completed: int | None
    not_completed: int | None
    rate: float | None  # the share completed, 0 to 1
    suppressed: bool


def period_of(day: date, period: Period) -> tuple[str, date]:
    """The period a day falls in: its label and first day."""
    if period == "quarter":
        quarter = (day.month - 1) // 3 + 1
        return f"{day.year}-Q{quarter}", date(day.year, 3 * quarter - 2, 1)
    return f"{day.year}-{day.month:02d}", date(day.year, day.month, 1)


def completion_rates(
    agreements: Iterable[Agreement], cases: Iterable[HasSetting], *, period: Period = "month"
) -> list[Rate]:
    """How closed agreements ended, per setting and period (by the day each closed), with the
    share completed; small counts suppressed. In setting order, then period."""
    settings = {case.id: case.setting for case in cases}
    counts: dict[tuple[Setting, str, date], Counter[AgreementStatus]] = {}
    for agreement in agreements:
        setting = settings.get(agreement.case_id)
        if setting is None or not agreement.status.is_outcome or agreement.closed_on is None:
            continue
        label, starts = period_of(agreement.closed_on, period)
        counts.setdefault((setting, label, starts), Counter())[agreement.status] += 1
    order = list(Setting)
    return [
        _rate(setting, label, starts, outcomes)
        for (setting, label, starts), outcomes in sorted(
            counts.items(), key=lambda kv: (order.index(kv[0][0]), kv[0][2])
        )
    ]


def _rate(setting: Setting, label: str, starts: date, outcomes: Counter[AgreementStatus]) -> Rate:
    completed = outcomes[AgreementStatus.COMPLETED]
    partly = outcomes[AgreementStatus.PARTLY_COMPLETED]
    not_completed = outcomes[AgreementStatus.NOT_COMPLETED]
    closed = completed + partly + not_completed
    if closed < SMALLEST_SHOWN:
        return Rate(setting, label, starts, None, None, None, None, None, True)
    if any(0 < count < SMALLEST_SHOWN for count in (completed, partly, not_completed)):
        return Rate(setting, label, starts, closed, None, None, None, None, True)
    return Rate(setting, label, starts, closed, completed, partly, not_completed,
                completed / closed, False)
