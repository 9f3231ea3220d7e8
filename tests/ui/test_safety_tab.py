"""The Safety tab: assessments (the latest counts), setting questions and deadlines, bias checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from restorative_desk.preparation.records import (
    AssessmentStage,
    BiasCheck,
    BiasStage,
    Decision,
    Finding,
    RiskAssessment,
    RiskFinding,
)
from restorative_desk.records import Case, ReferralSource, Setting
from restorative_desk.store import Store
from tests.ui.helpers import Answers
from ui.bias_dialog import BiasCheckDialog
from ui.risk_dialog import RiskAssessmentDialog
from ui.safety_tab import SafetyTab
from ui.widgets import to_qdate

TODAY = date(2026, 11, 26)  # a Thursday


def make_case(store: Store, setting: Setting) -> Case:
    return store.create_case(
        Case(
            setting=setting,
            organisation="Lewisham YOS" if setting is Setting.YOS else "Oak House",
            referral_source=ReferralSource.YOUTH_OFFENDING_TEAM,
            referral_date=date(2026, 11, 10),
            summary="Damage to a car outside the shop.",
        )
    )


def assessment(
    case: Case,
    on: date,
    stage: AssessmentStage = AssessmentStage.INITIAL,
    decision: Decision | None = None,
    by: str = "Siobhán O'Neill",
    findings: tuple[RiskFinding, ...] = (),
) -> RiskAssessment:
    return RiskAssessment(
        case_id=case.id, stage=stage, assessed_on=on, assessed_by=by, findings=findings,
        decision=decision, decided_by=by if decision else "",
        decision_reason="Both want to meet." if decision else "",
    )


def tab_for(qtbot: QtBot, store: Store, case: Case) -> SafetyTab:
    tab = SafetyTab(store)
    qtbot.addWidget(tab)
    tab.show_case(case)
    return tab


@pytest.fixture
def yos(store: Store) -> Case:
    return make_case(store, Setting.YOS)


# -- assessments ---------------------------------------------------------------------------


def test_with_no_assessment_it_says_to_start_one(qtbot: QtBot, store: Store, yos: Case) -> None:
    tab = tab_for(qtbot, store, yos)
    assert not tab.assessments.empty_label.isHidden()
    assert tab.assessments.list.isHidden()
    assert not tab.assessments.open_button.isEnabled()


def test_assessments_are_listed_newest_first_and_the_latest_counts(
    qtbot: QtBot, store: Store, yos: Case
) -> None:
    store.save_risk_assessment(
        assessment(yos, date(2026, 11, 12),
                   findings=(RiskFinding("power_imbalance", Finding.CONCERN),))
    )
    store.save_risk_assessment(
        assessment(yos, date(2026, 11, 24), AssessmentStage.AFTER_PREPARATION,
                   Decision.PROCEED_INDIRECT, by="Łukasz Nowak")
    )
    tab = tab_for(qtbot, store, yos)

    latest, first = tab.assessments.texts()
    assert latest.startswith("24 Nov 2026 · After meeting everyone · by Łukasz Nowak")
    assert "this one counts" in latest
    assert "Decision: Go ahead: indirect" in latest
    assert "No open concerns" in latest
    assert first.startswith("12 Nov 2026 · Before anyone meets · by Siobhán O'Neill")
    assert "this one counts" not in first
    assert "No decision yet" in first
    assert "1 concern has no agreed mitigation yet" in first
    assert tab.assessments.empty_label.isHidden()


def test_a_new_assessment_with_a_decision_invites_the_bias_check(
    qtbot: QtBot, store: Store, yos: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    def save_one(_parent: object, given: Store, case: Case, existing: object) -> RiskAssessment:
        assert existing is None
        return given.save_risk_assessment(
            assessment(case, TODAY, decision=Decision.PROCEED_DIRECT)
        )

    stages: list[BiasStage] = []

    def check(_parent: object, given: Store, case: Case, stage: BiasStage) -> BiasCheck:
        stages.append(stage)
        return given.record_bias_check(
            BiasCheck(case_id=case.id, stage=stage, done=True, recorded_on=TODAY,
                      recorded_by=given.actor, dimensions=("age",))
        )

    monkeypatch.setattr(RiskAssessmentDialog, "ask", save_one)
    monkeypatch.setattr(BiasCheckDialog, "ask", check)
    tab = tab_for(qtbot, store, yos)
    with qtbot.waitSignal(tab.safety_changed):
        tab.assessments.new_button.click()

    assert len(store.risk_assessments(yos.id)) == 1
    assert len(tab.assessments.texts()) == 1
    assert stages == [BiasStage.RISK_DECISION]
    assert tab.bias.status_text(BiasStage.RISK_DECISION) == (
        "✓ Done on 26 Nov 2026 by Test Facilitator"
    )


def saving(**changes: object) -> Callable[..., RiskAssessment]:
    """Stands in for the assessment dialog: saves the given assessment with `changes`."""

    def ask(_parent: object, given: Store, case: Case, existing: RiskAssessment | None) -> (
        RiskAssessment
    ):
        base = existing or assessment(case, TODAY, decision=Decision.PROCEED_DIRECT)
        return given.save_risk_assessment(replace(base, **changes))  # type: ignore[arg-type]

    return ask


def test_the_bias_check_is_not_offered_again_once_recorded_or_without_a_new_decision(
    qtbot: QtBot, store: Store, yos: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save_risk_assessment(assessment(yos, TODAY, decision=Decision.PROCEED_DIRECT))
    bias = Answers(None, None)
    monkeypatch.setattr(BiasCheckDialog, "ask", bias)
    tab = tab_for(qtbot, store, yos)
    tab.assessments.list.setCurrentRow(0)

    # Opened and saved with the same decision: no invitation.
    monkeypatch.setattr(RiskAssessmentDialog, "ask", saving(decided_by="Łukasz Nowak"))
    tab.assessments.open_button.click()
    assert bias.calls == []

    # A changed decision invites it (cancelled here, so nothing is recorded)...
    monkeypatch.setattr(RiskAssessmentDialog, "ask", saving(decision=Decision.PROCEED_INDIRECT))
    tab.assessments.open_button.click()
    assert len(bias.calls) == 1
    assert bias.calls[0][0][3] is BiasStage.RISK_DECISION

    # ...and again next time, until a check is recorded for the risk decision.
    monkeypatch.setattr(RiskAssessmentDialog, "ask", saving(decision=Decision.PROCEED_DIRECT))
    tab.assessments.open_button.click()
    assert len(bias.calls) == 2
    store.record_bias_check(
        BiasCheck(case_id=yos.id, stage=BiasStage.RISK_DECISION, done=False,
                  recorded_on=TODAY, recorded_by="Test Facilitator")
    )
    monkeypatch.setattr(RiskAssessmentDialog, "ask", saving(decision=Decision.DO_NOT_PROCEED))
    tab.assessments.new_button.click()
    assert len(bias.calls) == 2
    assert len(store.risk_assessments(yos.id)) == 2


def test_open_and_double_click_edit_the_chosen_assessment(
    qtbot: QtBot, store: Store, yos: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    older = store.save_risk_assessment(assessment(yos, date(2026, 11, 12)))
    store.save_risk_assessment(assessment(yos, date(2026, 11, 24)))
    ask = Answers(None, None)
    monkeypatch.setattr(RiskAssessmentDialog, "ask", ask)
    tab = tab_for(qtbot, store, yos)
    tab.assessments.list.setCurrentRow(1)
    tab.assessments.open_button.click()
    item = tab.assessments.list.item(1)
    tab.assessments.list.itemActivated.emit(item)

    assert [call[0][3] for call in ask.calls] == [older, older]


def test_a_cancelled_assessment_changes_nothing(
    qtbot: QtBot, store: Store, yos: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(RiskAssessmentDialog, "ask", Answers(None))
    bias = Answers()
    monkeypatch.setattr(BiasCheckDialog, "ask", bias)
    tab = tab_for(qtbot, store, yos)
    with qtbot.assertNotEmitted(tab.safety_changed):
        tab.assessments.new_button.click()
    assert bias.calls == []


# -- setting questions and deadlines ---------------------------------------------------------


@pytest.mark.parametrize("setting", [Setting.SCHOOL, Setting.COMMUNITY])
def test_settings_without_questions_hide_the_section(
    qtbot: QtBot, store: Store, setting: Setting
) -> None:
    tab = tab_for(qtbot, store, make_case(store, setting))
    assert tab.facts.isHidden()
    assert tab.facts_rule.isHidden()
    assert tab.facts.rows == []


def test_a_care_home_asks_the_protocol_question_and_saves_the_answers(
    qtbot: QtBot, store: Store
) -> None:
    home = make_case(store, Setting.CARE_HOME)
    tab = tab_for(qtbot, store, home)
    assert not tab.facts.isHidden()
    protocol = tab.facts.row("protocol_police_if_at_home")
    assert "police involvement if the child lived with their family" in (
        protocol.definition.label
    )
    assert protocol.combo is not None and protocol.combo.value() == ""
    assert [protocol.combo.itemText(i) for i in range(protocol.combo.count())] == [
        "Not recorded", "No", "Yes", "Not sure yet"
    ]
    police = tab.facts.row("police_involved")
    assert police.combo is not None

    with qtbot.waitSignal(tab.safety_changed):
        protocol.combo.set_value("No")
    with qtbot.waitSignal(tab.safety_changed):
        police.combo.set_value("No")
    facts = store.case_facts(home.id)
    assert facts["protocol_police_if_at_home"].value == "No"
    assert facts["police_involved"].value == "No"
    assert tab.facts.deadline_rows == []

    with qtbot.waitSignal(tab.safety_changed):
        police.combo.set_value("")
    assert "police_involved" not in store.case_facts(home.id)


def test_the_yos_asks_for_its_dates_and_enhanced_rights(
    qtbot: QtBot, store: Store, yos: Case
) -> None:
    tab = tab_for(qtbot, store, yos)
    keys = [row.definition.key for row in tab.facts.rows]
    assert keys == [
        "victim_details_received", "enhanced_rights", "rj_information_offered",
        "referral_order_sentence", "initial_panel_held",
    ]
    enhanced = tab.facts.row("enhanced_rights").combo
    assert enhanced is not None
    assert [enhanced.itemText(i) for i in range(enhanced.count())] == ["Not recorded", "Yes", "No"]
    received = tab.facts.row("victim_details_received")
    assert received.date is not None and received.date.value() is None
    assert received.date.date_edit.maximumDate() == to_qdate(TODAY)


def test_a_date_is_saved_once_typed_and_cleared_with_not_recorded(
    qtbot: QtBot, store: Store, yos: Case
) -> None:
    tab = tab_for(qtbot, store, yos)
    row = tab.facts.row("referral_order_sentence")
    assert row.date is not None
    with qtbot.waitSignal(tab.safety_changed, timeout=3000):
        row.date.set_value(date(2026, 11, 9))
    assert store.case_facts(yos.id)["referral_order_sentence"].value == "2026-11-09"

    row.date.none_box.setChecked(True)
    with qtbot.waitSignal(tab.safety_changed):
        row.date.date_edit.editingFinished.emit()
    assert "referral_order_sentence" not in store.case_facts(yos.id)


def test_a_pending_date_is_saved_before_another_case_is_shown(
    qtbot: QtBot, store: Store, yos: Case
) -> None:
    tab = tab_for(qtbot, store, yos)
    row = tab.facts.row("referral_order_sentence")
    assert row.date is not None
    row.date.set_value(date(2026, 11, 9))
    assert row.timer.isActive()
    tab.show_case(make_case(store, Setting.SCHOOL))
    assert store.case_facts(yos.id)["referral_order_sentence"].value == "2026-11-09"


def test_deadline_words_change_as_the_dates_are_entered(
    qtbot: QtBot, store: Store, yos: Case
) -> None:
    tab = tab_for(qtbot, store, yos)
    victims_code, panel = tab.facts.deadline_texts()
    assert victims_code.startswith("…  Waiting for the start date")
    assert panel.startswith("…  Waiting for the start date")

    # Details received five working days ago, no information offered yet: due today.
    received = tab.facts.row("victim_details_received")
    assert received.date is not None
    received.date.set_value(date(2026, 11, 19))
    with qtbot.waitSignal(tab.safety_changed):
        received.date.date_edit.editingFinished.emit()
    victims_code = tab.facts.deadline_texts()[0]
    assert victims_code.startswith("⚠  Near")
    assert "Due today (26 Nov 2026)" in victims_code

    # Six working days ago: overdue.
    received.date.set_value(date(2026, 11, 18))
    with qtbot.waitSignal(tab.safety_changed):
        received.date.date_edit.editingFinished.emit()
    victims_code = tab.facts.deadline_texts()[0]
    assert victims_code.startswith("✗  Overdue")
    assert "Victims' Code" in victims_code
    assert "due 25 Nov 2026, 1 working day ago" in victims_code

    # Offered within the five days: met.
    offered = tab.facts.row("rj_information_offered")
    assert offered.date is not None
    offered.date.set_value(date(2026, 11, 24))
    with qtbot.waitSignal(tab.safety_changed):
        offered.date.date_edit.editingFinished.emit()
    assert tab.facts.deadline_texts()[0].startswith("✓  Met")


def test_enhanced_rights_shorten_the_deadline(qtbot: QtBot, store: Store, yos: Case) -> None:
    store.set_case_fact(yos.id, "victim_details_received", "2026-11-24")
    tab = tab_for(qtbot, store, yos)
    assert "○  On track" in tab.facts.deadline_texts()[0]
    enhanced = tab.facts.row("enhanced_rights").combo
    assert enhanced is not None
    with qtbot.waitSignal(tab.safety_changed):
        enhanced.set_value("Yes")
    assert tab.facts.deadline_texts()[0].startswith("✗  Overdue")


def test_a_fact_the_store_refuses_is_explained_under_the_question(
    qtbot: QtBot, store: Store, yos: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    from restorative_desk.rules import ValidationError

    def refuse(*_args: object) -> None:
        raise ValidationError("enhanced_rights", "Answer Yes or No.")

    tab = tab_for(qtbot, store, yos)
    monkeypatch.setattr(store, "set_case_fact", refuse)
    row = tab.facts.row("enhanced_rights")
    assert row.combo is not None
    with qtbot.assertNotEmitted(tab.safety_changed):
        row.combo.set_value("Yes")
    assert not row.message.isHidden()
    assert row.message.text() == "Answer Yes or No."


# -- bias checks ----------------------------------------------------------------------------


def test_each_stage_says_whether_its_bias_check_was_done(
    qtbot: QtBot, store: Store, yos: Case
) -> None:
    store.record_bias_check(
        BiasCheck(case_id=yos.id, stage=BiasStage.REFERRAL, done=True,
                  recorded_on=date(2026, 11, 11), recorded_by="Siobhán O'Neill")
    )
    store.record_bias_check(
        BiasCheck(case_id=yos.id, stage=BiasStage.RISK_DECISION, done=False,
                  recorded_on=date(2026, 11, 24), recorded_by="Łukasz Nowak")
    )
    tab = tab_for(qtbot, store, yos)
    assert tab.bias.status_text(BiasStage.REFERRAL) == "✓ Done on 11 Nov 2026 by Siobhán O'Neill"
    assert tab.bias.status_text(BiasStage.RISK_DECISION) == "Skipped on 24 Nov 2026"
    assert tab.bias.status_text(BiasStage.BEFORE_CONFERENCE) == "Not yet"
    assert tab.bias.status_text(BiasStage.AGREEMENT) == "Not yet"
    assert all(b.text() == "Check now…" for b in tab.bias.check_buttons.values())


def test_check_now_opens_the_check_for_that_stage(
    qtbot: QtBot, store: Store, yos: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    def record(_parent: object, given: Store, case: Case, stage: BiasStage) -> BiasCheck:
        return given.record_bias_check(
            BiasCheck(case_id=case.id, stage=stage, done=False, recorded_on=TODAY,
                      recorded_by=given.actor)
        )

    monkeypatch.setattr(BiasCheckDialog, "ask", record)
    tab = tab_for(qtbot, store, yos)
    with qtbot.waitSignal(tab.safety_changed):
        tab.bias.check_buttons[BiasStage.BEFORE_CONFERENCE].click()
    assert tab.bias.status_text(BiasStage.BEFORE_CONFERENCE) == "Skipped on 26 Nov 2026"
    [stored] = store.bias_checks(yos.id)
    assert stored.stage is BiasStage.BEFORE_CONFERENCE


def test_an_unsaved_case_asks_for_the_referral_first(qtbot: QtBot, store: Store) -> None:
    unsaved = Case(
        setting=Setting.YOS, organisation="Lewisham YOS",
        referral_source=ReferralSource.POLICE, referral_date=TODAY, summary="",
    )
    tab = tab_for(qtbot, store, unsaved)
    assert not tab.not_saved.isHidden()
    assert tab.assessments.isHidden()
    assert tab.facts.isHidden()
    assert tab.bias.isHidden()
