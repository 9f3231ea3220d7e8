"""A conference script as rich text, the way a facilitator would read it: each phase, who each
step is for, the words to say with sample names put in, and the guidance in italics."""

from __future__ import annotations

import html

from restorative_desk.scripts.model import Audience, Script, Step
from restorative_desk.scripts.preview import (
    SAMPLE_HARMED,
    audience_words,
    capture_words,
    filled,
)


def _text(words: str) -> str:
    return html.escape(words).replace("\n", "<br>")


def step_html(step: Step, *, facilitator: str = "") -> str:
    """One step: who it is for (and what is kept), the words, the guidance."""
    kept = capture_words(step.capture)
    who = f"<b>{html.escape(audience_words(step.to))}</b>"
    if kept:
        who += f" · {html.escape(kept)}"
    parts = [f"<p style='margin-top:12px; margin-bottom:4px'>{who}</p>"]
    say = filled(step.say, step.to, facilitator=facilitator).strip()
    if say:
        parts.append(
            "<p style='margin-top:0; margin-bottom:4px; margin-left:14px; font-size:large'>"
            f"{_text(say)}</p>"
        )
    guidance = filled(step.guidance, step.to, facilitator=facilitator).strip()
    if guidance:
        parts.append(
            f"<p style='margin-top:0; margin-bottom:4px; margin-left:14px'><i>{_text(guidance)}"
            "</i></p>"
        )
    if step.if_represented:
        instead = filled(step.if_represented, step.to, facilitator=facilitator)
        who_absent = SAMPLE_HARMED if step.to is Audience.PERSON_HARMED else "someone"
        parts.append(
            "<p style='margin-top:0; margin-bottom:4px; margin-left:14px'>"
            f"<i>If {who_absent} is not there but sent a statement, you say instead:</i> "
            f"{_text(instead)}</p>"
        )
    return "".join(parts)


def script_html(script: Script, *, facilitator: str = "") -> str:
    """Every phase of `script` with its steps, numbered."""
    parts = []
    for number, phase in enumerate(script.phases, start=1):
        parts.append(
            "<h3 style='margin-top:18px; margin-bottom:2px'>"
            f"{number}. {html.escape(phase.title)}</h3>"
        )
        parts.extend(step_html(step, facilitator=facilitator) for step in phase.steps)
    return "".join(parts)
