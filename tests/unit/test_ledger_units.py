"""The unit directory: imported from the office's spreadsheet (Chinese or
English headers, UTF-8 or GB18030), edited, disabled, never deleted; a bad
cell refuses the whole file naming file, row and column."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import bundles as B
from inspector.office.db import open_office_db
from inspector.office.ledger import LedgerRefused
from inspector.office.ledger import units as U
from inspector.office.ledger.words import refusal
from ledger_office import STAFF

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "units.csv"


@pytest.fixture
def office(tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    return B.make_office(tmp_path)


def test_the_sample_imports_and_again_changes_nothing(office):
    db = open_office_db(office.db)
    done = U.import_units(db, SAMPLE, by=STAFF)
    assert (done.new, done.updated) == (14, 0)
    xiaoshan = U.find(db, "杭州市萧山区人民政府")
    assert (xiaoshan.role, xiaoshan.city, xiaoshan.district) == ("local", "hangzhou", "萧山区")
    assert xiaoshan.id == U.unit_id("杭州市萧山区人民政府", "hangzhou")
    assert U.import_units(db, SAMPLE, by=STAFF).unchanged == 14
    assert office.rows("SELECT count(*) FROM units") == [(14,)]
    assert office.rows("SELECT action FROM audit_log WHERE action LIKE 'unit.%'") == [("unit.import",)] * 2


def test_english_headers_and_gb18030(office, tmp_path):
    db = open_office_db(office.db)
    english = tmp_path / "en.csv"
    english.write_text("id,name,role,city,district,contact,phone\nxs,Xiaoshan gov,local,Hangzhou,,,0571-1234567\n",
                       encoding="utf-8")
    U.import_units(db, english, by=STAFF)
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("单位名称,类别,城市\n宁波市住房和城乡建设局,牵头部门,宁波市\n".encode("gb18030"))
    U.import_units(db, gbk, by=STAFF)
    assert sorted((u.id, u.role, u.city) for u in U.units(db)) == [
        (U.unit_id("宁波市住房和城乡建设局", "ningbo"), "lead", "ningbo"), ("xs", "local", "hangzhou")]


@pytest.mark.parametrize("text, code, words", [
    ("单位名称,类别,城市\n甲单位,牵头部门,杭州\n乙单位,主管部门,杭州\n", "cell_bad_role", "第 3 行“类别”列"),
    ("单位名称,类别,城市\n甲单位,牵头部门,上海\n", "cell_bad_city", "第 2 行“城市”列：“上海”"),
    ("单位名称,类别,电话\n甲单位,实施单位,call me\n", "cell_bad_phone", "“电话”列"),
    ("单位名称,类别\n,实施单位\n", "cell_missing", "“单位名称”列：不能为空"),
    ("单位名称,城市\n甲单位,杭州\n", "units_header_missing", "role"),
    ("单位名称,类别,备注\n甲单位,实施单位,x\n", "units_bad_header", "备注"),
    ("单位名称,类别\n甲单位,实施单位\n甲单位,实施单位\n", "units_twice", "第 2 行"),
])
def test_a_bad_cell_refuses_the_file_and_stores_nothing(office, tmp_path, text, code, words):
    db = open_office_db(office.db)
    bad = tmp_path / "units.csv"
    bad.write_text(text, encoding="utf-8")
    before = office.dump()
    with pytest.raises(LedgerRefused) as exc:
        U.import_units(db, bad, by=STAFF)
    assert exc.value.code == code
    line = refusal(exc.value, "zh")
    assert str(bad) in line and words in line, line
    assert "\n" not in line
    assert refusal(exc.value, "en") != line
    assert office.dump() == before


def test_add_edit_disable_never_delete(office):
    db = open_office_db(office.db)
    unit = U.add(db, name="瓜沥镇人民政府", role="属地政府", city="杭州", by=STAFF)
    with pytest.raises(LedgerRefused) as exc:
        U.add(db, name="瓜沥镇人民政府", role="local", city="hangzhou", by=STAFF)
    assert exc.value.code == "unit_exists"
    with pytest.raises(LedgerRefused) as exc:
        U.add(db, name="x", role="boss", by=STAFF)
    assert refusal(exc.value, "en").startswith("--role: ")
    version = U.edit(db, unit.id, seen_version=1, contact="俞晓峰", by=STAFF)
    before = office.dump()
    with pytest.raises(LedgerRefused) as exc:
        U.edit(db, unit.id, seen_version=1, phone="0571-1", by=STAFF)
    assert exc.value.code == "unit_stale" and office.dump() == before
    U.disable(db, unit.id, by=STAFF, seen_version=version)
    (stored,) = U.units(db)
    assert stored.disabled and stored.contact == "俞晓峰"
    assert U.units(db, include_disabled=False) == []
    with pytest.raises(sqlite3.IntegrityError):
        db.conn.execute("DELETE FROM units")
    assert [a for (a,) in office.rows("SELECT action FROM audit_log WHERE action LIKE 'unit.%' ORDER BY seq")] == [
        "unit.add", "unit.edit", "unit.disable"]
