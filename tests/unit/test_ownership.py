"""A laptop belongs to one inspector (issue 10, item 1).

Loading another inspector's assignment is refused before anything is stored;
a laptop without an identity says whose assignment it holds and `identity
init` keeps to it; a laptop that already mixes two inspectors' work (as the
old version allowed) exports what is its identity's own and names the rest;
`inspector assignments` lists what is loaded and removes what holds no
unexported work, and nothing recorded on site."""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

import factories
from laptop import laptop, lina_assignment, mixed_laptop, recorded_laptop

from inspector.bundle.receipts import accept_receipt
from inspector.bundle.writing import export_bundle
from inspector.cli import cli
from inspector.identity import create_identity, sign_document
from inspector.inspection import record
from inspector.models import Assignment, Receipt
from inspector.store import open_db
from inspector.store.assignments import save_assignment
from inspector.store.trust import TrustedOffice, trust_office

ROOT = Path(__file__).resolve().parents[2]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def rows(db_path: Path, sql: str) -> list[tuple]:
    db = open_db(db_path)
    try:
        return db.conn.execute(sql).fetchall()
    finally:
        db.close()


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(folder))
    return folder


# -- loading ------------------------------------------------------------------------


def test_another_inspectors_assignment_is_refused_and_changes_nothing(data_dir, write_signed):
    assert run("identity", "init", "--id", "zhangwei", "--name", "张伟").exit_code == 0
    db = data_dir / "inspector.db"
    refused = run("load", str(write_signed(lina_assignment(), "lina.json")))
    assert refused.exit_code == 2
    assert not db.exists()  # refused before the database was even created
    line = refused.stderr.strip()
    assert len(line.splitlines()) == 1 and "zhangwei" in line and "lina" in line and "lina.json" in line
    assert run("load", str(write_signed(factories.assignment()))).exit_code == 0
    before = digest(db)
    refused = run("--lang", "en", "load", str(write_signed(lina_assignment(), "lina.json")))
    assert refused.exit_code == 2 and len(refused.stderr.strip().splitlines()) == 1
    assert "zhangwei" in refused.stderr and "lina" in refused.stderr and "identity" in refused.stderr
    assert digest(db) == before


def test_the_fixture_assignments_belong_to_two_inspectors(data_dir):
    assert run("identity", "init", "--id", "zhangwei", "--name", "张伟").exit_code == 0
    first = run("load", str(ROOT / "fixtures" / "assignment.json"))
    assert first.exit_code == 0, first.output
    before = digest(data_dir / "inspector.db")
    second = run("load", str(ROOT / "fixtures" / "assignment-lina.json"))
    assert second.exit_code == 2 and "lina" in second.stderr and "zhangwei" in second.stderr
    assert digest(data_dir / "inspector.db") == before


def test_without_an_identity_loading_says_whose_assignment_it_is(data_dir, write_signed):
    loaded = run("load", str(write_signed(factories.assignment())))
    assert loaded.exit_code == 0
    assert "identity init --id zhangwei" in loaded.output
    db = data_dir / "inspector.db"
    before = digest(db)
    # the laptop holds zhangwei's assignment: lina's would mix two inspectors' work
    refused = run("load", str(write_signed(lina_assignment(), "lina.json")))
    assert refused.exit_code == 2 and "zhangwei" in refused.stderr and "lina" in refused.stderr
    assert digest(db) == before
    # and the identity must be the one the assignment is for
    wrong = run("identity", "init", "--id", "lina", "--name", "李娜")
    assert wrong.exit_code == 2 and "zhangwei" in wrong.stderr and "lina" in wrong.stderr
    assert not (data_dir / "identity").exists()
    assert digest(db) == before
    assert run("identity", "init", "--id", "zhangwei", "--name", "张伟").exit_code == 0
    again = run("load", str(write_signed(factories.assignment())))
    assert again.exit_code == 0 and "identity init" not in again.output


def test_replacing_the_identity_keeps_to_the_loaded_inspector(data_dir, write_signed):
    assert run("identity", "init", "--id", "zhangwei", "--name", "张伟").exit_code == 0
    assert run("load", str(write_signed(factories.assignment()))).exit_code == 0
    refused = run("identity", "init", "--id", "lina", "--name", "李娜", "--replace")
    assert refused.exit_code == 2 and "zhangwei" in refused.stderr
    assert '"zhangwei"' in (data_dir / "identity" / "identity.json").read_text(encoding="utf-8")


# -- a laptop that already mixes two inspectors' work ------------------------------------


def test_a_mixed_laptop_exports_its_own_work_and_names_the_rest(tmp_path, monkeypatch):
    made = mixed_laptop(tmp_path / "laptop")
    before = rows(made.db_path, "SELECT author, count(*) FROM visits GROUP BY author")
    assert before == [("lina", 1), ("zhangwei", 1)]
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(made.root))
    result = run("export", "-o", str(made.out))
    assert result.exit_code == 0, result.output
    bundle = list(made.out.glob("bundle-zhangwei-*.zip"))
    assert len(bundle) == 1
    assert "lina" in result.output and "2" in result.output  # lina's visit and answer stay
    lines = [line for line in result.output.splitlines() if "lina" in line]
    assert len(lines) == 1
    from test_export import read_bundle

    _, records, _ = read_bundle(bundle[0])
    assert all(r.author == "zhangwei" for kind in records.values() for r in kind)
    assert len(records["visits"]) == 1
    # nothing lost: lina's records are still here, never sealed as sent
    assert rows(made.db_path, "SELECT author, count(*) FROM visits GROUP BY author") == before
    assert rows(made.db_path, "SELECT count(*) FROM visits WHERE author = 'lina' AND exported_in IS NOT NULL") \
        == [(0,)]
    # from now on the laptop records as its identity
    db = made.db()
    assert record.identity(db).inspector_id == "zhangwei"
    db.close()


def test_a_mixed_laptop_leaves_out_work_on_projects_not_its_own(tmp_path):
    made = mixed_laptop(tmp_path / "laptop")
    export_bundle(made.db_path, made.photo_root, made.identity, made.out)
    db = made.db()
    visit = record.start_visit(db, "WZ-LC-001", date(2026, 11, 29), ["张伟"])  # lina's project
    db.close()
    assert visit.author == "zhangwei"
    second = export_bundle(made.db_path, made.photo_root, made.identity, made.out)
    from test_export import read_bundle

    _, records, _ = read_bundle(second.path)
    assert str(visit.id) not in {str(v.id) for v in records["visits"]}
    reasons = {(left.author, left.reason): left.records for left in second.left_behind}
    assert reasons == {("lina", "author"): 2, ("zhangwei", "project"): 1}


def test_a_receipt_for_the_identity_loads_on_a_mixed_laptop(tmp_path):
    made = mixed_laptop(tmp_path / "laptop")
    office = create_identity(tmp_path / "office", "zhuanban", "专班办公室")
    db = made.db()
    trust_office(db, TrustedOffice(office.id, office.name, office.public_key_text))
    db.close()
    exported = export_bundle(made.db_path, made.photo_root, made.identity, made.out)
    db = made.db()
    accepted = accept_receipt(db, _receipt(office, exported))
    db.close()
    assert accepted.acknowledged == 1


def _receipt(office, exported, inspector: str = "zhangwei") -> str:
    from test_export import read_bundle

    manifest, _, _ = read_bundle(exported.path)
    receipt = Receipt(office=office.id, inspector=inspector, bundle=manifest.id, sequence=manifest.sequence,
                      acknowledged=manifest.sequence, records=1, conflicts=0, photos=0,
                      issued_at=datetime.now(timezone.utc))
    return sign_document(office, "receipt", receipt.model_dump_json()).decode("utf-8")


# -- what is loaded, and removing it -----------------------------------------------------


def second_round(**over) -> dict:
    """zhangwei's next round: one project of the first round and a new one."""
    data = factories.assignment(
        id="R2026-3-zhangwei", round={"id": "R2026-3", "name": "2026年第三轮督导"},
        issued_at="2026-11-30T09:00:00+08:00",
        projects=[factories.project(), factories.project("JX-NH-001", "南湖渔里未来社区", city="jiaxing",
                                                         district="南湖区")],
        open_problems=[],
    )
    data.update(over)
    return data


def test_assignments_lists_round_inspector_projects_and_unexported(tmp_path, monkeypatch):
    made = mixed_laptop(tmp_path / "laptop")
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(made.root))
    result = run("assignments")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    mine = next(line for line in lines if "R2026-2-zhangwei" in line)
    hers = next(line for line in lines if "R2026-3-lina" in line)
    assert "2026年第二轮督导" in mine and "张伟" in mine and "李娜" in hers
    # zhangwei's projects hold two visits (one stamped lina) with their records; lina's none
    assert mine.split()[-2:] == ["2", "10"] and hers.split()[-2:] == ["1", "0"]
    # columns line up in display cells, Chinese included: the numbers end where their titles do
    header = lines[0]
    assert width(mine) == width(hers) == width(header)
    assert width(mine[:mine.index("张伟")]) == width(hers[:hers.index("李娜")]) == width(header[:header.index("督导员")])
    english = run("--lang", "en", "assignments")
    assert "Round" in english.output and "Unexported" in english.output


def test_removing_an_assignment_with_unexported_work_is_refused(tmp_path, monkeypatch):
    made = recorded_laptop(tmp_path / "laptop")
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(made.root))
    before = digest(made.db_path)
    refused = run("assignments", "remove", "R2026-2-zhangwei", "--yes")
    assert refused.exit_code == 2
    line = refused.stderr.strip()
    assert len(line.splitlines()) == 1 and "R2026-2-zhangwei" in line and "8" in line and "export" in line
    assert digest(made.db_path) == before
    unknown = run("assignments", "remove", "R1999-nobody", "--yes")
    assert unknown.exit_code == 2 and "R1999-nobody" in unknown.stderr
    assert digest(made.db_path) == before


def test_removing_asks_first_and_touches_only_what_the_assignment_alone_brought(tmp_path, monkeypatch):
    made = laptop(tmp_path / "laptop")
    db = made.db()
    save_assignment(db, Assignment.model_validate(second_round()))
    db.close()
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(made.root))
    before = digest(made.db_path)
    declined = run("assignments", "remove", "R2026-2-zhangwei", input="n\n")
    assert declined.exit_code != 0 or "R2026-2-zhangwei" in declined.output
    assert digest(made.db_path) == before
    removed = run("assignments", "remove", "R2026-2-zhangwei", input="y\n")
    assert removed.exit_code == 0, removed.output
    assert rows(made.db_path, "SELECT id FROM assignments") == [("R2026-3-zhangwei",)]
    # the project only the first round held goes; the shared one and the new one stay
    assert rows(made.db_path, "SELECT code FROM projects ORDER BY code") == [("HZ-GL-001",), ("JX-NH-001",)]
    # the checklist the next round uses stays; the first round's carried problem goes with it
    assert rows(made.db_path, "SELECT id, version FROM templates") == [("zj-problem", 1)]
    assert rows(made.db_path, "SELECT count(*) FROM problems") == [(0,)]
    assert rows(made.db_path, "SELECT count(*) FROM assignment_projects WHERE assignment_id = 'R2026-2-zhangwei'") \
        == [(0,)]


def test_removing_keeps_what_was_recorded_and_acknowledged(tmp_path, monkeypatch):
    made = recorded_laptop(tmp_path / "laptop")
    office = create_identity(tmp_path / "office", "zhuanban", "专班办公室")
    db = made.db()
    (visit_id,) = db.conn.execute("SELECT id FROM visits").fetchone()
    record.finish_visit(db, visit_id)  # an open visit keeps its assignment
    trust_office(db, TrustedOffice(office.id, office.name, office.public_key_text))
    db.close()
    exported = export_bundle(made.db_path, made.photo_root, made.identity, made.out)
    db = made.db()
    accept_receipt(db, _receipt(office, exported))
    db.close()
    tables = ("visits", "answers", "problems", "innovations", "follow_ups", "photos")
    recorded = {t: rows(made.db_path, f"SELECT count(*) FROM {t}") for t in tables}
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(made.root))
    removed = run("assignments", "remove", "R2026-2-zhangwei", "--yes")
    assert removed.exit_code == 0, removed.output
    assert rows(made.db_path, "SELECT count(*) FROM assignments") == [(0,)]
    # every record made on site stays, with the project it was made on and its checklist
    assert {t: rows(made.db_path, f"SELECT count(*) FROM {t}") for t in tables} == recorded
    assert rows(made.db_path, "SELECT code FROM projects") == [("HZ-GL-001",)]
    assert rows(made.db_path, "SELECT id FROM templates") == [("zj-problem",)]
    listed = run("assignments")
    assert listed.exit_code == 0 and "R2026-2-zhangwei" not in listed.output


# -- the other inspector's visit on a mixed laptop ----------------------------------------


def _linas_visit(made):
    rows_ = rows(made.db_path, "SELECT id FROM visits WHERE author = 'lina'")
    assert len(rows_) == 1
    return rows_[0][0]


def test_the_other_inspectors_visit_cannot_be_continued_here(tmp_path):
    from inspector.i18n import t
    from inspector.store.errors import StoreError
    from laptop import LIN_02

    made = mixed_laptop(tmp_path / "laptop")
    export_bundle(made.db_path, made.photo_root, made.identity, made.out)  # the laptop is zhangwei's now
    visit_id = _linas_visit(made)
    before = digest(made.db_path)
    db = made.db()
    try:
        attempts = [
            lambda: record.save_answer(db, visit_id, LIN_02, value="running"),
            lambda: record.save_answer(db, visit_id, LIN_02, note="补充"),
            lambda: record.update_visit(db, visit_id, note="张伟补记"),
            lambda: record.save_problem(db, visit_id, scenario="neighbourhood", category="facility_idle",
                                        description="x", severity="major", responsible_unit=None, deadline=None),
            lambda: record.save_innovation(db, visit_id, category="digital", scenario="neighbourhood", title="x",
                                           description="x", replicable=False, evidence=[]),
            lambda: record.finish_visit(db, visit_id),
        ]
        for attempt in attempts:
            with pytest.raises(StoreError) as refused:
                attempt()
            assert refused.value.code == "foreign_visit"
            assert refused.value.params == {"author": "lina", "me": "zhangwei"}
    finally:
        db.close()
    assert digest(made.db_path) == before  # nothing rewritten: lina's visit stays hers
    for lang in ("zh", "en"):
        said = t("store.foreign_visit", lang, author="lina", me="zhangwei")
        assert "lina" in said and "zhangwei" in said and "\n" not in said


def test_records_on_the_other_inspectors_visit_stay_behind(tmp_path):
    """An answer an earlier version let zhangwei add to lina's visit names a
    visit no bundle of his carries: sending it would make the office refuse
    every bundle from now on."""
    from laptop import LIN_02
    from test_export import read_bundle

    from inspector.models import Answer
    from inspector.store import records

    made = mixed_laptop(tmp_path / "laptop")
    export_bundle(made.db_path, made.photo_root, made.identity, made.out)
    visit_id = _linas_visit(made)
    db = made.db()
    stamped = records.save(db, Answer.model_validate({
        "id": "6a1d1e2c-0000-4000-8000-000000000001", "rev": 1, "author": "zhangwei",
        "device": record.identity(db).device_id, "created_at": records.now(),
        "updated_at": records.now(), "visit_id": visit_id, "item": LIN_02.model_dump(), "value": "running",
    }))
    own = rows(made.db_path, "SELECT id FROM visits WHERE author = 'zhangwei'")[0][0]
    record.save_answer(db, own, LIN_02, note="补记")  # something of his own to send
    db.close()
    second = export_bundle(made.db_path, made.photo_root, made.identity, made.out)
    _, sent, _ = read_bundle(second.path)
    assert str(stamped.id) not in {str(a.id) for a in sent["answers"]}
    assert {str(a.visit_id) for a in sent["answers"]} == {own}
    reasons = {(left.author, left.reason): left.records for left in second.left_behind}
    assert reasons == {("lina", "author"): 2, ("zhangwei", "visit"): 1}
    assert rows(made.db_path, f"SELECT count(*) FROM answers WHERE id = '{stamped.id}' AND exported_in IS NULL") \
        == [(1,)]


def test_removing_is_refused_while_a_visit_on_its_projects_is_open(tmp_path, monkeypatch):
    """Acknowledged work but a visit still open: answers saved on it later
    could never be sent once the assignment (its projects) is gone."""
    made = recorded_laptop(tmp_path / "laptop")
    office = create_identity(tmp_path / "office", "zhuanban", "专班办公室")
    db = made.db()
    trust_office(db, TrustedOffice(office.id, office.name, office.public_key_text))
    db.close()
    exported = export_bundle(made.db_path, made.photo_root, made.identity, made.out)
    db = made.db()
    accept_receipt(db, _receipt(office, exported))
    db.close()
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(made.root))
    before = digest(made.db_path)
    for lang, word in (("zh", "HZ-GL-001"), ("en", "finish")):
        refused = run("--lang", lang, "assignments", "remove", "R2026-2-zhangwei", "--yes")
        assert refused.exit_code == 2
        line = refused.stderr.strip()
        assert len(line.splitlines()) == 1 and "R2026-2-zhangwei" in line and "HZ-GL-001" in line
        assert "2026-11-27" in line and word in line
    assert digest(made.db_path) == before
    db = made.db()
    from inspector.store.loaded import VisitOpen, remove_assignment

    with pytest.raises(VisitOpen):
        remove_assignment(db, "R2026-2-zhangwei")
    db.close()
    assert digest(made.db_path) == before


def _owner_without_assignments(root: Path):
    """zhangwei's laptop (recorded as his) holding only lina's assignment, an
    older version's leftover, once he removed his own."""
    from inspector.store.loaded import remove_assignment
    from inspector.store.ownership import record_inspector

    made = laptop(root)
    db = made.db()
    save_assignment(db, Assignment.model_validate(lina_assignment()))
    record_inspector(db.conn, "zhangwei")
    remove_assignment(db, "R2026-2-zhangwei")
    db.close()
    return made


def test_records_keep_the_laptops_inspector_after_its_assignments_are_removed(tmp_path):
    made = _owner_without_assignments(tmp_path / "laptop")
    db = made.db()
    try:
        assert record.identity(db).inspector_id == "zhangwei"
        visit = record.start_visit(db, "WZ-LC-001", date(2026, 12, 1), ["张伟"])
    finally:
        db.close()
    assert visit.author == "zhangwei"


def test_a_laptop_without_its_inspectors_assignments_says_whose_it_is(tmp_path, monkeypatch, write_signed):
    import shutil

    made = _owner_without_assignments(tmp_path / "laptop")
    shutil.rmtree(made.root / "identity")  # no identity: the laptop's records say whose it is
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(made.root))
    before = digest(made.db_path)
    wangfang = factories.assignment(id="R2026-2-wangfang", inspector={"id": "wangfang", "name": "王芳"})
    for lang, truth, untrue in (("en", "belongs to zhangwei", "holds zhangwei's assignments"),
                                ("zh", "本机属于 zhangwei", "已载入 zhangwei 的任务包")):
        refused = run("--lang", lang, "load", str(write_signed(wangfang, "wangfang.json")))
        assert refused.exit_code == 2
        line = refused.stderr.strip()
        assert len(line.splitlines()) == 1 and "wangfang" in line
        assert truth in line and untrue not in line
    assert digest(made.db_path) == before


def test_exporting_from_a_database_without_a_device_says_so(tmp_path, monkeypatch):
    import sqlite3

    made = recorded_laptop(tmp_path / "laptop", photos=0)
    conn = sqlite3.connect(made.db_path)
    with conn:
        conn.execute("DELETE FROM meta WHERE key = 'device_id'")  # damaged: every laptop database has one
    conn.close()
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(made.root))
    refused = run("export", "-o", str(made.out))
    assert refused.exit_code == 2
    assert len(refused.stderr.strip().splitlines()) == 1 and "device_id" in refused.stderr
    assert not list(made.out.glob("*.zip"))
