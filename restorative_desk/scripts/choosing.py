"""Which script to offer first for a case."""

from __future__ import annotations

from collections.abc import Sequence

from ..preparation.records import Decision
from ..records import Setting
from .model import Kind, Script

PREFERRED = {
    Setting.SCHOOL: "full_conference",
    Setting.CARE_HOME: "care_home_conference",
    Setting.YOS: "yos_conference",
    Setting.COMMUNITY: "full_conference",
}


def default_script(
    scripts: Sequence[Script], setting: Setting, decision: Decision | None
) -> Script | None:
    """The script to offer first: the indirect process when the latest risk decision was to
    work indirectly, else the setting's usual conference."""
    offered = [s for s in scripts if s.offered_in(setting)] or list(scripts)
    if decision is Decision.PROCEED_INDIRECT:
        indirect = next((s for s in offered if s.kind is Kind.INDIRECT), None)
        if indirect is not None:
            return indirect
    preferred = next((s for s in offered if s.key == PREFERRED.get(setting)), None)
    conference = next((s for s in offered if s.kind is Kind.CONFERENCE), None)
    return preferred or conference or (offered[0] if offered else None)
