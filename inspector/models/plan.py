"""One row of a round plan file (office round plan -> edited by the office ->
office assign --plan): which inspector visits which project in a round.

The file is a CSV (Chinese headers by default, English accepted); this model
is what one row means once read, and gives the file its schema."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from .base import Model
from .project import Code

Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]


class PlanRow(Model):
    round: Code = Field(description="Round id (轮次), the same on every row")
    inspector: Code = Field(description="Enrolled inspector's id (督导员)")
    project: Code = Field(description="Project code (项目编号); each project at most once in a plan")
    project_name: Note = Field(default="", description="Project name (项目名称), for people; not read")
    city: Note = Field(default="", description="The project's city (城市), for people; not read")
    reason: Note = Field(default="", description="Why the project is in the round (理由), for people")
    note: Note = Field(default="", description="The office's own note (备注)")
