from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timezone

import pytest

import factories
from inspector.models import Assignment, Visit
from inspector.store import StoreError, list_project_rows, open_db, problems_to_recheck, get_project, visits_of
from inspector.store.assignments import save_assignment
from inspector.store import records


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "store.db")
    yield database
    database.close()


def load(db, **over):
    return save_assignment(db, Assignment.model_validate(factories.assignment(**over)))


def visit(project_code="HZ-GL-001", rev=1, status="in_progress") -> Visit:
    now = datetime(2026, 11, 27, 9, 30, tzinfo=timezone.utc)
    return Visit(
        id=uuid.UUID("0b7c1e9e-2d35-4c1e-9a53-5c6fd1f0a001"), rev=rev, base_rev=rev - 1 or None,
        author="zhangwei", device="laptop-1", created_at=now, updated_at=now,
        project_code=project_code, date=date(2026, 11, 27), inspectors=["张伟"],
        templates=[{"id": "zj-problem", "version": 1}], status=status,
    )


def test_pragmas_and_migrations(tmp_path):
    from inspector.store.migrations import migrations

    db = open_db(tmp_path / "x.db")
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert {"projects", "templates", "assignments", "problems", "visits"} <= set(db.table_names())
    db.close()
    again = open_db(tmp_path / "x.db")  # reopening applies nothing twice
    applied = again.conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    assert applied == len(migrations._migrations)
    again.close()


def test_reader_knows_every_migration():
    from inspector.store.connection import MIGRATIONS
    from inspector.store.migrations import migrations

    assert MIGRATIONS == tuple(m.name for m in migrations._migrations)


def test_an_older_database_opens_and_keeps_its_data(tmp_path):
    from inspector.store.migrations import migrations

    path = tmp_path / "old.db"
    old = open_db(path, migrate=False)
    migrations.apply(old, stop_before="m002_project_list_order")  # as the first version left it
    with old.atomic():  # what that version wrote when loading an assignment
        old.execute("INSERT INTO projects VALUES ('HZ-GL-001', '瓜沥七彩未来社区', 'hangzhou', '萧山区', "
                    "'integrate_improve', NULL, '试点第一批', 0, 'x', 'glqc', ?)",
                    [json.dumps(factories.project())])
        old.execute("INSERT INTO problems VALUES ('p1', 1, NULL, 'HZ-GL-001', NULL, 'open', 'major', "
                    "'facility_idle', 'wangfang', 'd', 't', 't', 'office', '{}')")
    old.close()

    db = open_db(path)
    assert [m.name for m in migrations.applied(db)][-1] == migrations._migrations[-1].name
    assert get_project(db, "HZ-GL-001").name == "瓜沥七彩未来社区"
    # office copies are sealed: the first local edit of one makes a new revision
    assert db.conn.execute("SELECT sealed FROM problems WHERE id = 'p1'").fetchone()[0] == 1
    db.close()


def test_reader_migrates_a_new_file(tmp_path):
    from inspector.store import open_reader

    conn = open_reader(tmp_path / "fresh.db")
    assert list_project_rows(conn) == []
    conn.close()


def test_load_then_same_again_changes_nothing(db):
    first = load(db)
    assert (first.status, first.projects, first.templates, first.problems) == ("loaded", 2, 1, 1)
    changes = db.conn.total_changes
    assert load(db).status == "unchanged"
    assert db.conn.total_changes == changes


def test_project_rows_and_detail(db):
    load(db)
    rows = list_project_rows(db)
    assert [r.code for r in rows] == ["HZ-GL-001", "NB-YZ-001"]
    guali = rows[0]
    assert guali.open_problems == 1 and guali.visit_state == "none"
    assert "gl" in guali.search and "杭州" in guali.search and "萧山区" in guali.search
    project = get_project(db, "HZ-GL-001")
    assert project.lead_unit == "瓜沥镇人民政府"
    assert [p.description for p in problems_to_recheck(db, "HZ-GL-001")] == [
        "邻里中心已建成但大门紧锁，未对居民开放。"
    ]


def test_newer_assignment_updates_without_touching_site_records(db):
    load(db)
    records.save(db, visit())
    before_visits = db.conn.execute("SELECT * FROM visits").fetchall()
    renamed = factories.project(name="瓜沥七彩未来社区（二期）")
    outcome = load(
        db, id="R2026-2-zhangwei-b", issued_at="2026-11-22T09:00:00+08:00",
        projects=[renamed], templates=[factories.template(), factories.template(version=2)],
        checklists=[{"id": "zj-problem", "version": 2}],
    )
    assert outcome.status == "updated"
    rows = list_project_rows(db)
    assert [r.name for r in rows] == ["瓜沥七彩未来社区（二期）"]  # 划船 dropped: not assigned, never visited
    assert db.conn.execute("SELECT * FROM visits").fetchall() == before_visits
    versions = db.conn.execute("SELECT id, version FROM templates ORDER BY version").fetchall()
    assert versions == [("zj-problem", 1), ("zj-problem", 2)]  # versions side by side
    assert rows[0].visit_state == "in_progress"
    assert [v.id for v in visits_of(db, "HZ-GL-001")] == [visit().id]


def test_visited_project_stays_listed_after_it_is_unassigned(db):
    load(db)
    records.save(db, visit("NB-YZ-001"))
    load(db, id="R2026-2-b", issued_at="2026-11-22T09:00:00+08:00", projects=[factories.project()])
    assert [r.code for r in list_project_rows(db)] == ["HZ-GL-001", "NB-YZ-001"]


def test_older_assignment_is_refused(db):
    load(db)
    with pytest.raises(StoreError, match="not newer"):
        load(db, id="R2026-2-old", issued_at="2026-11-01T09:00:00+08:00")


def test_same_id_different_content_is_refused(db):
    load(db)
    with pytest.raises(StoreError, match="different content"):
        load(db, issued_by="别的办公室")


def test_changed_template_version_is_refused_and_nothing_stored(db):
    load(db)
    template = factories.template()
    template["title"] = "改过的标题"
    before = db.conn.total_changes
    with pytest.raises(StoreError) as caught:
        load(db, id="R2026-2-b", issued_at="2026-11-22T09:00:00+08:00", templates=[template])
    assert caught.value.record == "templates[0] (zj-problem v1)"
    assert "version 2" in caught.value.message
    assert db.conn.total_changes == before
    assert db.conn.execute("SELECT count(*) FROM assignments").fetchone()[0] == 1


def test_problem_revision_clash_is_refused(db):
    load(db)
    changed = factories.problem(description="另一段描述")
    with pytest.raises(StoreError, match="revision 1 differs"):
        load(db, id="R2026-2-b", issued_at="2026-11-22T09:00:00+08:00", open_problems=[changed])


def test_visit_revisions_are_kept(db):
    load(db)
    records.save(db, visit())
    records.save(db, visit(status="finished"))  # the working copy is updated in place ...
    assert db.conn.execute("SELECT count(*), max(rev) FROM visits").fetchone() == (1, 1)
    assert list_project_rows(db)[0].visit_state == "finished"
    records.seal_visit(db, str(visit().id))
    reopened = records.save(db, visit(status="in_progress"))  # ... a sealed one gains a revision
    assert (reopened.rev, reopened.base_rev) == (2, 1)
    assert db.conn.execute("SELECT count(*) FROM visits").fetchone()[0] == 2
    assert list_project_rows(db)[0].visit_state == "in_progress"
