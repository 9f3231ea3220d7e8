"""What practitioners may change about preparation, read from resources/preparation (data, not
code): the risk questions, the trauma-informed questions, the bias check and each setting's own
questions and deadlines. Every file is checked on load; errors name the file and the line."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..records import Setting
from ..resources import ResourceError, line_of, load_json, resources_dir


class CatalogueError(ResourceError):
    """A preparation resource file that cannot be used."""


@dataclass(frozen=True)
class RiskItem:
    key: str
    label: str
    prompt: str
    kinds: tuple[str, ...] = ()
    safeguarding: bool = False


@dataclass(frozen=True)
class Question:
    key: str
    label: str
    ask: str
    read_back: str
    principle: str


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str


@dataclass(frozen=True)
class FactDefinition:
    key: str
    label: str
    type: str  # "date", "yes_no" or "choice"
    options: tuple[str, ...] = ()
    help: str = ""


@dataclass(frozen=True)
class DeadlineDefinition:
    key: str
    label: str
    start_fact: str
    done_fact: str
    working_days: int
    near_days: int
    shorter_when: tuple[tuple[str, int], ...] = ()  # (yes_no fact, working days) pairs


@dataclass(frozen=True)
class BiasGuide:
    reflect: str
    reframe: str
    redirect: str
    dimensions: tuple[Dimension, ...]


@dataclass(frozen=True)
class Catalogue:
    """Everything in resources/preparation, checked."""

    risk_items: dict[str, tuple[RiskItem, ...]]  # by setting value, defaults included
    questions: tuple[Question, ...]
    bias: BiasGuide
    facts: dict[str, tuple[FactDefinition, ...]]  # by setting value
    deadlines: dict[str, tuple[DeadlineDefinition, ...]]

    def risks_for(self, setting: Setting) -> tuple[RiskItem, ...]:
        """The risk questions for a case in `setting`: the common ones, then the setting's own."""
        return self.risk_items[setting.value]

    def risk_item(self, key: str) -> RiskItem | None:
        return next(
            (item for items in self.risk_items.values() for item in items if item.key == key),
            None,
        )

    def facts_for(self, setting: Setting) -> tuple[FactDefinition, ...]:
        return self.facts.get(setting.value, ())

    def deadlines_for(self, setting: Setting) -> tuple[DeadlineDefinition, ...]:
        return self.deadlines.get(setting.value, ())

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)


@functools.cache
def catalogue() -> Catalogue:
    """The shipped catalogue, loaded once."""
    return load_catalogue(resources_dir() / "preparation")


def load_catalogue(folder: Path) -> Catalogue:
    """Load and check every preparation resource in `folder`."""
    risks = _load_risks(folder / "risk.json")
    return Catalogue(
        risk_items=risks,
        questions=_load_questions(folder / "questions.json"),
        bias=_load_bias(folder / "bias.json"),
        **_load_setting_checks(folder / "setting_checks.json"),
    )


class _File:
    """One resource file being checked."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data, self.text = load_json(path, CatalogueError)

    def fail(self, needle: str, message: str, after_line: int = 1) -> CatalogueError:
        line = line_of(self.text, needle, after_line) if needle else 1
        return CatalogueError(f"{self.path}, line {line}: {message}")

    def mapping(self, value: object, needle: str, what: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(needle, f"{what} must be an object")
        return value

    def entries(self, value: object, needle: str, what: str) -> list[dict[str, Any]]:
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(needle, f"{what} must be a list of objects")
        return value

    def text_of(self, entry: dict[str, Any], name: str, *, required: bool = True) -> str:
        value = entry.get(name, "")
        key = entry.get("key", name)
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(f'"{key}"', f'"{key}" needs "{name}" (some words)')
        return value.strip()

    def keys_unique(self, keys: list[str]) -> None:
        seen: set[str] = set()
        for key in keys:
            if key in seen:
                raise self.fail(f'"{key}"', f'the key "{key}" is used twice')
            seen.add(key)


def _load_risks(path: Path) -> dict[str, tuple[RiskItem, ...]]:
    file = _File(path)
    data = file.mapping(file.data, "", "the file")
    settings = {s.value for s in Setting}
    sections: dict[str, tuple[RiskItem, ...]] = {}
    for section, entries in data.items():
        if section.startswith("_"):
            continue
        if section != "default" and section not in settings:
            raise file.fail(f'"{section}"', f'unknown setting "{section}"')
        items = []
        for entry in file.entries(entries, f'"{section}"', f'"{section}"'):
            kinds = entry.get("kinds", [])
            if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds):
                raise file.fail(f'"{entry.get("key")}"', '"kinds" must be a list of words')
            items.append(
                RiskItem(
                    key=file.text_of(entry, "key"),
                    label=file.text_of(entry, "label"),
                    prompt=file.text_of(entry, "prompt"),
                    kinds=tuple(kinds),
                    safeguarding=bool(entry.get("safeguarding", False)),
                )
            )
        sections[section] = tuple(items)
    if not sections.get("default"):
        raise file.fail("", 'needs a "default" list of risk questions')
    result = {}
    for setting in Setting:
        combined = sections["default"] + sections.get(setting.value, ())
        file.keys_unique([item.key for item in combined])
        result[setting.value] = combined
    return result


def _load_questions(path: Path) -> tuple[Question, ...]:
    file = _File(path)
    data = file.mapping(file.data, "", "the file")
    entries = file.entries(data.get("questions"), '"questions"', '"questions"')
    questions = tuple(
        Question(
            key=file.text_of(e, "key"),
            label=file.text_of(e, "label"),
            ask=file.text_of(e, "ask"),
            read_back=file.text_of(e, "read_back"),
            principle=file.text_of(e, "principle"),
        )
        for e in entries
    )
    if not questions:
        raise file.fail('"questions"', "needs at least one question")
    file.keys_unique([q.key for q in questions])
    return questions


def _load_bias(path: Path) -> BiasGuide:
    file = _File(path)
    data = file.mapping(file.data, "", "the file")
    moves = file.mapping(data.get("moves"), '"moves"', '"moves"')
    dimensions = tuple(
        Dimension(file.text_of(e, "key"), file.text_of(e, "label"))
        for e in file.entries(data.get("dimensions"), '"dimensions"', '"dimensions"')
    )
    file.keys_unique([d.key for d in dimensions])
    return BiasGuide(
        reflect=file.text_of(moves, "reflect"),
        reframe=file.text_of(moves, "reframe"),
        redirect=file.text_of(moves, "redirect"),
        dimensions=dimensions,
    )


_FACT_TYPES = ("date", "yes_no", "choice")


def _load_setting_checks(path: Path) -> dict[str, Any]:
    file = _File(path)
    data = file.mapping(file.data, "", "the file")
    settings = {s.value for s in Setting}
    facts: dict[str, tuple[FactDefinition, ...]] = {}
    deadlines: dict[str, tuple[DeadlineDefinition, ...]] = {}
    for section, body in data.items():
        if section.startswith("_"):
            continue
        if section not in settings:
            raise file.fail(f'"{section}"', f'unknown setting "{section}"')
        body = file.mapping(body, f'"{section}"', f'"{section}"')
        defined = []
        for entry in file.entries(body.get("facts", []), f'"{section}"', '"facts"'):
            kind = entry.get("type")
            options = entry.get("options", [])
            if kind not in _FACT_TYPES:
                raise file.fail(
                    f'"{entry.get("key")}"', f'"type" must be one of {", ".join(_FACT_TYPES)}'
                )
            if kind == "choice" and (not isinstance(options, list) or not options):
                raise file.fail(f'"{entry.get("key")}"', 'a choice needs "options"')
            defined.append(
                FactDefinition(
                    key=file.text_of(entry, "key"),
                    label=file.text_of(entry, "label"),
                    type=kind,
                    options=tuple(str(o) for o in options),
                    help=file.text_of(entry, "help", required=False),
                )
            )
        file.keys_unique([f.key for f in defined])
        by_key = {f.key: f for f in defined}
        facts[section] = tuple(defined)
        counted = []
        for entry in file.entries(body.get("deadlines", []), f'"{section}"', '"deadlines"'):
            key = file.text_of(entry, "key")
            start, done = file.text_of(entry, "from"), file.text_of(entry, "done")
            for name in (start, done):
                if by_key.get(name) is None or by_key[name].type != "date":
                    raise file.fail(f'"{key}"', f'"{name}" is not a date fact of "{section}"')
            shorter = entry.get("working_days_when", {})
            days, near = entry.get("working_days"), entry.get("near_days", 0)
            if not isinstance(days, int) or days < 1 or not isinstance(near, int) or near < 0:
                raise file.fail(f'"{key}"', '"working_days" must be a whole number above 0')
            if not isinstance(shorter, dict) or any(
                by_key.get(k) is None or by_key[k].type != "yes_no" or not isinstance(v, int)
                for k, v in shorter.items()
            ):
                raise file.fail(
                    f'"{key}"', '"working_days_when" maps yes/no facts to numbers of days'
                )
            counted.append(
                DeadlineDefinition(
                    key=key,
                    label=file.text_of(entry, "label"),
                    start_fact=start,
                    done_fact=done,
                    working_days=days,
                    near_days=near,
                    shorter_when=tuple(shorter.items()),
                )
            )
        deadlines[section] = tuple(counted)
    return {"facts": facts, "deadlines": deadlines}
