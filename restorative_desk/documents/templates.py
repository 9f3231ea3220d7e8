"""Document wording read from resources/documents/*.json (data, not code), checked on load.

Each file holds one document: a "default" version and per-setting overrides that replace whole
sections. A section is a list of lines in a small markup that preparation.py lays out:

    "# Title"  "## Heading"  "= detail line"  "- bullet"  "[ ] tick box"  "  [ ] indented tick box"
    "___ Signed | Date" (lines to write on)  "> right-aligned"  "**bold**" inside any line

A line may start with conditions: "{?date}" keeps it only when a date is known, "{!date}" only
when it is not. A line that is only conditions applies them to the rest of its section.

A document family may name its own placeholders and conditions, and directives: lines such as
"@actions What | Who" that its renderer replaces with a block (a table, signature lines), each
directive with a fixed number of "|"-separated labels. They are checked here like the rest.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..records import Setting
from ..resources import resources_dir

# What a template may fill in; preparation.py supplies every one of these.
PLACEHOLDERS = frozenset(
    {
        "called",  # the person's name as they prefer to be called
        "organisation",
        "facilitator",
        "reference",  # the case reference, such as RD-2026-0042
        "venue",
        "date",  # the meeting date, when known
        "today",
        "role",  # this person's role, in the setting's words ("Victim", "Person harmed")
        "person_harmed",  # role words for running text ("the victim", "the person harmed")
        "person_responsible",
        "supporter",
        "contact",  # how to reach the facilitator or organisation
    }
)
# What a line's conditions may test: any placeholder, and whether the person is a child.
CONDITIONS = PLACEHOLDERS | {"child"}

_CONDITION = re.compile(r"\{([?!])([a-z_]+)\}")
_SECTION_KEYS = frozenset({"title", "sections"})


class TemplateError(ValueError):
    """A document template that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class Line:
    """One line of a section, kept only when its conditions hold."""

    text: str
    when_given: frozenset[str] = frozenset()
    when_missing: frozenset[str] = frozenset()

    def applies(self, given: Collection[str]) -> bool:
        """Whether this line belongs in a document where `given` names the values known."""
        return self.when_given.issubset(given) and self.when_missing.isdisjoint(given)


@dataclass(frozen=True)
class Section:
    """A named part of a document, as lines of markup with placeholders still in them."""

    name: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class _Version:
    """The wording for one setting: its title and its sections in order."""

    setting: str
    title: str
    sections: tuple[tuple[str, tuple[Line, ...]], ...]


@dataclass(frozen=True)
class _Part:
    """What one part of the file ("default" or a setting) says."""

    title: str | None
    sections: dict[str, tuple[Line, ...]]


@dataclass(frozen=True)
class DocumentTemplate:
    """One document's wording for every setting, checked and with overrides applied."""

    path: Path
    versions: tuple[_Version, ...]

    def title(self, setting: Setting) -> str:
        """The document's name for file properties and the window (never a person's name)."""
        return self._version(setting).title

    def sections(self, setting: Setting, given: Collection[str]) -> list[Section]:
        """The sections for `setting`, keeping the lines whose conditions `given` meets."""
        kept = []
        for name, lines in self._version(setting).sections:
            chosen = tuple(line.text for line in lines if line.applies(given))
            if chosen:
                kept.append(Section(name, chosen))
        return kept

    def _version(self, setting: Setting) -> _Version:
        return next(v for v in self.versions if v.setting == setting.value)


def template_path(name: str) -> Path:
    """Where the shipped template called `name` lives."""
    return resources_dir() / "documents" / f"{name}.json"


def load_template(
    name: str,
    path: Path | None = None,
    *,
    placeholders: frozenset[str] = PLACEHOLDERS,
    conditions: frozenset[str] | None = None,
    directives: Mapping[str, int] | None = None,
) -> DocumentTemplate:
    """Load and check one document template; errors name the file and the line.

    `placeholders`, `conditions` (the placeholders and "child" unless given) and `directives`
    (name -> how many labels it takes) are what this document's renderer supplies.
    """
    path = path or template_path(name)
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise TemplateError(f"{path}, line {error.lineno}: {error.msg}") from error
    if not isinstance(data, dict) or not isinstance(data.get("default"), dict):
        raise TemplateError(f'{path}, line 1: needs a "default" section with the wording')
    checker = _Checker(
        path,
        text,
        placeholders,
        placeholders | {"child"} if conditions is None else conditions,
        directives,
    )
    settings = {s.value for s in Setting}
    parts: dict[str, _Part] = {}
    for key, part in data.items():
        if key.startswith("_"):
            continue
        line = checker.line_of(f'"{key}"')
        if key != "default" and key not in settings:
            raise checker.error(line, f'unknown setting "{key}"')
        if not isinstance(part, dict):
            raise checker.error(line, f'"{key}" must hold "title" and "sections"')
        parts[key] = checker.part(part, line)
    default = parts["default"]
    if default.title is None or not default.sections:
        raise checker.error(checker.line_of('"default"'), 'default needs "title" and "sections"')
    versions = []
    for setting in Setting:
        override = parts.get(setting.value, _Part(None, {}))
        start = checker.line_of(f'"{setting.value}"')
        sections = dict(default.sections)
        for name, lines in override.sections.items():
            if name not in sections:
                raise checker.error(
                    checker.line_of(f'"{name}"', start),
                    f'"{name}" is not a section of the default wording',
                )
            sections[name] = lines
        title = override.title or default.title
        versions.append(_Version(setting.value, title, tuple(sections.items())))
    return DocumentTemplate(path, tuple(versions))


class _Checker:
    """Checks one parsed template and finds the line to blame."""

    def __init__(
        self,
        path: Path,
        text: str,
        placeholders: frozenset[str],
        conditions: frozenset[str],
        directives: Mapping[str, int] | None,
    ) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.known_placeholders = placeholders
        self.known_conditions = conditions
        self.directives = directives

    def error(self, line: int, message: str) -> TemplateError:
        return TemplateError(f"{self.path}, line {line}: {message}")

    def line_of(self, needle: str, after_line: int = 1) -> int:
        """The first line at or after `after_line` containing `needle` (else `after_line`)."""
        for number, line in enumerate(self.lines, start=1):
            if number >= after_line and needle in line:
                return number
        return after_line

    def part(self, part: dict[str, object], line: int) -> _Part:
        """Check a part of the file: a title and named sections of lines."""
        for field in part:
            if field not in _SECTION_KEYS and not field.startswith("_"):
                raise self.error(self.line_of(f'"{field}"', line), f'unknown entry "{field}"')
        title = part.get("title")
        if "title" in part and (not isinstance(title, str) or not title.strip()):
            raise self.error(self.line_of('"title"', line), '"title" needs some words')
        sections = part.get("sections", {})
        if not isinstance(sections, dict):
            raise self.error(self.line_of('"sections"', line), '"sections" must name sections')
        checked: dict[str, tuple[Line, ...]] = {}
        for name, lines in sections.items():
            if name.startswith("_"):
                continue
            at = self.line_of(f'"{name}"', line)
            if not isinstance(lines, list) or not all(isinstance(t, str) for t in lines):
                raise self.error(at, f'section "{name}" must be a list of lines of text')
            checked[name] = self.section(lines, at)
        return _Part(title if isinstance(title, str) else None, checked)

    def section(self, texts: list[str], at: int) -> tuple[Line, ...]:
        """Split off each line's conditions and check its placeholders."""
        result = []
        carried: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
        for text in texts:
            # JSON may escape characters, so look for a plain stretch of the line.
            at = self.line_of(json.dumps(text, ensure_ascii=False)[1:30], at) if text else at
            given, missing, rest = self.conditions(text, at)
            if not rest.strip() and (given or missing):
                carried = (given, missing)
                continue
            self.placeholders(rest, at)
            self.directive(rest, at)
            result.append(Line(rest, given | carried[0], missing | carried[1]))
        return tuple(result)

    def conditions(self, text: str, at: int) -> tuple[frozenset[str], frozenset[str], str]:
        given: set[str] = set()
        missing: set[str] = set()
        while match := _CONDITION.match(text):
            sign, key = match.groups()
            if key not in self.known_conditions:
                raise self.error(at, f'unknown condition "{{{sign}{key}}}"')
            (given if sign == "?" else missing).add(key)
            text = text[match.end() :]
        return frozenset(given), frozenset(missing), text

    def placeholders(self, text: str, at: int) -> None:
        try:
            fields = [field for _, field, _, _ in string.Formatter().parse(text)]
        except ValueError as error:
            raise self.error(at, f"{error} (write {{{{ or }}}} for a brace)") from error
        for field in fields:
            if field is not None and field not in self.known_placeholders:
                known = ", ".join(f"{{{p}}}" for p in sorted(self.known_placeholders))
                raise self.error(
                    self.line_of(f"{{{field}", at),
                    f'unknown placeholder "{{{field}}}" (known: {known})',
                )

    def directive(self, text: str, at: int) -> None:
        """Check an "@name label | label" line against the directives this document has."""
        if self.directives is None or not text.startswith("@"):
            return
        name, _, rest = text[1:].partition(" ")
        if name not in self.directives:
            known = ", ".join(f"@{d}" for d in sorted(self.directives))
            raise self.error(at, f'unknown directive "@{name}" (known: {known})')
        wanted = self.directives[name]
        found = len(rest.split("|")) if rest.strip() else 0
        if found != wanted:
            labels = f'{wanted} labels separated by "|"' if wanted else "no labels"
            raise self.error(at, f'"@{name}" takes {labels}, not {found}')
