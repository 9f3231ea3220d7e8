"""The schema this version of the app expects, readable without importing sqlite-utils."""

from __future__ import annotations

MIGRATION_SET = "restorative_desk"
MIGRATIONS_TABLE = "_sqlite_migrations"

# Every migration in store/schema.py, in order; schema.py checks that the two agree.
SCHEMA_MIGRATIONS = (
    "m001_cases_people_contacts",
    "m002_case_search",
    "m003_search_sort_index",
    "m004_audit_drafts_settings",
    "m005_fold_search_index",
    "m006_preparation",
    "m007_conference_runs",
    "m008_agreements",
    "m009_organisations_pilots",
    "m010_feedback",
    "m011_equality_monitoring",
    "m012_report_indexes",
)
