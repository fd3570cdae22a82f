"""Reading and checking assignment files (任务包)."""

from .reader import AssignmentFileError, SignedAssignment, read_assignment, read_signed_assignment

__all__ = ["AssignmentFileError", "SignedAssignment", "read_assignment", "read_signed_assignment"]
