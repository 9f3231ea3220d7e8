"""Figures for coordinators and the partnership board, with small counts withheld."""
