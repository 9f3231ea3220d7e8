"""Organisations and pilot entries in the store: round trips, the day view, "Same as last",
follow-ups due and the audit trail."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from restorative_desk.pilots.records import (
    YEAR_GROUPS,
    Organisation,
    OrganisationKind,
    PilotActivity,
    PilotEntry,
    PilotOutcome,
    PilotTopic,
)
from restorative_desk.rules import ValidationError
from restorative_desk.store import Store
from restorative_desk.store.audit import AuditAction
from restorative_desk.store.errors import NotFound

TODAY = date(2026, 11, 26)


def school(store: Store, name: str = "École Saint-Loup") -> Organisation:
    return store.add_organisation(Organisation(name, OrganisationKind.SCHOOL))


def entry(org: Organisation, **changes: object) -> PilotEntry:
    base = PilotEntry(
        organisation_id=org.id, session_date=TODAY, activity=PilotActivity.CLASS_CIRCLE,
        pupils=28, staff=1, staff_initials="zö", year_groups=(8, 7),
        outcome=PilotOutcome.RESOLVED,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_organisations_sorted_by_name_in_any_capitals(store: Store) -> None:
    for name in ("Ysgol Gymraeg", "école Saint-Loup", "Ángel House", "Bryn YOS"):
        school(store, name)
    assert [o.name for o in store.organisations()] == [
        "Ángel House", "Bryn YOS", "école Saint-Loup", "Ysgol Gymraeg"]


def test_organisation_round_trip_rename_and_retire(store: Store) -> None:
    added = school(store, "  Ysgol Gymraeg  ")
    assert store.organisation(added.id) == added
    assert added.name == "Ysgol Gymraeg"
    renamed = store.rename_organisation(added.id, "Ysgol Gymraeg Caerdydd")
    assert store.organisation(added.id).name == "Ysgol Gymraeg Caerdydd" == renamed.name
    store.update_organisation(replace(renamed, kind=OrganisationKind.OTHER))
    store.set_organisation_active(added.id, False)
    assert store.organisations(active_only=True) == []
    assert store.organisation_names() == []
    assert store.organisation(added.id).kind is OrganisationKind.OTHER
    store.set_organisation_active(added.id, True)
    assert store.organisation_names() == ["Ysgol Gymraeg Caerdydd"]


def test_names_are_unique_in_any_capitals_and_accents(store: Store) -> None:
    school(store)
    with pytest.raises(ValidationError) as refused:
        school(store, "ÉCOLE SAINT-LOUP")
    assert refused.value.field == "name"
    other = school(store, "Riverside")
    with pytest.raises(ValidationError):
        store.rename_organisation(other.id, "école saint-loup")


def test_an_organisation_with_entries_is_never_deleted(store: Store) -> None:
    org = school(store)
    spare = school(store, "Typo Academy")
    store.add_pilot_entry(entry(org))
    with pytest.raises(ValidationError, match="retire"):
        store.delete_organisation(org.id)
    store.delete_organisation(spare.id)
    with pytest.raises(NotFound):
        store.organisation(spare.id)


def test_entry_round_trip(store: Store) -> None:
    org = school(store)
    saved = store.add_pilot_entry(entry(
        org, topic=PilotTopic.ONLINE, outcome=PilotOutcome.FOLLOW_UP_NEEDED,
        follow_up_date=TODAY + timedelta(days=3), note="Círculo tranquilo; الصف هادئ"))
    assert saved.id and saved.created_at is not None
    assert saved.staff_initials == "ZÖ" and saved.year_groups == (7, 8)
    assert store.pilot_entry(saved.id) == saved


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    activity=st.sampled_from(PilotActivity),
    pupils=st.integers(0, 999), staff=st.integers(1, 999),
    years=st.sets(st.sampled_from(YEAR_GROUPS)),
    topic=st.sampled_from(PilotTopic), outcome=st.none() | st.sampled_from(PilotOutcome),
    back=st.integers(0, 400), note=st.text(max_size=200).map(str.strip),
)
def test_any_valid_entry_reads_back_as_saved(
    store: Store, activity: PilotActivity, pupils: int, staff: int, years: set[int],
    topic: PilotTopic, outcome: PilotOutcome | None, back: int, note: str,
) -> None:
    org = store.organisations()[0] if store.organisations() else school(store)
    day = TODAY - timedelta(days=back)
    follow_up = day + timedelta(days=7) if outcome is PilotOutcome.FOLLOW_UP_NEEDED else None
    saved = store.add_pilot_entry(entry(
        org, activity=activity, pupils=pupils, staff=staff, year_groups=tuple(years),
        topic=topic, outcome=outcome, session_date=day, follow_up_date=follow_up,
        note=note.replace("\x00", "")))
    assert store.pilot_entry(saved.id) == saved


def test_update_and_delete(store: Store) -> None:
    org = school(store)
    saved = store.add_pilot_entry(entry(org))
    changed = store.update_pilot_entry(replace(saved, pupils=29, note="Calmer"))
    assert store.pilot_entry(saved.id) == changed
    assert changed.pupils == 29 and changed.created_at == saved.created_at
    with pytest.raises(ValidationError):
        store.update_pilot_entry(replace(saved, session_date=TODAY + timedelta(days=1)))
    store.delete_pilot_entry(saved.id)
    with pytest.raises(NotFound):
        store.pilot_entry(saved.id)


def test_trail_has_field_names_never_the_note(store: Store) -> None:
    org = school(store)
    saved = store.add_pilot_entry(entry(org, note="Secret words"))
    store.update_pilot_entry(replace(saved, note="Other secret"))
    store.delete_pilot_entry(saved.id)
    trail = [e for e in store.audit.entries() if e.record_type == "pilot entry"]
    assert [e.action for e in trail] == [AuditAction.DELETE, AuditAction.UPDATE,
                                         AuditAction.CREATE]
    assert trail[1].fields == ("note",)
    assert "note" in trail[2].fields
    for line in trail:
        assert "secret" not in f"{line.fields} {line.detail}".lower()


def test_refused_entries(store: Store) -> None:
    org = school(store)
    with pytest.raises(ValidationError) as refused:
        store.add_pilot_entry(entry(org, pupils=0, staff=0))
    assert refused.value.field == "pupils"
    with pytest.raises(ValidationError) as refused:
        store.add_pilot_entry(entry(org, organisation_id="nowhere"))
    assert refused.value.field == "organisation_id"


def test_day_view_entries(store: Store) -> None:
    first, second = school(store), school(store, "Ysgol Gymraeg")
    a = store.add_pilot_entry(entry(first))
    b = store.add_pilot_entry(entry(second))
    c = store.add_pilot_entry(entry(first, pupils=3))
    store.add_pilot_entry(entry(first, session_date=TODAY - timedelta(days=1)))
    assert [e.id for e in store.pilot_entries_on(TODAY)] == [a.id, b.id, c.id]
    assert [e.id for e in store.pilot_entries_on(TODAY, first.id)] == [a.id, c.id]
    assert store.pilot_entries_on(TODAY + timedelta(days=1)) == []


def test_last_entry_is_the_most_recently_recorded(store: Store) -> None:
    org = school(store)
    assert store.last_pilot_entry() is None
    store.add_pilot_entry(entry(org, staff_initials="ŁK"))
    older_day = store.add_pilot_entry(entry(org, session_date=TODAY - timedelta(days=5)))
    assert store.last_pilot_entry() == older_day
    assert store.last_pilot_entry(by_initials="łk") is not None
    assert store.last_pilot_entry(by_initials="łk").staff_initials == "ŁK"  # type: ignore[union-attr]
    assert store.last_pilot_entry(by_initials="QQ") is None


def test_follow_ups_due_edges(store: Store) -> None:
    org = school(store)

    def with_follow_up(days: int) -> PilotEntry:
        return store.add_pilot_entry(entry(
            org, session_date=TODAY - timedelta(days=40), outcome=PilotOutcome.FOLLOW_UP_NEEDED,
            follow_up_date=TODAY + timedelta(days=days)))

    made = {days: with_follow_up(days) for days in (-29, -28, 0, 7, 8)}
    due = store.pilot_follow_ups_due(TODAY)
    assert [e.id for e in due] == [made[-28].id, made[0].id, made[7].id]
    assert len(store.pilot_follow_ups_due(TODAY, within_days=8)) == 4
    assert store.pilot_follow_ups_due(TODAY, organisation_id=school(store, "Other").id) == []
