"""Sync bundles: the zip an inspector's laptop writes (`writing`) and the
office ingests.

`archive` checks a zip we did not write before anything in it is read;
`reading` checks the signature, the manifest, every member's hash and every
record, and hands back what can then be trusted. Names inside an archive are
matched against a fixed list and never used as paths. Never imports textual.
"""

from .errors import BundleError

__all__ = ["BundleError"]
