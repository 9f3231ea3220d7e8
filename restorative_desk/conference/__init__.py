"""Running a conference in the room: attendance, notes per turn, breaks, safety pauses, the
actions proposed for the agreement, the ending and the facilitator's private debrief."""
