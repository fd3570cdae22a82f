"""What a bundle says about records, checked against what the office holds
before anything of it is merged. A signed bundle proves who sent it, not
that what it says is theirs to say:

* every project it speaks of was assigned to its inspector (a withdrawn
  assignment included: see assigning.reported_projects);
* a record keeps its project (a record never moves), a problem keeps its
  visit; visits, answers, innovations, follow-ups and photos are made by one
  inspector on one laptop, so only the author of a record's first revision
  revises it. A problem may be revised by whoever re-checks it (a verdict on
  an earlier round's problem), on its own project;
* a visit a record names was recorded by the sender, on the record's
  project; a follow-up judges a problem of its visit's project; a photo is
  attached to a record of its own visit, exactly as the laptop allows
  (inspection/photos.py): an answer, innovation or follow-up made on that
  visit, or a problem raised on it;
* a photo record's file is in the bundle or at the office already;
* a reply answers a record of the sender's, on its project, that the office
  sent back (review_events), naming a revision the office holds.

"The office holds" means its first revision in `records`, else in
`conflicts`; a record not at the office is known by its first revision in
the bundle.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from inspector.bundle import BundleError
from inspector.bundle.reading import RecordLine, VerifiedBundle

from .assigning import reported_projects


@dataclass(frozen=True)
class Known:
    """A record as first written: by whom, on which project, on which visit
    (a visit's own id for a visit; None for a problem made at the office)."""

    author: str
    project: str | None
    visit_id: str | None


def check_claims(conn: sqlite3.Connection, bundle: VerifiedBundle) -> dict[int, str]:
    """Raise BundleError naming the first line that claims what is not the
    sender's; otherwise return the project of every line (by id(line))."""
    return _Claims(conn, bundle).check()


class _Claims:
    def __init__(self, conn: sqlite3.Connection, bundle: VerifiedBundle) -> None:
        self.conn = conn
        self.bundle = bundle
        self.sender = bundle.manifest.inspector.id
        self.assigned = reported_projects(conn, self.sender)
        self.first_lines: dict[tuple[str, str], RecordLine] = {}
        for line in bundle.records:  # each kind sorted by (id, rev): the first seen is the first revision
            self.first_lines.setdefault((line.kind, str(line.record.id)), line)
        self._at_office: dict[tuple[str, str], Known | None] = {}

    def check(self) -> dict[int, str]:
        return {id(line): self._check(line) for line in self.bundle.records}

    def _check(self, line: RecordLine) -> str:
        record, kind = line.record, line.kind
        project, field = self._project(line)
        if project not in self.assigned:
            raise self._refuse(line, field, "not_assigned", project=project, inspector=self.sender)
        first = self.known(kind, str(record.id))  # this very line, if nothing earlier
        at_office = self.at_office(kind, str(record.id)) is not None
        source = "held" if at_office else "first"
        if first.project != project:
            raise self._refuse(line, field, f"moved_project_{source}", project=first.project)
        if kind != "problem" and first.author != self.sender:
            raise self._refuse(line, "author", "not_its_author", record_kind=kind, author=first.author)
        if kind == "problem" and first.visit_id != _text(record.visit_id):
            raise self._refuse(line, "visit_id", f"moved_visit_{source}", visit=first.visit_id)
        # A problem the office holds keeps the visit it was raised on, checked
        # when it first came; a verdict on it comes from someone else's visit.
        if kind != "visit" and getattr(record, "visit_id", None) is not None and not (
                kind == "problem" and at_office):
            self._check_visit(line, project)
        if kind == "reply":
            self._check_reply(line, project)
        if kind == "follow_up":
            self._check_judged(line, project)
        if kind == "photo":
            self._check_attached(line)
            self._check_file(line)
        return project

    # -- what a line names ----------------------------------------------------------

    def _project(self, line: RecordLine) -> tuple[str, str]:
        """The line's project, and the field that says it."""
        code = getattr(line.record, "project_code", None)
        if code is not None:
            return code, "project_code"
        visit = self._visit(line)
        return visit.project, "visit_id"

    def _visit(self, line: RecordLine) -> Known:
        visit_id = str(line.record.visit_id)
        visit = self.known("visit", visit_id)
        if visit is None:
            raise self._refuse(line, "visit_id", "visit_nowhere", visit=visit_id)
        return visit

    def _check_visit(self, line: RecordLine, project: str) -> None:
        visit = self._visit(line)
        if visit.author != self.sender:
            raise self._refuse(line, "visit_id", "visit_of_another", visit=str(line.record.visit_id),
                               author=visit.author, inspector=self.sender)
        if visit.project != project:
            raise self._refuse(line, "project_code", "project_not_visits", project=project,
                               visit=str(line.record.visit_id), visit_project=visit.project)

    def _check_judged(self, line: RecordLine, project: str) -> None:
        problem_id = str(line.record.problem_id)
        problem = self.known("problem", problem_id)
        if problem is None:
            raise self._refuse(line, "problem_id", "problem_nowhere", problem=problem_id)
        if problem.project != project:
            raise self._refuse(line, "problem_id", "problem_other_project", problem=problem_id,
                               project=problem.project, visit_project=project)

    def _check_attached(self, line: RecordLine) -> None:
        target = line.record.attached_to
        known = self.known(target.kind, str(target.id))
        if known is None:
            raise self._refuse(line, "attached_to.id", "target_nowhere", record_kind=target.kind,
                               target=str(target.id))
        if known.visit_id != str(line.record.visit_id):
            raise self._refuse(line, "attached_to.id", "photo_other_visit", record_kind=target.kind,
                               target=str(target.id), visit=str(line.record.visit_id))

    def _check_reply(self, line: RecordLine, project: str) -> None:
        """A reply answers a record of the sender's, on its project, that the
        office sent back, naming a revision the office holds."""
        reply = line.record
        kind, target_id = reply.target_kind, str(reply.target_id)
        target = self.at_office(kind, target_id)
        if target is None:
            raise self._refuse(line, "target_id", "reply_not_at_office", record_kind=kind, target=target_id)
        if target.author != self.sender:
            raise self._refuse(line, "target_id", "reply_not_theirs", record_kind=kind, target=target_id,
                               author=target.author, inspector=self.sender)
        if target.project != project:
            raise self._refuse(line, "project_code", "reply_other_project", record_kind=kind, target=target_id,
                               project=target.project)
        if self.conn.execute("SELECT 1 FROM records WHERE kind = ? AND id = ? AND rev = ?",
                             (kind, target_id, reply.target_rev)).fetchone() is None:
            raise self._refuse(line, "target_rev", "reply_no_revision", record_kind=kind, target=target_id,
                               rev=reply.target_rev)
        if self.conn.execute("SELECT 1 FROM review_events WHERE kind = ? AND id = ? AND state = 'sent_back' "
                             "LIMIT 1", (kind, target_id)).fetchone() is None:
            raise self._refuse(line, "target_id", "reply_never_sent_back", record_kind=kind, target=target_id)

    def _check_file(self, line: RecordLine) -> None:
        record = line.record
        if record.deleted or record.sha256 in self.bundle.photos:
            return
        if self.conn.execute("SELECT 1 FROM photo_files WHERE sha256 = ?", (record.sha256,)).fetchone() is None:
            raise self._refuse(line, "sha256", "photo_file_nowhere", sha=record.sha256)

    # -- records as first written ------------------------------------------------------

    def known(self, kind: str, record_id: str) -> Known | None:
        """The office's first revision of the record, else the bundle's."""
        held = self.at_office(kind, record_id)
        if held is not None:
            return held
        line = self.first_lines.get((kind, record_id))
        if line is None:
            return None
        record = line.record
        visit_id = record_id if kind == "visit" else _text(getattr(record, "visit_id", None))
        project = getattr(record, "project_code", None)
        if project is None:
            visit = self.known("visit", visit_id)
            project = None if visit is None else visit.project
        return Known(self.sender, project, visit_id)

    def at_office(self, kind: str, record_id: str) -> Known | None:
        key = (kind, record_id)
        if key not in self._at_office:
            self._at_office[key] = self._look_up(kind, record_id)
        return self._at_office[key]

    def _look_up(self, kind: str, record_id: str) -> Known | None:
        row = self.conn.execute(
            "SELECT author, project_code, visit_id FROM records WHERE kind = ? AND id = ? ORDER BY rev LIMIT 1",
            (kind, record_id)).fetchone()
        if row is not None:
            return Known(row[0], row[1], row[2])
        row = self.conn.execute(
            "SELECT author, json_extract(data, '$.project_code'), json_extract(data, '$.visit_id') FROM conflicts "
            "WHERE kind = ? AND id = ? ORDER BY rev, kept_at LIMIT 1", (kind, record_id)).fetchone()
        if row is None:
            return None
        visit_id = record_id if kind == "visit" else row[2]
        project = row[1]
        if project is None and visit_id is not None:
            visit = self.known("visit", visit_id)
            project = None if visit is None else visit.project
        return Known(row[0], project, visit_id)

    def _refuse(self, line: RecordLine, field: str, code: str, **params: object) -> BundleError:
        from inspector.bundle.errors import refused

        return refused(str(self.bundle.path), code, record=line.where, field=field, **params)


def _text(value) -> str | None:
    return None if value is None else str(value)
