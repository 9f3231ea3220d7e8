"""Printed documents: each module renders data to PDF bytes (reportlab, embedded fonts)."""
