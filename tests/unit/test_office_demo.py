"""`inspector office demo`: a throwaway office filled by really ingesting
bundles exported from visits made with the project's own code."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from inspector.cli import cli
from inspector.office import demo

TODAY = date(2026, 12, 4)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return demo.build(tmp_path_factory.mktemp("office-demo"), today=TODAY)


def rows(built, sql: str, *params) -> list[tuple]:
    conn = sqlite3.connect(built.db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def one(built, sql: str, *params):
    return rows(built, sql, *params)[0][0]


def test_two_enrolled_inspectors_sent_to_several_cities_never_their_own(built):
    assert rows(built, "SELECT id, home_city FROM inspectors ORDER BY id") == [("lina", "wenzhou"),
                                                                             ("zhangwei", "ningbo")]
    cities = rows(built, "SELECT DISTINCT p.city FROM assignment_projects a JOIN projects p "
                         "ON p.code = a.project_code ORDER BY 1")
    assert cities == [("hangzhou",), ("ningbo",), ("quzhou",)]
    assert one(built, "SELECT count(*) FROM assignment_projects a JOIN inspectors i ON i.id = a.inspector_id "
                      "JOIN projects p ON p.code = a.project_code WHERE p.city = i.home_city") == 0
    assert one(built, "SELECT count(DISTINCT round_id) FROM assignments") == 2


def test_everything_came_in_through_applied_bundles(built):
    assert rows(built, "SELECT inspector_id, count(*) FROM bundles WHERE status = 'applied' GROUP BY 1 "
                       "ORDER BY 1") == [("lina", 2), ("zhangwei", 2)]
    assert one(built, "SELECT count(*) FROM records WHERE bundle_id IS NULL") == 0
    counts = dict(rows(built, "SELECT kind, count(*) FROM current GROUP BY kind"))
    assert {k: counts[k] for k in ("visit", "problem", "innovation", "follow_up", "photo")} == {
        "visit": 9, "problem": 7, "innovation": 4, "follow_up": 5, "photo": 18}
    assert counts["answer"] > 300
    states = dict(rows(built, "SELECT json_extract(r.data, '$.status'), count(*) FROM current c JOIN records r "
                              "USING (kind, id, rev) WHERE c.kind = 'visit' GROUP BY 1"))
    assert states == {"finished": 8, "in_progress": 1}
    severities = {s for (s,) in rows(built, "SELECT json_extract(r.data, '$.severity') FROM current c "
                                            "JOIN records r USING (kind, id, rev) WHERE c.kind = 'problem'")}
    assert severities == {"minor", "major", "severe"}


def test_photos_are_real_imported_jpegs_received_by_the_office(built):
    files = rows(built, "SELECT sha256 FROM photo_files")
    assert len(files) == 18
    for (sha,) in files:
        stored = next((built.db_path.parent / "photos").rglob(f"{sha}*"))
        assert stored.read_bytes()[:3] == b"\xff\xd8\xff"  # written by the laptop's import, not made up
    kinds = {k for (k,) in rows(built, "SELECT DISTINCT json_extract(data, '$.attached_to.kind') FROM records "
                                       "WHERE kind = 'photo'")}
    assert kinds == {"answer", "problem", "innovation", "follow_up"}


def test_two_verdicts_on_one_carried_over_problem_leave_a_conflict(built):
    problem = built.problems["gl-idle"]
    assert rows(built, "SELECT kind, id, author, rev, base_rev, office_rev FROM conflicts") == [
        ("problem", problem, "lina", 2, 1, 2)]
    assert rows(built, "SELECT author FROM records WHERE kind = 'problem' AND id = ? AND rev = 2",
                problem) == [("zhangwei",)]


def test_the_ledger_holds_overdue_problems_and_one_due_this_week(built):
    open_entries = rows(built, "SELECT problem_id, deadline FROM ledger WHERE status IN "
                               "('pending', 'rectifying', 'returned', 'close_requested')")
    overdue = {pid for pid, deadline in open_entries if date.fromisoformat(deadline) < TODAY}
    assert overdue == {built.problems[k] for k in ("gl-idle", "js-canteen", "xy-platform")}
    due_soon = [pid for pid, deadline in open_entries
                if TODAY <= date.fromisoformat(deadline) <= TODAY + timedelta(days=7)]
    assert due_soon == [built.problems["oh-canteen"]]
    numbers = {n for (n,) in rows(built, "SELECT number FROM ledger")}
    assert {"2026-1-HZ-001", "2026-1-QZ-001", "2026-1-NB-001", "2026-2-HZ-001"} <= numbers


def test_the_queue_is_not_uniform_and_every_decision_is_attributed(built):
    from inspector.office.db import open_office_db
    from inspector.office.review import queue

    states = dict(rows(built, "SELECT state, count(*) FROM reviews GROUP BY state"))
    assert states["received"] >= 8 and states["confirmed"] >= 10
    assert states["query"] == 1 and states["rejected"] == 1
    log = rows(built, "SELECT user_id, action, count(*) FROM audit_log GROUP BY 1, 2")
    assert ("wangfang", "review.query", 1) in log and ("wangfang", "review.rejected", 1) in log
    assert {(who, action) for who, action, _ in log} >= {
        ("liming", "review.confirmed"), ("liming", "bundle.apply"), ("liming", "assignment.issue"),
        ("liming", "inspector.enrol"), ("liming", "user.add")}
    db = open_office_db(built.db_path)
    try:
        waiting = queue.load(db, states=("received",))
    finally:
        db.close()
    assert {r.kind for r in waiting} == {"visit", "problem", "follow_up"}
    assert {r.city for r in waiting} >= {"hangzhou", "ningbo", "quzhou"}


class FakeApp:
    """Stands in for the office interface until it is merged: records how it was made."""

    made: list[dict] = []

    def __init__(self, settings, **kwargs):
        self.settings, self.kwargs = settings, kwargs
        self.return_code = 0
        FakeApp.made.append(dict(kwargs, settings=settings, app=self))

    def run(self):
        db = self.kwargs["office_db"]
        self.seen = (db.is_file(), sqlite3.connect(db).execute("SELECT count(*) FROM bundles").fetchone()[0])

    def close_writer(self):
        pass


@pytest.fixture
def fake_app(monkeypatch, tmp_path):
    import inspector.tui.factory

    FakeApp.made = []
    monkeypatch.setattr(inspector.tui.factory, "make_app", FakeApp)
    temp = tmp_path / "system-temp"
    temp.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(temp))
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(data))
    return temp, data


def test_the_command_opens_the_office_interface_as_a_member_of_staff_and_leaves_nothing(fake_app):
    temp, data = fake_app
    result = CliRunner().invoke(cli, ["--lang", "en", "office", "demo"])
    assert result.exit_code == 0, result.output
    (made,) = FakeApp.made
    assert made["start"] == "office" and made["office_user"] == "liming"  # INSPECTOR_OFFICE_USER=ceshi is no demo user
    assert made["app"].seen == (True, 4)
    assert made["settings"].lang == "en"
    assert "Demo office ready" in result.stderr
    assert list(temp.iterdir()) == [] and list(data.iterdir()) == []


def test_as_the_other_member_of_staff(fake_app):
    result = CliRunner().invoke(cli, ["office", "demo", "--as", "wangfang"])
    assert result.exit_code == 0, result.output
    assert FakeApp.made[0]["office_user"] == "wangfang"
    assert "演示办公室已生成" in result.stderr


def test_an_interface_that_fails_still_leaves_nothing(fake_app, monkeypatch):
    temp, data = fake_app

    def broken(self):
        raise RuntimeError("the terminal went away")

    monkeypatch.setattr(FakeApp, "run", broken)
    result = CliRunner().invoke(cli, ["office", "demo"])
    assert result.exit_code != 0
    assert list(temp.iterdir()) == [] and list(data.iterdir()) == []


def test_without_the_sample_files_one_line_and_nothing_left(fake_app, monkeypatch, tmp_path):
    temp, data = fake_app
    monkeypatch.setattr(demo, "FIXTURES", tmp_path / "nowhere")
    result = CliRunner().invoke(cli, ["--lang", "en", "office", "demo"])
    assert result.exit_code == 2
    building, refusal = result.stderr.strip().splitlines()  # what it was doing, and one line why not
    assert str(tmp_path / "nowhere") in refusal and "Traceback" not in result.stderr
    assert FakeApp.made == [] and list(temp.iterdir()) == [] and list(data.iterdir()) == []


def test_the_ledger_is_under_way_with_units_and_a_reply_awaiting_another_approver(built):
    assert rows(built, "SELECT count(*) FROM units")[0][0] >= 10
    status = dict(rows(built, "SELECT problem_id, status FROM ledger"))
    assert status[built.problems["gl-idle"]] == "rectifying"
    assert status[built.problems["oh-canteen"]] == "close_requested"
    (requested_by,) = rows(built, "SELECT requested_by FROM ledger WHERE problem_id = ?",
                           built.problems["oh-canteen"])[0]
    assert requested_by == "liming"  # so 王芳, not 李明, may close it
    assert rows(built, "SELECT kind FROM ledger_evidence") == [("photo",)]
