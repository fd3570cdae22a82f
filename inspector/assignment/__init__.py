"""Reading and checking assignment files (任务包)."""

from .reader import AssignmentFileError, read_assignment

__all__ = ["AssignmentFileError", "read_assignment"]
