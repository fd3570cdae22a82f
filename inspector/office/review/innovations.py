"""The innovation list (创新清单) curated: how the office grades each
innovation (可复制推广 / 值得关注 / 一般) and which are typical cases
(典型案例) for the report, with a caption the report prints.

Grades live beside the record (`innovation_grades`), not in it: a grade is
the office's judgement, not the inspector's finding, and never travels to a
laptop. Each change names the version its user saw (0: none yet) and is
refused when someone graded since. Duplicates are merged with
duplicates.merge like problems.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from . import ReviewRefused
from .states import now
from inspector.store.transaction import immediate

GRADES = ("replicable", "notable", "ordinary")
MAX_CAPTION = 200
UNGRADABLE = ("rejected", "duplicate")  # not in the list: grade the record it was merged into


@dataclass(frozen=True)
class Grade:
    innovation_id: str
    grade: str | None
    typical: bool
    caption: str | None
    at: str | None
    by: str | None
    version: int  # 0: never graded


def grade_of(db: Database, innovation_id: str) -> Grade:
    row = db.conn.execute("SELECT grade, typical, caption, at, by, version FROM innovation_grades "
                          "WHERE innovation_id = ?", (innovation_id,)).fetchone()
    if row is None:
        return Grade(innovation_id, None, False, None, None, None, 0)
    return Grade(innovation_id, row[0], bool(row[1]), row[2], row[3], row[4], row[5])


def parse_grade(text: str) -> str | None:
    """A grade as typed: its code, its name in either language; none/empty clears it."""
    from inspector.i18n import LANGS
    from inspector.office.names import normal

    word = normal(text or "")
    if word in ("", "none", "-", "无", "未评级"):
        return None
    for table in LANGS.values():
        for code, name in table.LABELS["InnovationGrade"].items():
            if word in (normal(code), normal(name)):
                return code
    raise ReviewRefused("bad_grade", grade=text, choices=_choices())


def grade(db: Database, innovation_id: str, grade: str | None, typical: bool, caption: str | None, *, by: str,
          seen_version: int, at: str | None = None) -> Grade:
    """Set an innovation's grade, typical-case mark and caption."""
    if grade is not None and grade not in GRADES:
        raise ReviewRefused("bad_grade", grade=grade, choices=_choices())
    caption = (caption or "").strip() or None
    if caption is not None and len(caption) > MAX_CAPTION:
        raise ReviewRefused("caption_long", length=len(caption), limit=MAX_CAPTION)
    at = at or now()
    conn = db.conn
    with immediate(db):
        state = conn.execute("SELECT state FROM reviews WHERE kind = 'innovation' AND id = ?",
                             (innovation_id,)).fetchone()
        if state is None:
            raise ReviewRefused("unknown", kind="innovation", id=innovation_id)
        if state[0] in UNGRADABLE:
            from inspector.i18n import label

            raise ReviewRefused("grade_state", id=innovation_id[:8], state=label("ReviewState", state[0], "en"),
                                state_code=state[0])
        before = grade_of(db, innovation_id)
        if before.version != seen_version:
            raise ReviewRefused("grade_stale", id=innovation_id[:8])
        conn.execute(
            "INSERT INTO innovation_grades (innovation_id, grade, typical, caption, at, by) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(innovation_id) DO UPDATE SET grade = excluded.grade, typical = excluded.typical, "
            "caption = excluded.caption, at = excluded.at, by = excluded.by, version = innovation_grades.version + 1",
            (innovation_id, grade, int(typical), caption, at, by))
        detail = {"grade": [before.grade, grade], "typical": [before.typical, bool(typical)],
                  "caption": [before.caption, caption]}
        conn.execute("INSERT INTO audit_log (at, user_id, action, subject, reason, detail) VALUES (?, ?, ?, ?, ?, ?)",
                     (at, by, "innovation.grade", f"innovation:{innovation_id}", caption,
                      json.dumps(detail, ensure_ascii=False, sort_keys=True)))
        conn.execute("INSERT INTO review_events (kind, id, rev, action, state, at, by, comment, detail) "
                     "SELECT 'innovation', id, rev, 'graded', state, ?, ?, ?, ? FROM reviews "
                     "WHERE kind = 'innovation' AND id = ?",
                     (at, by, caption, json.dumps(detail, ensure_ascii=False, sort_keys=True), innovation_id))
    return grade_of(db, innovation_id)


def _choices() -> str:
    from inspector.i18n import LANGS

    return ", ".join(f"{code} ({LANGS['zh'].LABELS['InnovationGrade'][code]})" for code in GRADES)
