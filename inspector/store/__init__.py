"""The local database. Everything else reads and writes through these functions."""

from .db import open_db
from .errors import StoreError
from .projects import ProjectRow, count_projects, get_project, list_project_rows, problems_to_recheck, visits_of

__all__ = [
    "ProjectRow", "StoreError", "count_projects", "get_project", "list_project_rows",
    "open_db", "problems_to_recheck", "visits_of",
]
