"""The board report's wording, read from resources/documents/board_report.json and checked on
load: a missing key, a line that is not text or a section without tables is named with the file
and its line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..resources import ResourceError, line_of, load_json, resources_dir

COVER_KEYS = ("period", "settings", "all_settings", "organisation", "all_organisations",
              "produced")  # fmt: skip


@dataclass(frozen=True)
class Passage:
    """A heading and its paragraphs ("**bold**" allowed)."""

    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class SectionWording:
    """A section of the report: its heading, its words and the tables it shows, in order."""

    heading: str
    lines: tuple[str, ...]
    tables: tuple[str, ...]


@dataclass(frozen=True)
class BoardWording:
    title: str
    cover: dict[str, str]
    how_to_read: Passage
    stages: Passage
    headlines: Passage
    no_rows: str
    sections: tuple[SectionWording, ...]


def load_board_wording(path: Path | None = None) -> BoardWording:
    """The wording, checked; ResourceError names the file and the line of a problem."""
    path = path or resources_dir() / "documents" / "board_report.json"
    data, text = load_json(path)

    def fail(what: str, near: str) -> ResourceError:
        return ResourceError(f"{path}, line {line_of(text, near)}: {what}")

    def text_at(holder: Any, key: str) -> str:
        value = holder.get(key) if isinstance(holder, dict) else None
        if not isinstance(value, str) or not value.strip():
            raise fail(f'"{key}" must be some words', f'"{key}"')
        return value.strip()

    def lines_at(holder: dict[str, Any], key: str) -> tuple[str, ...]:
        value = holder.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(f'"{key}" must be a list of lines of text', f'"{key}"')
        if any("{" in line or "}" in line for line in value):
            raise fail(f'"{key}" has a {{placeholder}}; this report has none', f'"{key}"')
        return tuple(line.strip() for line in value if line.strip())

    def passage(key: str) -> Passage:
        holder = data.get(key) if isinstance(data, dict) else None
        if not isinstance(holder, dict):
            raise fail(f'"{key}" must have a "heading" and "lines"', f'"{key}"')
        return Passage(text_at(holder, "heading"), lines_at(holder, "lines"))

    if not isinstance(data, dict):
        raise ResourceError(f"{path}, line 1: the wording must be one JSON object")
    cover = data.get("cover")
    sections = data.get("sections")
    if not isinstance(sections, list) or not sections:
        raise fail('"sections" must be a list of sections', '"sections"')
    made = []
    for section in sections:
        if not isinstance(section, dict):
            raise fail("each section must have a heading, lines and tables", '"sections"')
        tables = lines_at(section, "tables")
        if not tables:
            raise fail("a section needs at least one table", text_at(section, "heading"))
        made.append(SectionWording(text_at(section, "heading"), lines_at(section, "lines"), tables))
    return BoardWording(
        title=text_at(data, "title"),
        cover={key: text_at(cover, key) for key in COVER_KEYS},
        how_to_read=passage("how_to_read"),
        stages=passage("stages"),
        headlines=passage("headlines"),
        no_rows=text_at(data, "no_rows"),
        sections=tuple(made),
    )
