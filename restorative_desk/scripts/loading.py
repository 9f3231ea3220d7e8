"""Loading conference scripts from resources/scripts (shipped) and from an organisation's own
folder (its adjusted copies). Every file is checked on load; errors name the file and the line."""

from __future__ import annotations

import enum
import functools
import json
import re
import string
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from ..records import Setting
from ..resources import ResourceError, load_json, resources_dir
from .model import Audience, Capture, Kind, Phase, Script, Step

KEY_PATTERN = re.compile(r"[a-z0-9_]+")
PLACEHOLDERS = ("name", "facilitator", "harmed", "responsible", "organisation")

_SCRIPT_FIELDS = ("key", "version", "title", "kind", "settings", "summary", "phases")
_PHASE_FIELDS = ("key", "title", "steps")
_STEP_FIELDS = ("key", "say", "to", "guidance", "capture", "if_represented")

E = TypeVar("E", bound=enum.Enum)


class ScriptError(ResourceError):
    """A script file that cannot be used: "FILE, line N: message"."""


def shipped_folder() -> Path:
    return resources_dir() / "scripts"


@functools.cache
def _shipped() -> tuple[Script, ...]:
    return tuple(_by_title(load_script(p, shipped=True) for p in shipped_folder().glob("*.json")))


def shipped_scripts() -> list[Script]:
    """The scripts that come with the app, by title (loaded once)."""
    return list(_shipped())


def organisation_scripts(folder: Path) -> list[Script]:
    """An organisation's own scripts and adjusted copies in `folder`, by title (none if the
    folder is not there yet)."""
    if not folder.is_dir():
        return []
    return _by_title(load_script(p) for p in folder.glob("*.json"))


def all_scripts(folder: Path | None = None) -> list[Script]:
    """The scripts to choose from: shipped ones, each replaced by the organisation's copy with
    the same key, plus the organisation's own; by title."""
    chosen = {script.key: script for script in shipped_scripts()}
    if folder is not None:
        chosen.update((script.key, script) for script in organisation_scripts(folder))
    return _by_title(chosen.values())


def find_script(key: str, folder: Path | None = None) -> Script | None:
    """The script with `key` that `all_scripts(folder)` offers, if any."""
    return next((script for script in all_scripts(folder) if script.key == key), None)


def script_problems_text(path: Path) -> str | None:
    """Why `path` is not a usable script, in one line, or None when it is."""
    try:
        load_script(path)
    except ScriptError as problem:
        return " ".join(str(problem).split())
    except OSError as problem:
        return f"{path}: cannot be read ({problem.strerror or problem})"
    return None


def _by_title(scripts: Iterable[Script]) -> list[Script]:
    return sorted(scripts, key=lambda script: (script.title.casefold(), script.key))


def load_script(path: Path, *, shipped: bool = False) -> Script:
    """Load and check one script file."""
    try:
        data, text = load_json(path, ScriptError)
    except UnicodeDecodeError as problem:
        line = path.read_bytes()[: problem.start].count(b"\n") + 1
        raise ScriptError(f"{path}, line {line}: the file is not UTF-8 text") from problem
    return _Reader(path, text).script(data, shipped=shipped)


class _Reader:
    """One script file being checked, with the lines to blame in messages."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def fail(self, line: int, message: str) -> ScriptError:
        return ScriptError(f"{self.path}, line {line}: {message}")

    def find(self, pattern: str, after: int) -> int:
        """The first line at or after `after` matching the regular expression (else `after`)."""
        compiled = re.compile(pattern)
        for number in range(max(after, 1), len(self.lines) + 1):
            if compiled.search(self.lines[number - 1]):
                return number
        return after

    def field_line(self, name: str, after: int) -> int:
        return self.find(rf'"{re.escape(name)}"\s*:', after)

    def key_line(self, value: str, after: int) -> int:
        quoted = re.escape(json.dumps(value, ensure_ascii=False))
        return self.find(rf'"key"\s*:\s*{quoted}', after)

    # --- the parts of a file -------------------------------------------------------------

    def script(self, data: object, *, shipped: bool) -> Script:
        if not isinstance(data, dict):
            raise self.fail(1, "a script must be one JSON object")
        self.known_fields(data, _SCRIPT_FIELDS, 1, "the script")
        key = self.key(data, 1, "the script")
        if key != self.path.stem:
            raise self.fail(
                self.key_line(key, 1),
                f'the key "{key}" does not match the file name {self.path.name} '
                f"(name the file {key}.json, or change the key)",
            )
        version = data.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise self.fail(
                self.field_line("version", 1), '"version" must be a whole number, 1 or more'
            )
        settings = data.get("settings")
        settings_line = self.field_line("settings", 1)
        if not isinstance(settings, list) or not settings:
            raise self.fail(settings_line, '"settings" must list where the script is offered')
        offered = tuple(self.choice(Setting, s, "setting", settings_line) for s in settings)
        if len(set(offered)) != len(offered):
            raise self.fail(settings_line, "a setting is listed twice")
        phases_line = self.field_line("phases", 1)
        raw_phases = data.get("phases")
        if not isinstance(raw_phases, list) or not raw_phases:
            raise self.fail(phases_line, '"phases" must be a list with at least one phase')
        return Script(
            key=key,
            version=version,
            title=self.words(data, "title", 1, "the script"),
            kind=self.choice(Kind, data.get("kind"), "kind", self.field_line("kind", 1)),
            settings=offered,
            summary=self.words(data, "summary", 1, "the script"),
            phases=self.phases(raw_phases, phases_line),
            source=self.path,
            shipped=shipped,
        )

    def phases(self, raw_phases: list[Any], cursor: int) -> tuple[Phase, ...]:
        phases: list[Phase] = []
        for raw in raw_phases:
            if not isinstance(raw, dict):
                raise self.fail(cursor, "each phase must be an object")
            key = self.key(raw, cursor, "a phase")
            line = self.key_line(key, cursor + 1)
            if any(phase.key == key for phase in phases):
                raise self.fail(line, f'the phase key "{key}" is used twice')
            self.known_fields(raw, _PHASE_FIELDS, line, f'phase "{key}"')
            title = self.words(raw, "title", line, f'phase "{key}"')
            raw_steps = raw.get("steps")
            if not isinstance(raw_steps, list) or not raw_steps:
                raise self.fail(line, f'phase "{key}" has no steps')
            steps: list[Step] = []
            cursor = line
            for raw_step in raw_steps:
                step, cursor = self.step(raw_step, cursor, key)
                if any(s.key == step.key for s in steps):
                    raise self.fail(cursor, f'the step key "{step.key}" is used twice in "{key}"')
                steps.append(step)
            phases.append(Phase(key=key, title=title, steps=tuple(steps)))
        return tuple(phases)

    def step(self, raw: object, cursor: int, phase: str) -> tuple[Step, int]:
        if not isinstance(raw, dict):
            raise self.fail(cursor, f'each step of phase "{phase}" must be an object')
        key = self.key(raw, cursor, f'a step of phase "{phase}"')
        line = self.key_line(key, cursor + 1)
        what = f'step "{key}"'
        self.known_fields(raw, _STEP_FIELDS, line, what)
        if "to" not in raw:
            raise self.fail(line, f'{what} needs "to" (who the words are for)')
        to = self.choice(Audience, raw["to"], '"to" value', self.field_line("to", line))
        capture = self.choice(
            Capture, raw.get("capture", "none"), "capture", self.field_line("capture", line)
        )
        say = self.words(raw, "say", line, what, required=to is not Audience.FACILITATOR)
        guidance = self.words(raw, "guidance", line, what, required=False)
        if_represented = self.words(raw, "if_represented", line, what, required=False)
        if to is Audience.FACILITATOR:
            if say:
                raise self.fail(
                    self.field_line("say", line),
                    f'{what} is for the facilitator, with nothing to say: put the note in '
                    '"guidance"',
                )
            if not guidance:
                raise self.fail(line, f'{what} is for the facilitator and needs "guidance"')
        if not to.addresses_people:
            if if_represented:
                raise self.fail(
                    self.field_line("if_represented", line),
                    f'{what}: "if_represented" needs a step addressed to people, not "{to.value}"',
                )
            if capture is Capture.WORDS:
                raise self.fail(
                    self.field_line("capture", line),
                    f'{what}: "words" are kept per person, so "to" must address people, '
                    f'not "{to.value}" (use "note")',
                )
        texts = {"say": say, "guidance": guidance, "if_represented": if_represented}
        for name, text in texts.items():
            self.placeholders(text, name, line, what, allow_name=to.addresses_people)
        step = Step(key, say, to, guidance, capture, if_represented)
        return step, line

    # --- fields --------------------------------------------------------------------------

    def known_fields(
        self, entry: dict[str, Any], known: tuple[str, ...], line: int, what: str
    ) -> None:
        for name in entry:
            if not name.startswith("_") and name not in known:
                raise self.fail(
                    self.field_line(name, line),
                    f'{what} has an unknown field "{name}" (expected {", ".join(known)})',
                )

    def key(self, entry: dict[str, Any], line: int, what: str) -> str:
        key = entry.get("key")
        if not isinstance(key, str) or not key:
            raise self.fail(line, f'{what} needs a "key"')
        if not KEY_PATTERN.fullmatch(key):
            raise self.fail(
                self.key_line(key, line),
                f'the key "{key}" may use only small letters a-z, digits and _',
            )
        return key

    def words(
        self, entry: dict[str, Any], name: str, line: int, what: str, *, required: bool = True
    ) -> str:
        value = entry.get(name, "")
        if not isinstance(value, str):
            raise self.fail(self.field_line(name, line), f'"{name}" of {what} must be text')
        if required and not value.strip():
            raise self.fail(
                self.field_line(name, line) if name in entry else line,
                f'{what} needs a "{name}" (some words)',
            )
        return value.strip()

    def choice(self, kind: type[E], value: object, noun: str, line: int) -> E:
        try:
            return kind(value)
        except ValueError:
            choices = ", ".join(str(member.value) for member in kind)
            shown = json.dumps(value, ensure_ascii=False)
            raise self.fail(line, f"unknown {noun} {shown} (choose from {choices})") from None

    def placeholders(
        self, text: str, field: str, line: int, what: str, *, allow_name: bool
    ) -> None:
        """Only the known placeholders, and `{name}` only where the step addresses people."""
        try:
            parsed = list(string.Formatter().parse(text))
        except ValueError:
            raise self.fail(
                self.field_line(field, line),
                f'"{field}" of {what} has a lone {{ or }} (write {{{{ or }}}} for a brace itself)',
            ) from None
        for _, name, spec, conversion in parsed:
            if name is None:
                continue
            at = self.find(re.escape("{" + name), line)
            if name not in PLACEHOLDERS or spec or conversion:
                known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
                raise self.fail(
                    at, f'unknown placeholder {{{name}}} in "{field}" of {what} (use {known})'
                )
            if name == "name" and not allow_name:
                raise self.fail(
                    at,
                    f'{{name}} in "{field}" of {what} needs a step addressed to people '
                    '(not "everyone" or "facilitator")',
                )
