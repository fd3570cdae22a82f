"""The local database. Everything else reads and writes through these functions.

Importing this package stays light (no sqlite-utils): writers import
`inspector.store.db.open_db` and the modules that write."""

from .connection import connect, open_reader
from .errors import StoreError
from .projects import (
    ProjectRow,
    count_projects,
    current_assignments,
    get_project,
    list_project_rows,
    problems_to_recheck,
    read_project_list,
    visits_of,
)


def open_db(path, *, migrate: bool = True):
    """Open the database for writing (sqlite-utils, migrated). See store.db."""
    from .db import open_db as _open_db

    return _open_db(path, migrate=migrate)


__all__ = [
    "ProjectRow", "StoreError", "connect", "count_projects", "current_assignments", "get_project",
    "list_project_rows", "open_db", "open_reader", "problems_to_recheck", "read_project_list", "visits_of",
]
