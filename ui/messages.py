"""Sentences the interface shows in more than one place (kept here so they read the same)."""

NO_CASE_CHOSEN = "Choose a case from the list, or start a new one (Ctrl+N)"
