"""Role wording per setting, read from resources/wording/roles.json (data, not code)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .records import Role, Setting
from .resources import line_of, resources_dir


class WordingError(ValueError):
    """A wording file that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class RoleWording:
    """The label for every role in every setting."""

    labels: dict[str, dict[str, str]]

    def role_label(self, role: Role, setting: Setting | None = None) -> str:
        """How `role` is called in `setting` (the default wording when not given)."""
        if setting is not None:
            label = self.labels.get(setting.value, {}).get(role.value)
            if label:
                return label
        return self.labels["default"][role.value]


def load_role_wording(path: Path | None = None) -> RoleWording:
    """Load and check the role wording; errors name the file and the line."""
    path = path or resources_dir() / "wording" / "roles.json"
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise WordingError(f"{path}, line {error.lineno}: {error.msg}") from error
    if not isinstance(data, dict) or not isinstance(data.get("default"), dict):
        raise WordingError(f'{path}, line 1: needs a "default" section naming every role')
    roles = {r.value for r in Role}
    settings = {s.value for s in Setting} | {"default"}
    labels: dict[str, dict[str, str]] = {}
    for section, entries in data.items():
        if section.startswith("_"):
            continue
        line = line_of(text, f'"{section}"')
        if section not in settings:
            raise WordingError(f'{path}, line {line}: unknown setting "{section}"')
        if not isinstance(entries, dict):
            raise WordingError(f'{path}, line {line}: "{section}" must map roles to words')
        for role, label in entries.items():
            if role not in roles:
                raise WordingError(
                    f'{path}, line {line_of(text, role, line)}: unknown role "{role}"'
                )
            if not isinstance(label, str) or not label.strip():
                raise WordingError(
                    f'{path}, line {line_of(text, role, line)}: "{role}" needs some words'
                )
        labels[section] = dict(entries)
    missing = roles - labels["default"].keys()
    if missing:
        line = line_of(text, '"default"')
        raise WordingError(
            f"{path}, line {line}: default wording lacks {', '.join(sorted(missing))}"
        )
    return RoleWording(labels)
