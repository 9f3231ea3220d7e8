"""Preparing a conference: consent, risk and safety, trauma-informed preparation, bias checks,
readiness and the conference plan (Qt-free records and rules)."""
