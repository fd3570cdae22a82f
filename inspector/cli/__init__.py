"""Command line: thin wrappers over the core. Heavy imports wait for the command
that needs them. Each module adds its commands to the one group."""

from __future__ import annotations

import os
import sys

import click

from . import backup, checklists, keys, laptop, ledger, office, office_demo, planning, report, review, staff, status, vocabularies  # noqa: F401 - each registers its commands
from .base import EXIT_BAD_INPUT, FIXTURES, UserError, cli

__all__ = ["EXIT_BAD_INPUT", "FIXTURES", "UserError", "cli", "main"]


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="inspector", standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except Exception as exc:  # last line of defence: no traceback reaches a user
        if os.environ.get("INSPECTOR_DEBUG"):
            raise
        from inspector.i18n import t

        from .words import language_of

        lang = language_of(sys.argv[1:] if argv is None else list(argv))
        click.echo(t("cli.words.internal_error", lang, kind=type(exc).__name__), err=True)
        raise SystemExit(1) from None


if __name__ == "__main__":
    main(sys.argv[1:])
