"""Feedback from three perspectives: participants, staff and partner agencies."""
