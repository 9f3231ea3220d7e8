"""`rdesk scripts`: list the conference scripts (shipped ones and the organisation's own), or
check script files. Needs no case file and no passphrase."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .resources import ResourceError
from .scripts.library import organisation_files, usable_scripts
from .scripts.loading import script_problems_text, shipped_folder
from .scripts.model import Script


def add_scripts_command(commands: Any) -> None:
    """Add `scripts list` and `scripts validate` to the rdesk sub-commands."""
    scripts = commands.add_parser(
        "scripts", help="the conference scripts: list them, or check script files"
    )
    actions = scripts.add_subparsers(dest="scripts_command", metavar="ACTION")
    actions.required = True
    listing = actions.add_parser(
        "list", help="the scripts, shipped and your organisation's own: key, version, title, kind"
    )
    listing.add_argument("--json", action="store_true", help="one JSON object per script")
    validate = actions.add_parser(
        "validate",
        help="check script files (default: every shipped script and your organisation's); "
        "exit 2 naming file and line",
    )
    validate.add_argument(
        "files", nargs="*", type=Path, metavar="FILE", help="script files to check"
    )


def run_scripts(args: argparse.Namespace) -> int:
    """Run `rdesk scripts ...`; returns the exit status."""
    try:
        if args.scripts_command == "list":
            return _list(as_json=args.json)
        return _validate(args.files)
    except OSError as problem:  # the app's own resources folder is missing or unreadable
        print(f"rdesk: {problem}", file=sys.stderr)
        return 2


def _list(*, as_json: bool) -> int:
    try:
        scripts, problems = usable_scripts()
    except ResourceError as problem:
        print(" ".join(str(problem).split()), file=sys.stderr)
        return 2
    for problem_text in problems:  # the organisation's broken files; the rest are listed
        print(problem_text, file=sys.stderr)
    if as_json:
        json.dump([script_json(s) for s in scripts], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 2 if problems else 0
    width = max((len(s.key) for s in scripts), default=0)
    for script in scripts:
        settings = ", ".join(setting.value for setting in script.settings)
        print(
            f"{script.key:<{width}}  v{script.version:<3} {_origin(script):<7}  {script.title}  "
            f"({script.kind.value}; {settings})"
        )
    return 2 if problems else 0


def _origin(script: Script) -> str:
    return "shipped" if script.shipped else "ours"


def script_json(script: Script) -> dict[str, Any]:
    return {
        "key": script.key,
        "version": script.version,
        "title": script.title,
        "kind": script.kind.value,
        "settings": [setting.value for setting in script.settings],
        "summary": script.summary,
        "shipped": script.shipped,
        "source": str(script.source),
    }


def _validate(files: list[Path]) -> int:
    paths = files or [*sorted(shipped_folder().glob("*.json")), *organisation_files()]
    problems = [text for text in map(script_problems_text, paths) if text is not None]
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 2
    print(f"{len(paths)} script(s) are valid.")
    return 0
