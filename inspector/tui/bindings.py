"""Key descriptions are written as i18n keys ("key.open") and turned into the
user's language when a screen mounts, so the footer speaks the same language
as everything else."""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from inspector.i18n import t


def localize_bindings(node: DOMNode, lang: str) -> None:
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            replace(b, description=t(b.description, lang)) if b.description.startswith("key.") else b
            for b in bindings
        ]
