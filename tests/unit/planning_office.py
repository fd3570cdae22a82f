"""A small office database written directly (projects, inspectors with home
cities, visits, problems, ledger entries, reviews) for the planning tests:
each test states exactly the history its plan must follow from."""

from __future__ import annotations

import json
from pathlib import Path

from inspector.office.db import open_office_db


class Desk:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = open_office_db(path)
        self.n = 0

    def close(self) -> None:
        self.db.close()

    def _x(self, sql: str, *params) -> None:
        with self.db.atomic():
            self.db.conn.execute(sql, params)

    def project(self, code: str, city: str, name: str | None = None) -> None:
        self._x("INSERT INTO projects (code, name, city, data, updated_at) VALUES (?, ?, ?, '{}', '2026-01-01')",
                code, name or f"{code}未来社区", city)

    def inspector(self, who: str, home: str | None = None, name: str | None = None) -> None:
        self.n += 1
        self._x("INSERT INTO inspectors (id, name, public_key, fingerprint, enrolled_at, home_city) "
                "VALUES (?, ?, ?, 'fp', '2026-01-01', ?)", who, name or who, f"key-{self.n}", home)

    def _record(self, kind: str, project: str, data: dict, state: str | None) -> str:
        self.n += 1
        rid = f"{kind}-{self.n}"
        self._x("INSERT INTO records (kind, id, rev, author, device, project_code, data, sha256) "
                "VALUES (?, ?, 1, 'x', 'd', ?, ?, 'h')", kind, rid, project, json.dumps(data))
        self._x("INSERT INTO current (kind, id, rev) VALUES (?, ?, 1)", kind, rid)
        if state:
            self._x("INSERT INTO reviews (kind, id, state, rev, at) VALUES (?, ?, ?, 1, '2026-01-01')",
                    kind, rid, state)
        return rid

    def visit(self, project: str, day: str, state: str | None = "confirmed") -> str:
        return self._record("visit", project, {"project_code": project, "date": day}, state)

    def problem(self, project: str, severity: str = "severe", state: str | None = "received") -> str:
        return self._record("problem", project, {"project_code": project, "severity": severity}, state)

    def ledger(self, problem: str, project: str, status: str = "pending", deadline: str | None = None) -> None:
        self.n += 1
        self._x("INSERT INTO ledger (problem_id, number, round_id, city, seq, project_code, rectification, "
                "deadline, status, opened_at, opened_by) VALUES (?, ?, 'R1', 'hangzhou', ?, ?, 'deadline', ?, ?, "
                "'2026-01-01', 'ceshi')", problem, f"N-{self.n}", self.n, project, deadline, status)
