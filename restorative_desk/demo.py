"""Realistic fictional cases across every setting and stage, for demos, screenshots and benchmarks.

Every person here is invented. Names are drawn from many cultures so the app is always seen
handling names like Zoë, Łukasz, Nguyễn and Siobhán.
"""

from __future__ import annotations

import random
from datetime import timedelta

from .demo_agreements import AgreementStory
from .demo_conference import hold_conference
from .demo_dates import Moments, latest_moment, weekday
from .demo_feedback import fill_general_partner_feedback, give_feedback
from .demo_monitoring import MonitoringAnswers
from .demo_pilots import fill_demo_pilots
from .demo_preparation import CaseStory
from .preparation.records import ParentConsentPolicy, ReadinessOverride
from .records import (
    AgeBand,
    Case,
    HarmCategory,
    NotProceedingReason,
    Person,
    ReferralSource,
    Role,
    Setting,
    Status,
)
from .store import Store

FIRST_NAMES = (
    "Zoë",
    "Łukasz",
    "Siobhán",
    "Amara",
    "Kwame",
    "Fatima",
    "Oliver",
    "Priya",
    "Mateo",
    "Aisha",
    "Callum",
    "Yusuf",
    "Chloé",
    "Tendai",
    "Maya",
    "Dmitri",
    "Grace",
    "Kofi",
    "Leila",
    "Rory",
    "Ines",
    "Jamal",
    "Niamh",
    "Hoang",
    "Ayo",
    "Ruby",
    "Zain",
    "Bethany",
    "Tomasz",
    "Efua",
    "Malik",
    "Sofia",
    "Dara",
    "Mariam",
    "Finn",
    "Adaeze",
    "Hiro",
    "Layla",
    "Kacper",
    "Nia",
)
FAMILY_NAMES = (
    "Nguyễn",
    "Kowalski",
    "O'Sullivan",
    "Mensah",
    "Okafor",
    "Rahman",
    "Hughes",
    "Patel",
    "García",
    "Begum",
    "Campbell",
    "Yilmaz",
    "Dubois",
    "Moyo",
    "Clarke",
    "Ivanova",
    "Adeyemi",
    "Boateng",
    "Haddad",
    "Murphy",
    "Silva",
    "Ahmed",
    "Walsh",
    "Trần",
    "Adebayo",
    "Taylor",
    "Hussain",
    "Nowak",
    "Mensah-Clarke",
    "Ó Briain",
    "Wiśniewska",
    "Bello",
    "Khan",
    "Reid",
)
NICKNAMES = {
    "Oliver": "Ollie",
    "Bethany": "Beth",
    "Tomasz": "Tomek",
    "Dmitri": "Dima",
    "Callum": "Cal",
}
PRONOUNS = ("she/her", "he/him", "they/them", "", "")
FACILITATORS = (
    "Jo Adeyemi",
    "Sam Whitfield",
    "Priya Nair",
    "Marcus Bell",
    "Hannah Osei",
    "Tom Lindqvist",
    "Ruth Mbeki",
    "Alex Moreno",
)
ORGANISATIONS = {
    Setting.SCHOOL: (
        "Hillside Primary School",
        "Riverside Academy",
        "St Aidan's Secondary",
        "Brookfield Community School",
        "Elmwood Primary",
        "Northgate High School",
    ),
    Setting.CARE_HOME: ("Oak House", "Maple Lodge", "The Willows", "Harbour View"),
    Setting.YOS: ("Northbank Youth Offending Service", "Eastvale Youth Offending Service"),
    Setting.COMMUNITY: ("Eastfield Community Centre", "Parkside Estate Residents' Hub"),
}
VENUES = {
    Setting.SCHOOL: ("Library meeting room", "Pastoral office", "Room 12", "Sensory room"),
    Setting.CARE_HOME: ("Quiet lounge", "Kitchen table", "Garden room"),
    Setting.YOS: ("YOS interview room 2", "Community room", "Family centre"),
    Setting.COMMUNITY: ("Hall side room", "Café meeting space"),
}
SOURCES = {
    Setting.SCHOOL: (ReferralSource.EDUCATION, ReferralSource.SELF_OR_FAMILY),
    Setting.CARE_HOME: (ReferralSource.CARE_HOME, ReferralSource.CHILDRENS_SOCIAL_CARE),
    Setting.YOS: (
        ReferralSource.YOUTH_OFFENDING_TEAM,
        ReferralSource.POLICE,
        ReferralSource.PROBATION,
    ),
    Setting.COMMUNITY: (
        ReferralSource.POLICE,
        ReferralSource.HEALTH,
        ReferralSource.SELF_OR_FAMILY,
        ReferralSource.EARLY_YEARS,
    ),
}
SUMMARIES = {
    Setting.SCHOOL: (
        (
            "A falling-out at lunchtime turned into pushing in the corridor; {a} was hurt.",
            (HarmCategory.PHYSICAL, HarmCategory.RELATIONSHIP),
        ),
        (
            "Messages in a class group chat upset {a}, who stopped coming to drama club.",
            (HarmCategory.ONLINE, HarmCategory.BULLYING),
        ),
        (
            "{a}'s bag and books were damaged during a game that went too far.",
            (HarmCategory.DAMAGE,),
        ),
        (
            "Hurtful comments about {a}'s family over several weeks in Year 8.",
            (HarmCategory.VERBAL, HarmCategory.BULLYING),
        ),
    ),
    Setting.CARE_HOME: (
        (
            "A door and a lamp were broken after an argument about phone time; staff were shaken.",
            (HarmCategory.DAMAGE,),
        ),
        (
            "Shouting and threats during a row over the TV left {a} frightened.",
            (HarmCategory.THREATS, HarmCategory.VERBAL),
        ),
        ("Money went missing from {a}'s room; it was later returned.", (HarmCategory.THEFT,)),
    ),
    Setting.YOS: (
        (
            "A phone was taken from {a} at a bus stop; referral order made at court.",
            (HarmCategory.THEFT, HarmCategory.THREATS),
        ),
        (
            "Graffiti on a neighbour's garage; {a} asked to meet the young person.",
            (HarmCategory.DAMAGE,),
        ),
        ("A fight outside a shop left {a} with a cut lip.", (HarmCategory.PHYSICAL,)),
        (
            "Racist remarks shouted at {a} on the way home from school.",
            (HarmCategory.HATE, HarmCategory.VERBAL),
        ),
    ),
    Setting.COMMUNITY: (
        (
            "Noise and a football through a window led to a row between two families.",
            (HarmCategory.DAMAGE, HarmCategory.RELATIONSHIP),
        ),
        (
            "Teenagers and an older resident clashed in the estate's play area.",
            (HarmCategory.THREATS, HarmCategory.RELATIONSHIP),
        ),
    ),
}
# How far along demo cases are: later stages are rarer, as in real caseloads.
PATH = (
    Status.REFERRED,
    Status.INITIAL_ENGAGEMENT,
    Status.RISK_ASSESSMENT,
    Status.PREPARING,
    Status.READY,
    Status.CONFERENCE_HELD,
    Status.MONITORING,
    Status.FOLLOW_UP,
    Status.CLOSED,
)
STAGE_WEIGHTS = (8, 10, 9, 12, 5, 4, 10, 6, 24)
NOT_PROCEEDING_SHARE = 0.1
SETTING_WEIGHTS = {
    Setting.SCHOOL: 40,
    Setting.CARE_HOME: 20,
    Setting.YOS: 30,
    Setting.COMMUNITY: 10,
}


def fill_demo(store: Store, cases: int, seed: int = 7, *, people: bool = True) -> None:
    """Add `cases` fictional cases, spread over the last two years and every stage.

    With people, each case has the preparation its stage calls for, recorded as it happened,
    so cases reach "ready" through the readiness rules (a few on a logged override). With
    people=False only the case records and their stage history are written (fast enough for
    benchmark databases of 100,000 cases); those reach "ready" on an override that says so.
    """
    rng = random.Random(seed)
    policy = store.parent_consent_policy()
    latest = latest_moment(store.now())
    with store.batch():
        for _ in range(cases):
            _one_case(store, rng, Moments(rng, latest), policy if people else None, seed)
        fill_demo_pilots(store, seed)  # once per case file, from its own generator
        if people:
            fill_general_partner_feedback(store, seed)


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(FAMILY_NAMES)}"


def _one_case(
    store: Store,
    rng: random.Random,
    moments: Moments,
    policy: ParentConsentPolicy | None,
    seed: int,
) -> None:
    """One case; `policy` is the parent consent policy, or None for a case without people."""
    today = moments.now.date()
    setting = rng.choices(list(SETTING_WEIGHTS), weights=list(SETTING_WEIGHTS.values()))[0]
    target = rng.choices(PATH, weights=STAGE_WEIGHTS)[0]
    stops = target in PATH[:5] and rng.random() < NOT_PROCEEDING_SHARE
    steps = PATH.index(target)
    # Older cases are further along: each step takes one to three weeks.
    span = sum(rng.randint(7, 21) for _ in range(steps)) + rng.randint(0, 30)
    referral = weekday(today - timedelta(days=min(span, 700)), latest=today)
    statuses = PATH[: steps + 1]
    starts = [referral]  # the working day the case reached each of `statuses`
    for _ in statuses[1:]:
        moved = min(today, starts[-1] + timedelta(days=rng.randint(5, 20)))
        starts.append(weekday(moved, starts[-1], today))
    stopped = weekday(min(today, starts[-1] + timedelta(days=3)), starts[-1], today)
    stop_day = stopped if stops else None
    harmed = _name(rng)
    summary, harms = rng.choice(SUMMARIES[setting])
    facilitator = rng.choice(FACILITATORS)
    with store.recording_as(moments.on(referral), facilitator):
        case = store.create_case(
            Case(
                setting=setting,
                organisation=rng.choice(ORGANISATIONS[setting]),
                venue=rng.choice(VENUES[setting]),
                referral_source=rng.choice(SOURCES[setting]),
                referral_date=referral,
                incident_date=referral - timedelta(days=rng.randint(0, 10)),
                summary=summary.format(a=harmed.split()[0]),
                harm_categories=harms,
                facilitator=facilitator,
                co_facilitator=rng.choice(("", "", rng.choice(FACILITATORS))),
                next_action_date=(
                    today + timedelta(days=rng.randint(-5, 21))
                    if target is not Status.CLOSED and not stops
                    else None
                ),
            )
        )
        story = None
        if policy is not None:
            held = dict(zip(statuses, starts, strict=True)).get(Status.CONFERENCE_HELD)
            answers = MonitoringAnswers(f"{seed}-{case.reference}", setting, stops=stops)
            story = CaseStory(
                store, rng, moments, case, _add_people(store, rng, case, harmed, answers),
                policy=policy, conference_on=held, today=today,
            )
    ends = [*starts[1:], stop_day or today]
    agreement = (
        AgreementStory(store, case, f"{seed}-{case.reference}", today, target)
        if story is not None and not stops else None
    )
    for index, status in enumerate(statuses):
        if index:
            with store.recording_as(moments.on(starts[index]), facilitator):
                if status is Status.CONFERENCE_HELD and story is not None:
                    hold_conference(store, case, starts[index], f"{seed}-{case.reference}")
                    if agreement is not None:
                        agreement.after_conference(starts[index])
                    give_feedback(store, case, starts[index], moments.now,
                                  f"{seed}-{case.reference}")
                else:
                    override = _override(story, case) if status is Status.READY else None
                    if agreement is not None:
                        agreement.before(status, starts[index])
                    store.move_case(case.id, status, override=override)
        if story is not None:
            after = statuses[index + 1] if index + 1 < len(statuses) else None
            with store.recording_as(moments.on(starts[index]), facilitator):
                story.during(
                    status, starts[index], ends[index],
                    after or (Status.NOT_PROCEEDING if stops else None),
                )
    if stop_day is not None:
        reason = rng.choice(list(NotProceedingReason))
        with store.recording_as(moments.on(stop_day), facilitator):
            if story is not None:
                story.before_stopping(stop_day, reason is NotProceedingReason.CONSENT_WITHDRAWN)
            note = (
                "The family moved out of the area." if reason is NotProceedingReason.OTHER else ""
            )
            store.move_case(case.id, Status.NOT_PROCEEDING, reason=reason, note=note)
    if story is not None:
        with store.recording_as(moments.on(referral), facilitator):
            story.yos_facts(Status.NOT_PROCEEDING if stops else target)


def _override(story: CaseStory | None, case: Case) -> ReadinessOverride | None:
    """Cases with people reach "ready" on their preparation (a few on a logged override);
    benchmark cases have no people to prepare, and their override says so."""
    if story is not None:
        return story.override_for_ready()
    return ReadinessOverride(
        case_id=case.id,
        overridden_by=case.facilitator,
        reason="Benchmark data without people: preparation not recorded.",
        blockers=(),
    )


def _add_people(
    store: Store, rng: random.Random, case: Case, harmed: str, answers: MonitoringAnswers
) -> list[Person]:
    young = setting_is_young(case.setting)
    first = store.add_person(answers(_person(rng, case, Role.PERSON_HARMED, harmed, young)))
    second = store.add_person(
        answers(_person(rng, case, Role.PERSON_RESPONSIBLE, _name(rng), True))
    )
    added = [first, second]
    for supported in (first, second):
        if rng.random() < 0.6:
            carer = _person(rng, case, Role.SUPPORTER, _name(rng), False)
            relationship = rng.choice(("Parent", "Aunt", "Key worker", "Grandparent"))
            added.append(
                store.add_person(
                    Person(
                        **{
                            **carer.__dict__,
                            "supports_person_id": supported.id,
                            "relationship": relationship,
                        }
                    )
                )
            )
    return added


def setting_is_young(setting: Setting) -> bool:
    """Whether people harmed in this setting are usually children too."""
    return setting in (Setting.SCHOOL, Setting.CARE_HOME)


def _person(rng: random.Random, case: Case, role: Role, name: str, child: bool) -> Person:
    first = name.split()[0]
    return Person(
        case_id=case.id,
        role=role,
        name=name,
        preferred_name=NICKNAMES.get(first, first) if rng.random() < 0.5 else first,
        pronouns=rng.choice(PRONOUNS),
        is_child=child,
        age_band=rng.choice((AgeBand.AGE_10_13, AgeBand.AGE_14_15, AgeBand.AGE_16_17))
        if child
        else AgeBand.AGE_25_PLUS,
        relationship="" if role is not Role.PERSON_HARMED else "Was hurt in what happened",
        communication_needs=rng.choice(
            ("", "", "Prefers short sessions with breaks", "Dyslexia: read things aloud")
        ),
        interpreter_language=rng.choice(("", "", "", "Polish", "Vietnamese", "Arabic")),
    )
