"""Sync bundles: the laptop writes them (writing.py), the office checks and
ingests them. Never imports textual."""
