"""Checklist editing at the office: drafts and published versions, what
changed between two versions, and the XLSForm spreadsheet round trip.

Headless: nothing here imports textual (tests/unit/test_boundaries.py)."""
