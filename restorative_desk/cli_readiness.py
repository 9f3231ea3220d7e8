"""`rdesk readiness`: a case's readiness for its conference, as lines to read or as JSON."""

from __future__ import annotations

from typing import Any

from .formatting import format_date
from .preparation.records import ReadinessOverride
from .records import Case
from .store.preparation import Readiness


def readiness_lines(case: Case, readiness: Readiness) -> list[str]:
    """The case, then what blocks it (each marked ✗), any override, and the reminders."""
    lines = [f"{case.reference}  {case.status.label}"]
    covered = {b.code for b in readiness.blockers} - {b.code for b in readiness.uncovered}
    if readiness.ready:
        lines.append("Ready for the conference.")
    else:
        count = len(readiness.blockers)
        lines.append(f"Not ready: {count} {'thing' if count == 1 else 'things'} to put right:")
        lines += [
            f"  ✗ {b.message}" + (" (covered by the override)" if b.code in covered else "")
            for b in readiness.blockers
        ]
    override = readiness.override
    if override is not None:
        lines += _override_lines(override, still_needed=not readiness.ready)
    if readiness.reminders:
        lines.append("Reminders:")
        lines += [f"  • {reminder.message}" for reminder in readiness.reminders]
    return lines


def _override_lines(override: ReadinessOverride, *, still_needed: bool) -> list[str]:
    at = override.recorded_at
    on = f" on {format_date(at.astimezone().date())}" if at else ""
    who = f"by {override.overridden_by}{on}: {override.reason}"
    if not still_needed:  # everything has been put right since; the override is history
        return [f"An override was logged {who}"]
    lines = [f"Going ahead on an override {who}"]
    if override.blocker_messages:
        lines.append("  It covered:")
        lines += [f"    • {message}" for message in override.blocker_messages]
    return lines


def readiness_json(case: Case, readiness: Readiness) -> dict[str, Any]:
    """One JSON object: no names other than the called names already in the messages."""
    override = readiness.override
    return {
        "reference": case.reference,
        "status": case.status.value,
        "ready": readiness.ready,
        "cleared": readiness.cleared,
        "blockers": [
            {
                "code": b.code,
                "area": b.area.value,
                "message": b.message,
                "person_id": b.person_id or None,
            }
            for b in readiness.blockers
        ],
        "override": None
        if override is None
        else {
            "overridden_by": override.overridden_by,
            "reason": override.reason,
            "recorded_at": override.recorded_at.isoformat() if override.recorded_at else None,
            "blockers": list(override.blockers),
            "blocker_messages": list(override.blocker_messages),
        },
        "reminders": [{"message": r.message, "area": r.area} for r in readiness.reminders],
    }
