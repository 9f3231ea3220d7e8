"""Outcome agreements: what was agreed, by whom and by when, its versions, reviews and outcome."""
