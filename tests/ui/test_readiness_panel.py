"""The readiness panel and banner say where a case stands in words, never colour alone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from restorative_desk.preparation.records import ConsentGiver, ReadinessOverride
from restorative_desk.records import Case, Person, ReferralSource, Role, Setting, Status
from restorative_desk.store import Store
from tests.preparing import prepare_for_conference
from ui.readiness_panel import BEFORE_CONFERENCE, ReadinessBanner, ReadinessPanel


def _case(store: Store) -> Case:
    case = store.create_case(
        Case(setting=Setting.SCHOOL, organisation="Riverside Academy",
             referral_source=ReferralSource.EDUCATION, referral_date=date(2026, 11, 2),
             summary="Phone taken in Year 9.", facilitator="Jo Adeyemi")
    )
    store.add_person(Person(case_id=case.id, role=Role.PERSON_HARMED, name="Zoë Martin",
                            is_child=True))
    store.add_person(Person(case_id=case.id, role=Role.PERSON_RESPONSIBLE, name="Łukasz Nowak",
                            is_child=True))
    return case


def _people(store: Store, case: Case) -> dict[str, Person]:
    return {p.id: p for p in store.people(case.id)}


def _to_preparing(store: Store, case: Case) -> None:
    for status in (Status.INITIAL_ENGAGEMENT, Status.RISK_ASSESSMENT, Status.PREPARING):
        store.move_case(case.id, status)


@pytest.fixture
def banner(qtbot: QtBot) -> Iterator[ReadinessBanner]:
    """A banner inside the window it belongs to (never a window of its own)."""
    window = QWidget()
    qtbot.addWidget(window)
    yield ReadinessBanner(window)


def _withdraw_zoe(store: Store, case: Case) -> None:
    zoe = next(p for p in store.people(case.id) if p.role is Role.PERSON_HARMED)
    consent = next(
        c for c in store.consents(case.id)
        if c.person_id == zoe.id and c.given_by is ConsentGiver.SELF
    )
    store.withdraw_consent(consent.id, date(2026, 11, 24), "She does not want to meet now.")


def test_a_ready_case_says_so_with_reminders_worth_doing(qtbot: QtBot, store: Store) -> None:
    case = _case(store)
    prepare_for_conference(store, case.id)
    panel = ReadinessPanel()
    qtbot.addWidget(panel)
    panel.show_readiness(store.readiness(case.id), _people(store, case))
    texts = panel.texts()
    assert texts[0] == "✓ Ready for the conference"
    assert "Worth doing" in texts
    assert "• The conference has no date yet." in "\n".join(texts)
    assert not any("✗" in text for text in texts)


def test_a_case_not_ready_lists_blockers_by_area(qtbot: QtBot, store: Store) -> None:
    case = _case(store)
    readiness = store.readiness(case.id)
    panel = ReadinessPanel()
    qtbot.addWidget(panel)
    panel.show_readiness(readiness, _people(store, case))
    texts = panel.texts()
    count = len(readiness.uncovered)
    assert texts[0] == f"✗ Not ready yet: {count} things to put right"
    for area in ("Preparation", "Consent", "Risk and safety"):
        assert area in texts
    preparation = texts[texts.index("Preparation") + 1]
    assert "✗ Zoë Martin has had no preparation meeting." in preparation.splitlines()
    assert "✗ No risk and safety assessment has been made." in "\n".join(texts)
    assert "Worth doing" in texts


def test_an_override_is_named_with_its_reason_and_what_it_covered(
    qtbot: QtBot, store: Store
) -> None:
    case = _case(store)
    _to_preparing(store, case)
    reason = "Both families agreed on the phone today; signed forms come on Monday."
    store.move_case(
        case.id, Status.READY,
        override=ReadinessOverride(case_id=case.id, overridden_by="Jo Adeyemi", reason=reason,
                                   blockers=()),
    )
    readiness = store.readiness(case.id)
    panel = ReadinessPanel()
    qtbot.addWidget(panel)
    panel.show_readiness(readiness, _people(store, case))
    texts = panel.texts()
    assert texts[0] == (
        f"⚠ Going ahead despite {len(readiness.blockers)} things: "
        "overridden by Jo Adeyemi on 26 Nov 2026"
    )
    body = texts[texts.index("Going ahead anyway") + 1]
    assert f"Why it is safe: {reason}" in body
    assert "Decided by Jo Adeyemi on 26 Nov 2026 (recorded by Test Facilitator)." in body
    assert "• Zoë Martin has had no preparation meeting." in body


def test_withdrawn_consent_stands_out_in_bold_words(qtbot: QtBot, store: Store) -> None:
    case = _case(store)
    prepare_for_conference(store, case.id)
    _withdraw_zoe(store, case)
    panel = ReadinessPanel()
    qtbot.addWidget(panel)
    panel.show_readiness(store.readiness(case.id), _people(store, case))
    texts = panel.texts()
    assert texts[0] == "✗ Not ready yet: 1 thing to put right"
    assert texts[1] == "⚠ Consent withdrawn: Zoë Martin"
    assert "Consent withdrawn: Zoë Martin's consent was withdrawn on 24 Nov 2026." in texts[2]
    assert "The conference is on hold." in texts[2]
    body = panel._labels[1]
    assert "<b>" in body.text()
    assert body.accessibleDescription() == texts[2]
    # Shown once, in its own section, not again under Consent.
    assert "Consent" not in texts


def test_a_new_override_leaves_later_blockers_standing(qtbot: QtBot, store: Store) -> None:
    case = _case(store)
    prepare_for_conference(store, case.id)
    _to_preparing(store, case)
    # Ready on its own, then consent is withdrawn after an override covering nothing new.
    _withdraw_zoe(store, case)
    store.move_case(
        case.id, Status.READY,
        override=ReadinessOverride(case_id=case.id, overridden_by="Jo Adeyemi",
                                   reason="Talked it through with Zoë and her mum.", blockers=()),
    )
    store.add_person(Person(case_id=case.id, role=Role.COMMUNITY_MEMBER, name="Siobhán Kelly"))
    panel = ReadinessPanel()
    qtbot.addWidget(panel)
    panel.show_readiness(store.readiness(case.id), _people(store, case))
    texts = panel.texts()
    assert texts[0].startswith("✗ Not ready yet:")
    assert "An earlier override" in texts
    assert "Things that came up since still need putting right" in "\n".join(texts)


def test_the_banner_says_each_state_in_words(banner: ReadinessBanner, store: Store) -> None:
    case = _case(store)
    readiness = store.readiness(case.id)
    banner.show_readiness(readiness, Status.PREPARING)
    assert not banner.isHidden()
    assert banner.text() == (
        f"✗ Not ready for the conference: {len(readiness.uncovered)} things to put right "
        "(see the Conference tab)"
    )
    prepare_for_conference(store, case.id)
    banner.show_readiness(store.readiness(case.id), Status.PREPARING)
    assert banner.text().startswith("✓ Ready for the conference")
    _withdraw_zoe(store, case)
    banner.show_readiness(store.readiness(case.id), Status.READY)
    assert banner.text() == (
        "⚠ Consent withdrawn: Zoë Martin's consent was withdrawn on 24 Nov 2026. "
        "The conference is on hold."
    )
    assert "<b>" in banner.label.text()


def test_the_banner_names_an_override(banner: ReadinessBanner, store: Store) -> None:
    case = _case(store)
    _to_preparing(store, case)
    store.move_case(
        case.id, Status.READY,
        override=ReadinessOverride(case_id=case.id, overridden_by="Jo Adeyemi",
                                   reason="Both families agreed on the phone today.", blockers=()),
    )
    banner.show_readiness(store.readiness(case.id), Status.READY)
    assert banner.text().startswith("⚠ Going ahead on an override by Jo Adeyemi")


@pytest.mark.parametrize("status", [s for s in Status if s not in BEFORE_CONFERENCE])
def test_the_banner_is_hidden_once_the_conference_is_past(
    banner: ReadinessBanner, store: Store, status: Status
) -> None:
    case = _case(store)
    banner.show_readiness(store.readiness(case.id), Status.PREPARING)
    assert not banner.isHidden()
    banner.show_readiness(store.readiness(case.id), status)
    assert banner.isHidden()


def test_the_banner_is_hidden_without_readiness_and_asks_for_details(
    qtbot: QtBot, banner: ReadinessBanner, store: Store
) -> None:
    banner.show_readiness(None, Status.REFERRED)
    assert banner.isHidden()
    banner.show_readiness(store.readiness(_case(store).id), Status.REFERRED)
    with qtbot.waitSignal(banner.details_requested):
        banner.show_button.click()


def test_showing_another_case_leaves_nothing_of_the_first_on_screen(
    qtbot: QtBot, store: Store
) -> None:
    blocked = _case(store)
    ready = _case(store)
    prepare_for_conference(store, ready.id)
    panel = ReadinessPanel()
    qtbot.addWidget(panel)
    panel.show_readiness(store.readiness(blocked.id), _people(store, blocked))
    panel.show_readiness(store.readiness(ready.id), _people(store, ready))
    # Without processing events: the first case's lines must already be gone from the screen.
    from PySide6.QtWidgets import QLabel

    drawn = [label.text() for label in panel.findChildren(QLabel) if label.isVisibleTo(panel)]
    assert not any("✗" in text for text in drawn), drawn
