"""Agreements for the benchmark, and the same content as a bare reportlab document (the floor).

Used by scripts/bench.py; the app never imports it.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

from restorative_desk.documents.agreement import AgreementPrint, PrintedAction, PrintedPerson
from restorative_desk.documents.pdf_base import Letterhead
from restorative_desk.formatting import format_date
from restorative_desk.records import Setting

_NAMES = ("Zoë", "Łukasz", "Nguyễn Văn An", "Siobhán", "Priya", "Tom", "Amara", "Jordan")
_WHAT = (
    "Say sorry to {harmed}, face to face, with Ms Okafor there.",
    "Help repaint the bench by the science block that was damaged at lunchtime.",
    "Sit apart in maths until the review, and say hello in the corridor.",
    "Write a letter to {harmed}'s mum explaining what happened and what has changed since.",
)


def sample_agreement(number: int) -> AgreementPrint:
    """A realistic agreement: six people, four actions, a summary and the young person's words."""
    harmed = _NAMES[number % len(_NAMES)]
    responsible = _NAMES[(number + 3) % len(_NAMES)]
    start = date(2026, 12, 1) + timedelta(days=number % 60)
    actions = tuple(
        PrintedAction(
            what=what.format(harmed=harmed),
            who=responsible,
            for_whom=harmed if index % 2 == 0 else "The school",
            by_when=start + timedelta(days=7 * (index + 1)),
            how_known=f"{harmed} tells Ms Okafor it happened",
            support="Ms Okafor will be there and will help to plan it",
            review_date=start + timedelta(days=7 * (index + 2)) if index % 2 else None,
        )
        for index, what in enumerate(_WHAT)
    )
    people = (
        PrintedPerson(harmed, "Person harmed", f"{number:08x}"),
        PrintedPerson(responsible, "Person responsible", f"{number + 1:08x}"),
        PrintedPerson("Siobhán Murphy", "Supporter", f"{number + 2:08x}"),
        PrintedPerson("Nguyễn Thị Hoa", "Supporter", f"{number + 3:08x}"),
        PrintedPerson("Mr Adeyemi", "Teacher", f"{number + 4:08x}"),
        PrintedPerson("Ms Okafor", "Head of year", f"{number + 5:08x}"),
    )
    return AgreementPrint(
        reference=f"RD-2026-{number:04d}",
        setting=Setting.SCHOOL,
        letterhead=Letterhead("Oakfield Restorative Team", contact="01632 960 123"),
        facilitator="Siobhán Murphy",
        version=1 + number % 2,
        agreed_on=start,
        summary=(
            f"In the lunch queue {responsible} pushed {harmed} and her tray fell. Other pupils "
            f"laughed and {harmed} felt embarrassed and scared to go to lunch.\n"
            "Everyone met, talked about what happened and who was affected, and agreed the "
            "actions below."
        ),
        own_words=f"I didn't think about how it would feel for {harmed}. I want to make it right.",
        actions=actions,
        people=people,
        review_date=start + timedelta(days=42),
        copy_for=harmed,
        own_words_by=responsible,
    )


def bare_agreement(doc: AgreementPrint) -> bytes:
    """The same paragraphs and table in a bare SimpleDocTemplate: default fonts and styles,
    no letterhead, no page numbers, no templates."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    styles = getSampleStyleSheet()
    body, heading = styles["BodyText"], styles["Heading2"]
    width = A4[0] - 2 * 72  # SimpleDocTemplate's default margins are an inch
    halves = [width * 0.45, width * 0.55]

    def para(text: str, style: object = body) -> Paragraph:
        return Paragraph(escape(text), style)

    def day(value: date | None) -> str:
        return format_date(value) if value else ""

    story: list[object] = [
        para(f"Copy for {doc.copy_for}"),
        para("Our agreement", styles["Title"]),
        para(f"Reference {doc.reference} · Agreed on {day(doc.agreed_on)} · Version {doc.version}"),
        para("Who took part", heading),
        Table(
            [[para(p.name), para(p.role)] for p in doc.people]
            + [[para(doc.facilitator), para("Facilitator")]],
            colWidths=halves,
        ),
        para("What happened and what we agreed", heading),
        *(para(line) for line in doc.summary.splitlines()),
        para(f"In {doc.own_words_by}'s own words", heading),
        para(f"“{doc.own_words}”"),
        para("What we will do", heading),
        para(
            "Each action says who will do it, for whom, by when, how we will all know it is "
            "done, and the support they have to do it."
        ),
        Table(
            [
                [
                    para(h)
                    for h in ("What", "Who", "For whom", "By when", "How we will know", "Support")
                ]
            ]
            + [
                [
                    para(a.what),
                    para(a.who),
                    para(a.for_whom),
                    [para(day(a.by_when)), para(f"Check on {day(a.review_date)}")],
                    para(a.how_known),
                    para(a.support),
                ]
                for a in doc.actions
            ],
            colWidths=[width * share for share in (0.25, 0.125, 0.125, 0.14, 0.19, 0.17)],
            repeatRows=1,
        ),
        para("Checking how it is going", heading),
        para(f"We will meet again on {day(doc.review_date)} to see how things are going."),
        para(
            "If something in this agreement cannot be done, or needs to change, tell the "
            "facilitator as soon as you can."
        ),
        para("Signatures", heading),
        para("By signing, each of us says that we agree to this and will do our part."),
        *(
            Table([["", ""], [para(f"{p.name} · {p.role}"), para("Date")]], colWidths=halves)
            for p in (*doc.people, PrintedPerson(doc.facilitator, "Facilitator"))
        ),
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(story)
    return buffer.getvalue()
