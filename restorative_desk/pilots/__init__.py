"""Whole-school pilots: the organisations taking part and a quick log of their sessions."""
