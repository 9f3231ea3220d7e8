"""An organisation's own wording: copies of shipped scripts kept in the organisation's scripts
folder, adjusted in the app. Shipped files are never written.

Scripts hold wording only, never anything about a case or a person, so plain JSON files in the
user's data folder are fine (the case file is the only place case data lives, encrypted).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .loading import (
    ScriptError,
    all_scripts,
    load_script,
    script_problems_text,
    shipped_folder,
    shipped_scripts,
)
from .model import Script

SCRIPTS_ENV = "RESTORATIVE_DESK_SCRIPTS"
EARLIER = "earlier"  # sub-folder for replaced versions and removed copies; never loaded

StepWording = Mapping[tuple[str, str], tuple[str, str]]  # (phase, step) -> (say, guidance)


class WordingRefused(ValueError):
    """A change that would make the script unusable; nothing was written.

    `str()` is the loader's message without the file and line (the facilitator edits words,
    not the file); `place` is the (phase key, step key) it is about, when it is about a step.
    """

    def __init__(self, message: str, place: tuple[str, str] | None = None) -> None:
        super().__init__(message)
        self.place = place


def organisation_folder() -> Path:
    """The organisation's scripts folder: $RESTORATIVE_DESK_SCRIPTS, else `scripts` in the
    user's data folder. Not created here: only writing creates it."""
    chosen = os.environ.get(SCRIPTS_ENV)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_data_path  # imported only when the default place is used

    return user_data_path("RestorativeDesk", appauthor=False) / "scripts"


def organisation_files() -> list[Path]:
    """The script files in the organisation's folder, by name (none if it is not there)."""
    folder = organisation_folder()
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def available_scripts() -> list[Script]:
    """The scripts to choose from (shipped ones and the organisation's); raises ScriptError
    when one of the organisation's files is broken."""
    return all_scripts(organisation_folder())


def find_available(key: str) -> Script | None:
    """The available script with `key`, if any."""
    return next((script for script in available_scripts() if script.key == key), None)


def usable_scripts() -> tuple[list[Script], list[str]]:
    """Every script that loads, and a one-line problem for each organisation file that does
    not: a broken file never hides the others."""
    chosen = {script.key: script for script in shipped_scripts()}
    problems: list[str] = []
    for path in organisation_files():
        try:
            script = load_script(path)
        except (ScriptError, OSError):
            problems.append(script_problems_text(path) or f"{path}: cannot be read")
            continue
        chosen[script.key] = script
    ordered = sorted(chosen.values(), key=lambda s: (s.title.casefold(), s.key))
    return ordered, problems


def copy_for_organisation(script: Script) -> Script:
    """Copy a shipped script into the organisation's folder as version 1 of its own, under a
    new key ("<key>_ours", "<key>_ours_2", ...), and return the copy as loaded."""
    if not script.shipped:
        raise ValueError(f"{script.title} is already your organisation's own: adjust it instead")
    folder = organisation_folder()
    # A removed copy's key stays taken, so a conference record's key and version never point
    # at different words.
    earlier = folder / EARLIER
    kept = [p.name.split(".")[0] for p in earlier.glob("*.json")] if earlier.is_dir() else []
    taken = {s.key for s in shipped_scripts()} | {p.stem for p in organisation_files()}
    taken.update(kept)
    number = 1
    key = f"{script.key}_ours"
    while key in taken:
        number += 1
        key = f"{script.key}_ours_{number}"
    ours = "our wording" if number == 1 else f"our wording {number}"
    title = f"{script.title} ({ours})"
    original = _read(script.source)
    data: dict[str, Any] = {name: value for name, value in original.items() if name == "_about"}
    data["_copied_from"] = f"{script.key}, version {script.version}"
    data.update((n, v) for n, v in original.items() if n not in ("_about", "_copied_from"))
    data.update(key=key, version=1, title=title)
    target = _inside_folder(folder / f"{key}.json")
    folder.mkdir(parents=True, exist_ok=True)
    return _write_checked(data, target)


def save_wording(
    script: Script, *, title: str, summary: str, steps: StepWording
) -> Script:
    """Save new wording for an organisation's script as its next version, and return it.

    Only words change (title, summary, and each listed step's words to say and guidance):
    keys, audiences, captures and the order stay, so turn keys and notes saved against them
    stay valid. The file is checked by the loader before it replaces the old one; a change it
    refuses raises WordingRefused and leaves the file as it was. Nothing changed, nothing saved.
    """
    target = _ours(script)
    data = _read(target)
    if data.get("version") != script.version:
        raise WordingRefused(
            f"{script.title} was changed elsewhere since it was opened (it is now version "
            f"{data.get('version')}). Close this window and open the script again."
        )
    places = {(phase.key, step.key) for phase, step in script.steps}
    unknown = sorted(set(steps) - places)
    if unknown:
        raise ValueError(f"{script.key} has no step {unknown[0][0]}.{unknown[0][1]}")
    before = json.dumps(data, sort_keys=True)
    _set_words(data, "title", title)
    _set_words(data, "summary", summary)
    for phase_key, raw_step in _raw_steps(data):
        wording = steps.get((phase_key, str(raw_step.get("key"))))
        if wording is not None:
            _set_words(raw_step, "say", wording[0])
            _set_words(raw_step, "guidance", wording[1])
    if json.dumps(data, sort_keys=True) == before:
        return script
    data["version"] = script.version + 1
    return _write_checked(data, target, keep_earlier=True)


def remove_organisation_script(script: Script) -> Path:
    """Take an organisation's script out of the library; returns where the file now is.

    The file moves to the `earlier` folder beside the scripts (never loaded), so someone who
    looks after the scripts can put it back by hand."""
    source = _ours(script)
    earlier = source.parent / EARLIER
    earlier.mkdir(exist_ok=True)
    kept = _free_path(earlier, f"{script.key}.v{script.version}")
    os.replace(source, kept)
    return kept


# --- files -------------------------------------------------------------------------------


def _ours(script: Script) -> Path:
    """The file of an organisation's script, checked to be in the organisation's folder."""
    if script.shipped:
        raise ValueError(f"{script.title} comes with the app and is never changed: copy it first")
    return _inside_folder(script.source)


def _inside_folder(path: Path) -> Path:
    """`path`, refused unless it is directly in the organisation's folder, which must not be
    the shipped scripts' folder (a mistaken RESTORATIVE_DESK_SCRIPTS)."""
    folder = organisation_folder().resolve()
    if folder == shipped_folder().resolve():
        raise ValueError(f"{SCRIPTS_ENV} points at the app's own scripts, which are never written")
    if path.resolve().parent != folder:
        raise ValueError(f"{path} is not in your organisation's scripts folder ({folder})")
    return path


def _read(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ScriptError(f"{path}, line 1: a script must be one JSON object")
    return data


def _raw_steps(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for phase in data.get("phases", []):
        for step in phase.get("steps", []):
            yield str(phase.get("key")), step


def _set_words(entry: dict[str, Any], name: str, text: str) -> None:
    """Set a text field, keeping its place in the file; an empty one is not added."""
    words = text.strip()
    if words or name in entry:
        entry[name] = words


def _write_checked(data: dict[str, Any], target: Path, *, keep_earlier: bool = False) -> Script:
    """Write `data` as `target`, only if the loader accepts it; the old file is replaced in
    one step (and with `keep_earlier`, kept in the `earlier` folder first)."""
    text = _readable_json(data)
    staging = Path(tempfile.mkdtemp(prefix=".saving-", dir=target.parent))
    try:
        # Same file name (the loader checks it against the key), same disk (os.replace is atomic).
        staged = staging / target.name
        with staged.open("w", encoding="utf-8", newline="\n") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        try:
            load_script(staged)
        except ScriptError as problem:
            raise _refusal(str(problem), staged, text, data) from None
        if keep_earlier and target.exists():
            earlier = target.parent / EARLIER
            earlier.mkdir(exist_ok=True)
            shutil.copy2(target, _free_path(earlier, f"{target.stem}.v{_version_of(target)}"))
        os.replace(staged, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return load_script(target)


def _readable_json(data: dict[str, Any]) -> str:
    text = json.dumps(data, indent=2, ensure_ascii=False)
    # Short lists of plain values (the settings) on one line, as in the shipped files. JSON
    # strings never hold a raw line break, so this cannot match inside someone's words.
    return re.sub(
        r'\[\n\s+((?:"[a-z_]+",\n\s+)*"[a-z_]+")\n\s*\]',
        lambda match: "[" + ", ".join(re.split(r",\n\s+", match.group(1))) + "]",
        text,
    ) + "\n"


def _version_of(path: Path) -> object:
    try:
        return _read(path).get("version")
    except (OSError, ValueError):
        return "unknown"


def _free_path(folder: Path, stem: str) -> Path:
    """`folder/stem.json`, or `stem-2.json`, ... when that is taken."""
    path, number = folder / f"{stem}.json", 1
    while path.exists():
        number += 1
        path = folder / f"{stem}-{number}.json"
    return path


def _refusal(message: str, staged: Path, text: str, data: dict[str, Any]) -> WordingRefused:
    """The loader's message without the staging file's name and line, and the step it is
    about (found from the line)."""
    match = re.match(rf"{re.escape(str(staged))}, line (\d+): (.*)", message, re.DOTALL)
    if match is None:
        return WordingRefused(message)
    line, words = int(match.group(1)), match.group(2)
    return WordingRefused(words[:1].upper() + words[1:], _step_at(text, data, line))


def _step_at(text: str, data: dict[str, Any], line: int) -> tuple[str, str] | None:
    """The (phase, step) whose part of the file holds `line` (None before the first step)."""
    lines = text.splitlines()
    cursor, found = 0, None

    def key_line(key: object, after: int) -> int:
        needle = f'"key": {json.dumps(key, ensure_ascii=False)}'
        for number in range(after + 1, len(lines) + 1):
            if needle in lines[number - 1]:
                return number
        return len(lines) + 1

    for phase in data.get("phases", []):
        cursor = key_line(phase.get("key"), cursor)
        for step in phase.get("steps", []):
            cursor = key_line(step.get("key"), cursor)
            if cursor > line:
                return found
            found = (str(phase.get("key")), str(step.get("key")))
    return found
