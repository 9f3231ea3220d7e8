"""A gentle check on an agreement's wording: vague actions, no owner or date, dates that have
passed or are far off, too many actions, and shaming or punitive words, each with a restorative
suggestion. It never blocks saving.

The phrases and words live in resources/agreements/wording.json (data practitioners may change),
checked on load with errors that name the file and the line."""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..formatting import format_date
from ..records import Setting
from ..resources import ResourceError, line_of, load_json, resources_dir
from .records import Agreement, AgreementAction

_CHECKS = ("no_owner", "no_date", "past_date", "long_deadline", "no_way_to_know",
           "too_many_actions")
_SAMPLE = {"phrase": "phrase", "months": 6, "count": 7, "most": 6, "date": "1 December 2026"}
# The action's words checked for vague phrases, and for shaming or punitive ones.
_VAGUE_FIELDS = ("what", "how_known")
_PUNITIVE_FIELDS = ("what", "how_known", "support")


class WordingError(ResourceError):
    """The wording file cannot be used."""


@dataclass(frozen=True)
class WordingWarning:
    """A suggestion about one field's wording (never a reason to refuse it)."""

    field: str
    message: str
    suggestion: str = ""


# The brief's name for it (shadows the builtin only where imported by this name).
Warning = WordingWarning


@dataclass(frozen=True)
class PhraseGroup:
    """Phrases with one suggestion, e.g. "punish", "punishment"; `allowed_in` lists settings
    where the words are the service's own (a YOS speaks of offenders)."""

    words: tuple[str, ...]
    suggestion: str
    allowed_in: frozenset[str] = frozenset()
    pattern: re.Pattern[str] = re.compile("(?!)")


@dataclass(frozen=True)
class Check:
    message: str
    suggestion: str


@dataclass(frozen=True)
class WordingRules:
    """Everything in wording.json, checked."""

    longest_deadline_months: int
    most_actions: int
    checks: dict[str, Check]
    vague_message: str
    vague: tuple[PhraseGroup, ...]
    punitive_message: str
    punitive: tuple[PhraseGroup, ...]


def wording_warnings(
    action: AgreementAction, today: date, *, setting: Setting | None = None,
    rules: WordingRules | None = None,
) -> list[WordingWarning]:
    """Gentle warnings about one action, in the order of its fields."""
    rules = rules or wording_rules()
    warnings = _phrase_warnings(action, _VAGUE_FIELDS, rules.vague, rules.vague_message, setting)
    if not action.who.strip():
        warnings.append(_from(rules, "no_owner", "who"))
    if action.by_when is None:
        warnings.append(_from(rules, "no_date", "by_when"))
    elif action.by_when < today:
        warnings.append(_from(rules, "past_date", "by_when", date=format_date(action.by_when)))
    elif action.by_when > add_months(today, rules.longest_deadline_months):
        warnings.append(
            _from(rules, "long_deadline", "by_when", months=rules.longest_deadline_months)
        )
    if not action.how_known.strip():
        warnings.append(_from(rules, "no_way_to_know", "how_known"))
    warnings += _phrase_warnings(
        action, _PUNITIVE_FIELDS, rules.punitive, rules.punitive_message, setting
    )
    return warnings


def agreement_warnings(
    agreement: Agreement, *, setting: Setting | None = None, rules: WordingRules | None = None
) -> list[WordingWarning]:
    """Gentle warnings about the agreement as a whole (each action has its own): too many
    actions for a young person, and shaming or punitive words in the summary. The young
    person's own words are theirs and are never checked."""
    rules = rules or wording_rules()
    warnings: list[WordingWarning] = []
    if len(agreement.actions) > rules.most_actions:
        warnings.append(_from(rules, "too_many_actions", "actions",
                              count=len(agreement.actions), most=rules.most_actions))
    for group in _applying(rules.punitive, setting):
        phrase = _found(group, agreement.summary)
        if phrase:
            warnings.append(WordingWarning(
                "summary", rules.punitive_message.format(**{**_SAMPLE, "phrase": phrase}),
                group.suggestion,
            ))
    return warnings


def fold(text: str) -> str:
    """Text for matching: no accents, no capitals, straight apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _phrase_warnings(
    action: AgreementAction, fields: tuple[str, ...], groups: tuple[PhraseGroup, ...],
    message: str, setting: Setting | None,
) -> list[WordingWarning]:
    warnings = []
    for field in fields:
        for group in _applying(groups, setting):
            phrase = _found(group, getattr(action, field))
            if phrase:
                text = message.format(**{**_SAMPLE, "phrase": phrase})
                warnings.append(WordingWarning(field, text, group.suggestion))
    return warnings


def _applying(groups: tuple[PhraseGroup, ...], setting: Setting | None) -> list[PhraseGroup]:
    return [g for g in groups if setting is None or setting.value not in g.allowed_in]


def _found(group: PhraseGroup, text: str) -> str:
    """The words as written where the group's phrase first appears, or ''."""
    if not text:
        return ""
    folded = fold(text)
    match = group.pattern.search(folded)
    if match is None:
        return ""
    # Folding can change lengths (ß -> ss); fall back to the folded words if it did.
    if len(folded) == len(text):
        return text[match.start():match.end()]
    return match.group(0)


def _from(rules: WordingRules, check: str, field: str, **values: Any) -> WordingWarning:
    found = rules.checks[check]
    return WordingWarning(field, found.message.format(**{**_SAMPLE, **values}), found.suggestion)


def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Whole words or phrases (any spaces or hyphens between their words)."""
    alternatives = sorted(
        (r"[\s\-]+".join(re.escape(part) for part in fold(word).split()) for word in words),
        key=len, reverse=True,
    )
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)")


# -- loading -----------------------------------------------------------------------------------


@functools.cache
def wording_rules() -> WordingRules:
    """The shipped wording checks, loaded once."""
    return load_wording_rules(resources_dir() / "agreements" / "wording.json")


def load_wording_rules(path: Path) -> WordingRules:
    """Load and check a wording file; errors name the file and the line."""
    data, text = load_json(path, WordingError)

    def fail(needle: str, message: str) -> WordingError:
        return WordingError(f"{path}, line {line_of(text, needle) if needle else 1}: {message}")

    def mapping(value: object, needle: str, what: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise fail(needle, f"{what} must be an object")
        return value

    def words(value: object, needle: str, what: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise fail(needle, f"{what} needs some words")
        try:
            value.format(**_SAMPLE)
        except (KeyError, IndexError, ValueError) as problem:
            raise fail(needle, f"{what} has a placeholder this app does not fill in: "
                       f"{problem}") from problem
        return value.strip()

    top = mapping(data, "", "the file")
    limits = mapping(top.get("limits"), '"limits"', '"limits"')
    numbers = {}
    for name in ("longest_deadline_months", "most_actions"):
        value = limits.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise fail(f'"{name}"', f'"{name}" must be a whole number of at least 1')
        numbers[name] = value
    checks_data = mapping(top.get("checks"), '"checks"', '"checks"')
    checks = {}
    for name in _CHECKS:
        entry = mapping(checks_data.get(name), f'"{name}"', f'the check "{name}"')
        checks[name] = Check(words(entry.get("message"), f'"{name}"', f'"{name}" message'),
                             words(entry.get("suggestion"), f'"{name}"', f'"{name}" suggestion'))

    def groups(kind: str) -> tuple[str, tuple[PhraseGroup, ...]]:
        section = mapping(top.get(kind), f'"{kind}"', f'"{kind}"')
        message = words(section.get("message"), f'"{kind}"', f'"{kind}" message')
        entries = section.get("phrases")
        if not isinstance(entries, list) or not entries:
            raise fail(f'"{kind}"', f'"{kind}" needs a list of "phrases"')
        found = []
        for entry in entries:
            entry = mapping(entry, f'"{kind}"', f'each of "{kind}" phrases')
            listed = entry.get("words")
            needle = f'"{listed[0]}"' if isinstance(listed, list) and listed else f'"{kind}"'
            if (not isinstance(listed, list) or not listed
                    or not all(isinstance(w, str) and w.strip() for w in listed)):
                raise fail(needle, '"words" must be a list of words or phrases')
            allowed = entry.get("allowed_in", [])
            settings = {s.value for s in Setting}
            if not isinstance(allowed, list) or not set(allowed) <= settings:
                raise fail(needle, f'"allowed_in" lists settings: {", ".join(sorted(settings))}')
            suggestion = words(entry.get("suggestion"), needle, f"the suggestion for {needle}")
            found.append(PhraseGroup(tuple(listed), suggestion, frozenset(allowed),
                                     _pattern(tuple(listed))))
        return message, tuple(found)

    vague_message, vague = groups("vague")
    punitive_message, punitive = groups("punitive")
    return WordingRules(
        longest_deadline_months=numbers["longest_deadline_months"],
        most_actions=numbers["most_actions"],
        checks=checks,
        vague_message=vague_message,
        vague=vague,
        punitive_message=punitive_message,
        punitive=punitive,
    )
