"""The vocabularies on the laptop: those its assignments carried.

A form offers the vocabulary of the assignment its project came with (the
newest one loaded that holds the project and is not superseded); a name is
looked up in every version any assignment brought, so a record made under
an older one still shows its words."""

from __future__ import annotations

from sqlite_utils import Database

from inspector.models.vocabulary import Vocabulary
from inspector.vocabularies import built_in


def in_force(db: Database, kind: str, project_code: str | None = None) -> Vocabulary:
    """The vocabulary a new record of `project_code` may use (any project's
    newest assignment when none is given); the built-in one when the
    assignment carried none of this kind."""
    sql = ("SELECT v.data FROM assignment_vocabularies v JOIN assignments a ON a.id = v.assignment_id "
           "WHERE v.kind = ? AND a.superseded_by IS NULL")
    params: list = [kind]
    if project_code is not None:
        sql += " AND a.id IN (SELECT assignment_id FROM assignment_projects WHERE project_code = ?)"
        params.append(project_code)
    row = getattr(db, "conn", db).execute(sql + " ORDER BY a.issued_at DESC LIMIT 1", params).fetchone()
    return Vocabulary.model_validate_json(row[0]) if row else built_in(kind)


def every_version(db: Database, kind: str) -> list[Vocabulary]:
    """Every version of a kind any assignment brought, oldest first, after
    the built-in one: what names an old record's code."""
    rows = getattr(db, "conn", db).execute(
        "SELECT v.data FROM assignment_vocabularies v JOIN assignments a ON a.id = v.assignment_id "
        "WHERE v.kind = ? ORDER BY v.version, a.issued_at", (kind,)).fetchall()
    return [built_in(kind), *(Vocabulary.model_validate_json(data) for (data,) in rows)]
