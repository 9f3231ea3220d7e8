"""The risk and safety assessment dialog, driven through its widgets and saved to the store."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from restorative_desk.preparation.catalogue import catalogue
from restorative_desk.preparation.records import (
    AssessmentStage,
    Decision,
    Finding,
    RiskAssessment,
    RiskFinding,
)
from restorative_desk.records import Case, ReferralSource, Setting
from restorative_desk.store import Store
from ui.risk_dialog import RiskAssessmentDialog, still_to_resolve
from ui.risk_items import SAFEGUARDING_TEXT
from ui.widgets import to_qdate

TODAY = date(2026, 11, 26)


def make_case(store: Store, setting: Setting = Setting.CARE_HOME) -> Case:
    return store.create_case(
        Case(
            setting=setting,
            organisation="Oak House",
            referral_source=ReferralSource.CHILDRENS_SOCIAL_CARE,
            referral_date=date(2026, 11, 10),
            summary="A fight in the kitchen.",
        )
    )


@pytest.fixture
def case(store: Store) -> Case:
    return make_case(store)


def dialog_for(
    qtbot: QtBot, store: Store, case: Case, assessment: RiskAssessment | None = None
) -> RiskAssessmentDialog:
    dialog = RiskAssessmentDialog(None, store, case, assessment)
    qtbot.addWidget(dialog)
    return dialog


def answer(dialog: RiskAssessmentDialog, key: str, finding: Finding) -> None:
    dialog.card(key).answer_buttons[finding].setChecked(True)


def test_a_first_assessment_starts_before_anyone_meets_by_the_facilitator_today(
    qtbot: QtBot, store: Store, case: Case
) -> None:
    dialog = dialog_for(qtbot, store, case)
    assert dialog.stage.value() is AssessmentStage.INITIAL
    assert dialog.assessed_by.text() == "Test Facilitator"
    assert dialog.decided_by.text() == "Test Facilitator"
    assessment = dialog.assessment()
    assert assessment.assessed_on == TODAY
    assert assessment.findings == ()
    assert assessment.decision is None
    # Every question for a care home, the home's own one included, and nothing answered yet.
    keys = [card.item.key for card in dialog.cards]
    assert keys == [item.key for item in catalogue().risks_for(Setting.CARE_HOME)]
    assert "placement_stability" in keys
    assert all(card.answer() is None for card in dialog.cards)
    assert dialog.assessed_on.maximumDate().toPython() == TODAY


def test_the_yos_asks_about_contact_with_the_victim_and_a_school_does_not(
    qtbot: QtBot, store: Store
) -> None:
    yos = dialog_for(qtbot, store, make_case(store, Setting.YOS))
    school = dialog_for(qtbot, store, make_case(store, Setting.SCHOOL))
    assert "victim_contact" in [card.item.key for card in yos.cards]
    assert "victim_contact" not in [card.item.key for card in school.cards]


def test_findings_with_mitigations_and_the_decision_round_trip_through_the_store(
    qtbot: QtBot, store: Store, case: Case
) -> None:
    dialog = dialog_for(qtbot, store, case)
    for card in dialog.cards:
        card.answer_buttons[Finding.NO_CONCERN].setChecked(True)
    power = dialog.card("power_imbalance")
    power.answer_buttons[Finding.CONCERN].setChecked(True)
    power.note.setPlainText("Two older boys against Zoë, who is 12.")
    power.mitigation.setPlainText("Zoë brings her key worker; one boy attends at a time.")
    care = dialog.card("particular_care")
    care.answer_buttons[Finding.NOT_KNOWN].setChecked(True)
    care.kind_boxes["Child criminal exploitation"].setChecked(True)
    dialog.decision_buttons[Decision.PROCEED_DIRECT].setChecked(True)
    dialog.decision_reason.setPlainText("Everyone wants to meet and the plan keeps Zoë safe.")
    dialog.accept()

    saved = dialog.result_assessment()
    assert saved is not None and saved.id
    [stored] = store.risk_assessments(case.id)
    assert stored == saved
    finding = stored.finding("power_imbalance")
    assert finding == RiskFinding(
        "power_imbalance", Finding.CONCERN, note="Two older boys against Zoë, who is 12.",
        mitigation="Zoë brings her key worker; one boy attends at a time.",
    )
    assert not finding.open
    particular = stored.finding("particular_care")
    assert particular is not None
    assert particular.finding is Finding.NOT_KNOWN
    assert particular.kinds == ("Child criminal exploitation",)
    assert stored.decision is Decision.PROCEED_DIRECT
    assert stored.decided_by == "Test Facilitator"
    assert stored.decision_reason == "Everyone wants to meet and the plan keeps Zoë safe."
    assert stored.stage is AssessmentStage.INITIAL


def test_the_mitigation_is_only_for_a_concern(qtbot: QtBot, store: Store, case: Case) -> None:
    dialog = dialog_for(qtbot, store, case)
    card = dialog.card("ongoing_harm")
    assert not card.mitigation.isEnabled()
    card.answer_buttons[Finding.NO_CONCERN].setChecked(True)
    assert not card.mitigation.isEnabled()
    card.answer_buttons[Finding.NOT_KNOWN].setChecked(True)
    assert not card.mitigation.isEnabled()
    card.answer_buttons[Finding.CONCERN].setChecked(True)
    assert card.mitigation.isEnabled()
    card.mitigation.setPlainText("Staff nearby throughout.")

    # Changing the answer greys the mitigation out but keeps the typing, and it is not saved.
    card.answer_buttons[Finding.NO_CONCERN].setChecked(True)
    assert not card.mitigation.isEnabled()
    assert card.mitigation.toPlainText() == "Staff nearby throughout."
    finding = card.finding()
    assert finding is not None and finding.mitigation == ""
    dialog.accept()
    [stored] = store.risk_assessments(case.id)
    saved = stored.finding("ongoing_harm")
    assert saved is not None and saved.mitigation == ""


def test_kinds_apply_to_a_concern_or_an_unknown_only(
    qtbot: QtBot, store: Store, case: Case
) -> None:
    dialog = dialog_for(qtbot, store, case)
    card = dialog.card("particular_care")
    item = catalogue().risk_item("particular_care")
    assert item is not None and set(card.kind_boxes) == set(item.kinds)
    assert dialog.card("venue_safety").kind_boxes == {}
    box = card.kind_boxes["Hate incident"]
    assert not box.isEnabled()
    card.answer_buttons[Finding.CONCERN].setChecked(True)
    assert box.isEnabled()
    box.setChecked(True)
    card.answer_buttons[Finding.NO_CONCERN].setChecked(True)
    assert not box.isEnabled()
    finding = card.finding()
    assert finding is not None and finding.kinds == ()


def test_the_safeguarding_prompt_shows_only_with_a_safeguarding_concern(
    qtbot: QtBot, store: Store, case: Case
) -> None:
    dialog = dialog_for(qtbot, store, case)
    card = dialog.card("safeguarding")
    box = card.safeguarding
    assert box is not None
    assert SAFEGUARDING_TEXT == (
        "Follow your local safeguarding procedure now. This record does not replace it."
    )
    assert SAFEGUARDING_TEXT in box.prompt.text()
    assert box.isHidden()
    card.answer_buttons[Finding.NOT_KNOWN].setChecked(True)
    assert box.isHidden()
    card.answer_buttons[Finding.CONCERN].setChecked(True)
    assert not box.isHidden()
    # A concern elsewhere never shows it, and no other question has the prompt.
    answer(dialog, "power_imbalance", Finding.CONCERN)
    assert [c.item.key for c in dialog.cards if c.safeguarding is not None] == ["safeguarding"]
    card.answer_buttons[Finding.NO_CONCERN].setChecked(True)
    assert box.isHidden()


def test_the_safeguarding_procedure_date_and_who_was_told_are_saved(
    qtbot: QtBot, store: Store, case: Case
) -> None:
    dialog = dialog_for(qtbot, store, case)
    card = dialog.card("safeguarding")
    box = card.safeguarding
    assert box is not None
    card.answer_buttons[Finding.CONCERN].setChecked(True)
    assert not box.followed_on.isEnabled()
    box.followed.setChecked(True)
    assert box.followed_on.isEnabled()
    box.followed_on.setDate(to_qdate(date(2026, 11, 25)))
    box.note.setPlainText("Designated safeguarding lead, Nguyễn Thị Lan, by phone.")
    dialog.accept()

    [stored] = store.risk_assessments(case.id)
    assert stored.safeguarding_followed_on == date(2026, 11, 25)
    assert stored.safeguarding_note == "Designated safeguarding lead, Nguyễn Thị Lan, by phone."


def test_what_is_still_open_is_said_in_words_and_saving_is_still_allowed(
    qtbot: QtBot, store: Store, case: Case
) -> None:
    dialog = dialog_for(qtbot, store, case)
    answer(dialog, "power_imbalance", Finding.CONCERN)
    answer(dialog, "ongoing_harm", Finding.CONCERN)
    answer(dialog, "safeguarding", Finding.CONCERN)
    text = dialog.summary.text()
    assert "3 concerns have no agreed mitigation yet" in text
    assert "the safeguarding procedure is not recorded as followed" in text
    assert "no decision yet" in text
    dialog.card("power_imbalance").mitigation.setPlainText("Separate waiting rooms.")
    assert "2 concerns have no agreed mitigation yet" in dialog.summary.text()

    dialog.accept()
    assert dialog.result_assessment() is not None
    [stored] = store.risk_assessments(case.id)
    assert sum(1 for f in stored.findings if f.open) == 2


def test_a_complete_assessment_says_so(store: Store, case: Case) -> None:
    items = catalogue().risks_for(case.setting)
    complete = RiskAssessment(
        case_id=case.id, stage=AssessmentStage.AFTER_PREPARATION, assessed_on=TODAY,
        assessed_by="Jo", findings=tuple(RiskFinding(i.key, Finding.NO_CONCERN) for i in items),
        decision=Decision.PROCEED_INDIRECT, decided_by="Jo", decision_reason="A letter.",
    )
    assert still_to_resolve(complete, [i.key for i in items]) == []


def test_problems_are_shown_inline_and_the_typing_is_kept(
    qtbot: QtBot, store: Store, case: Case
) -> None:
    dialog = dialog_for(qtbot, store, case)
    dialog.assessed_by.setText("")
    answer(dialog, "power_imbalance", Finding.CONCERN)
    dialog.card("power_imbalance").note.setPlainText("Siobhán is much younger.")
    dialog.decision_buttons[Decision.DO_NOT_PROCEED].setChecked(True)
    dialog.accept()

    assert dialog.result_assessment() is None
    assert store.risk_assessments(case.id) == []
    messages = dialog.messages.messages
    assert "who made the assessment" in messages["assessed_by"].text()
    assert not messages["assessed_by"].isHidden()
    assert "why" in messages["decision_reason"].text().lower()
    assert not messages["decision_reason"].isHidden()
    assert dialog.summary.text().startswith("Not saved: 2 things to fix")
    assert dialog.card("power_imbalance").note.toPlainText() == "Siobhán is much younger."
    assert dialog.decision_buttons[Decision.DO_NOT_PROCEED].isChecked()

    dialog.assessed_by.setText("Łukasz Nowak")
    dialog.decision_reason.setPlainText("The person harmed does not want to go ahead.")
    dialog.accept()
    [stored] = store.risk_assessments(case.id)
    assert stored.assessed_by == "Łukasz Nowak"
    assert stored.decision is Decision.DO_NOT_PROCEED


def test_a_new_assessment_after_the_first_reviews_its_answers(
    qtbot: QtBot, store: Store, case: Case
) -> None:
    first = store.save_risk_assessment(
        RiskAssessment(
            case_id=case.id, stage=AssessmentStage.INITIAL, assessed_on=date(2026, 11, 12),
            assessed_by="Siobhán O'Neill",
            findings=(
                RiskFinding("power_imbalance", Finding.CONCERN, note="Older boys.",
                            mitigation="Key worker beside Zoë."),
                RiskFinding("venue_safety", Finding.NOT_KNOWN),
            ),
            decision=Decision.PROCEED_DIRECT, decided_by="Siobhán O'Neill",
            decision_reason="Both want to meet.",
        )
    )
    dialog = dialog_for(qtbot, store, case)
    assert dialog.stage.value() is AssessmentStage.AFTER_PREPARATION
    card = dialog.card("power_imbalance")
    assert card.answer() is Finding.CONCERN
    assert card.note.toPlainText() == "Older boys."
    assert card.mitigation.toPlainText() == "Key worker beside Zoë."
    assert dialog.card("venue_safety").answer() is Finding.NOT_KNOWN
    # The decision is made afresh, by whoever is assessing now.
    assert dialog.decision_buttons[None].isChecked()
    assert dialog.assessed_by.text() == "Test Facilitator"
    answer(dialog, "venue_safety", Finding.NO_CONCERN)
    dialog.accept()

    first_again, second = store.risk_assessments(case.id)
    assert first_again == first
    assert second.id != first.id
    assert second.stage is AssessmentStage.AFTER_PREPARATION
    assert second.finding("power_imbalance") == first.finding("power_imbalance")


def test_an_assessment_opened_again_is_changed_not_copied(
    qtbot: QtBot, store: Store, case: Case
) -> None:
    first = store.save_risk_assessment(
        RiskAssessment(
            case_id=case.id, stage=AssessmentStage.INITIAL, assessed_on=date(2026, 11, 12),
            assessed_by="Siobhán O'Neill",
            findings=(RiskFinding("ongoing_harm", Finding.NO_CONCERN),),
        )
    )
    dialog = dialog_for(qtbot, store, case, first)
    assert dialog.windowTitle() == "Risk and safety assessment"
    assert dialog.assessed_by.text() == "Siobhán O'Neill"
    assert dialog.assessment().assessed_on == date(2026, 11, 12)
    dialog.decision_buttons[Decision.PROCEED_INDIRECT].setChecked(True)
    dialog.decision_reason.setPlainText("Zoë would rather write a letter.")
    dialog.accept()

    [stored] = store.risk_assessments(case.id)
    assert stored.id == first.id
    assert stored.decision is Decision.PROCEED_INDIRECT
    assert stored.findings == first.findings


def test_answers_to_questions_another_setting_asked_are_kept(
    qtbot: QtBot, store: Store
) -> None:
    yos = make_case(store, Setting.YOS)
    earlier = store.save_risk_assessment(
        RiskAssessment(
            case_id=yos.id, stage=AssessmentStage.INITIAL, assessed_on=date(2026, 11, 12),
            assessed_by="Siobhán O'Neill",
            # Asked while the case was recorded as a care home's.
            findings=(RiskFinding("placement_stability", Finding.NO_CONCERN, note="Settled."),),
        )
    )
    dialog = dialog_for(qtbot, store, yos, earlier)
    answer(dialog, "victim_contact", Finding.NO_CONCERN)
    dialog.accept()
    [stored] = store.risk_assessments(yos.id)
    assert stored.finding("placement_stability") == earlier.findings[0]
    assert stored.finding("victim_contact") is not None
