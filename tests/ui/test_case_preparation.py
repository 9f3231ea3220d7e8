"""The case window's preparation: its tabs, the readiness banner, the bias check at referral
and the move to "ready" (refused, or overridden by a named facilitator with a reason)."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from restorative_desk.preparation.records import (
    BiasCheck,
    BiasStage,
    ConsentGiver,
    ReadinessOverride,
)
from restorative_desk.records import Case, ReferralSource, Role, Setting, Status
from restorative_desk.store import Store
from restorative_desk.wording import load_role_wording
from ui.asking import SaveChoice
from ui.bias_dialog import BiasCheckDialog
from ui.case_detail import CONFERENCE_TAB, CaseDetailPanel
from ui.status_dialog import MoveCaseDialog, MoveChoice

from ..conftest import FIXED_NOW
from ..preparing import prepare_for_conference
from .helpers import Answers

OVERRIDE_REASON = "The supporter's form is in the post; she agreed by phone today."


@pytest.fixture
def case(store: Store) -> Case:
    made = store.create_case(
        Case(setting=Setting.SCHOOL, organisation="Brookfield Primary",
             referral_source=ReferralSource.EDUCATION, referral_date=date(2026, 11, 2),
             summary="A falling-out at lunchtime.", facilitator="Jo Adeyemi")
    )
    for status in (Status.INITIAL_ENGAGEMENT, Status.RISK_ASSESSMENT, Status.PREPARING):
        store.move_case(made.id, status)
    return store.get_case(made.id)


@pytest.fixture
def panel(qtbot: QtBot, store: Store, case: Case) -> CaseDetailPanel:
    widget = CaseDetailPanel(store, load_role_wording())
    qtbot.addWidget(widget)
    widget.confirm = lambda *_args: True
    widget.show_case(case.id)
    return widget


def test_the_preparation_tabs_follow_the_people(panel: CaseDetailPanel) -> None:
    names = [panel.tabs.tabText(i) for i in range(panel.tabs.count())]
    assert names == ["&Referral", "&People", "Preparation", "Risk and safety", "Conference",
                     "Agreement", "Feedback", "&Contacts", "Histor&y"]
    assert panel.banner.isVisible() or not panel.isVisible()
    assert "Not ready" in panel.banner.text()


def test_the_banner_follows_what_is_saved_on_the_tabs(
    panel: CaseDetailPanel, store: Store, case: Case, qtbot: QtBot
) -> None:
    prepare_for_conference(store, case.id)
    with qtbot.waitSignal(panel.case_changed):
        panel.preparation.preparation_changed.emit()
    assert "Ready for the conference" in panel.banner.text()
    harmed = next(p for p in store.people(case.id) if p.role is Role.PERSON_HARMED)
    own = next(c for c in store.consents(case.id)
               if c.person_id == harmed.id and c.given_by is ConsentGiver.SELF)
    store.withdraw_consent(own.id, FIXED_NOW.date(), "Needs more time.")
    panel.safety.safety_changed.emit()
    assert "Consent withdrawn" in panel.banner.text()
    panel.banner.details_requested.emit()
    assert panel.tabs.currentIndex() == CONFERENCE_TAB


def test_the_move_to_ready_is_refused_while_blockers_remain(
    panel: CaseDetailPanel, store: Store, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The dialog is given the blockers; a plain choice without an override is refused by the
    # store and the dialog comes back with the reason.
    ask = Answers(MoveChoice(Status.READY, None, ""), None)
    monkeypatch.setattr(MoveCaseDialog, "ask", ask)
    panel.move_button.click()
    first, second = ask.calls
    assert first[1]["readiness"].blockers and first[1]["facilitator"] == "Test Facilitator"
    problem = second[1]["problem"]
    assert problem is not None and "not ready for a conference" in problem.message
    assert store.get_case(case.id).status is Status.PREPARING


def test_a_named_override_moves_the_case_and_is_shown(
    panel: CaseDetailPanel, store: Store, case: Case, monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    override = ReadinessOverride(case_id=case.id, overridden_by="Jo Adeyemi",
                                 reason=OVERRIDE_REASON, blockers=())
    monkeypatch.setattr(MoveCaseDialog, "ask",
                        Answers(MoveChoice(Status.READY, None, "", override)))
    invited = Answers(None)  # the bias check before the conference, skipped for now
    monkeypatch.setattr(BiasCheckDialog, "ask", invited)
    with qtbot.waitSignal(panel.case_changed):
        panel.move_button.click()
    assert store.get_case(case.id).status is Status.READY
    assert invited.calls[0][0][3] is BiasStage.BEFORE_CONFERENCE
    (logged,) = store.readiness_overrides(case.id)
    assert logged.reason == OVERRIDE_REASON
    assert "override by Jo Adeyemi" in panel.banner.text()


def test_the_bias_check_at_referral(
    panel: CaseDetailPanel, store: Store, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    check = store.record_bias_check(
        BiasCheck(case_id=case.id, stage=BiasStage.REFERRAL, done=True,
                  recorded_on=FIXED_NOW.date(), recorded_by="Test Facilitator",
                  dimensions=("age",), reflection="Checked my first impression.")
    )
    ask = Answers(check)
    monkeypatch.setattr(BiasCheckDialog, "ask", ask)
    assert panel.referral.bias_button.isEnabled()
    panel.referral.bias_button.click()
    assert ask.calls[0][0][3] is BiasStage.REFERRAL
    reminders = [r.message for r in store.readiness(case.id).reminders]
    assert not any("at referral" in message for message in reminders)


def test_a_new_case_cannot_open_the_preparation_tabs(panel: CaseDetailPanel) -> None:
    panel.start_new_case()
    for index in range(2, panel.tabs.count()):
        assert not panel.tabs.isTabEnabled(index)
    assert not panel.referral.bias_button.isEnabled()


def test_leaving_a_case_with_an_unsaved_plan_asks_about_the_plan(
    panel: CaseDetailPanel, store: Store, case: Case
) -> None:
    panel.conference.form.venue.setText("Salle polyvalente, École Saint-Éloi")
    assert panel.conference.has_changes()
    asked: list[str] = []

    def keep_editing(_parent: object) -> SaveChoice:
        asked.append("plan")
        return SaveChoice.CANCEL

    panel.ask_save_plan = keep_editing
    assert not panel.maybe_save()
    assert asked == ["plan"] and panel.tabs.currentIndex() == CONFERENCE_TAB
    panel.ask_save_plan = lambda _parent: SaveChoice.SAVE
    assert panel.maybe_save()
    plan = store.conference_plan(case.id)
    assert plan is not None and plan.venue == "Salle polyvalente, École Saint-Éloi"
