"""`inspector load`: good files load once; every bad file is refused with one
line naming file, record and field, exit code 2, and the database untouched.

Assignment files are signed by the office; here by the test office
(support.office()), whose key the laptop pins on its first load. Defects in
the content are signed too, so only the defect can be the reason for refusal.
Signature and trust refusals are in test_trust.py."""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import factories
from inspector.cli import cli
from support import signed


def run(db: Path, *args: str):
    result = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    return result


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def loaded_db(tmp_path, write_signed) -> Path:
    db = tmp_path / "laptop.db"
    assert run(db, "load", str(write_signed(factories.assignment(), "first.json"))).exit_code == 0
    return db


def test_load_json_and_again(tmp_path, write_signed):
    db = tmp_path / "x.db"
    path = write_signed(factories.assignment())
    first = run(db, "load", str(path))
    assert first.exit_code == 0, first.output
    assert "已载入任务包 R2026-2-zhangwei" in first.output
    before = digest(db)
    second = run(db, "load", str(path))
    assert second.exit_code == 0 and "未做任何改动" in second.output
    assert digest(db) == before


def test_same_content_in_a_zip_counts_as_the_same(tmp_path, write_signed):
    db = tmp_path / "x.db"
    path = write_signed(factories.assignment())
    archive = tmp_path / "assignment.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(path, "任务包.json")
    assert run(db, "load", str(archive)).exit_code == 0
    result = run(db, "--lang", "en", "load", str(path))
    assert result.exit_code == 0 and "already loaded" in result.output


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + signed(factories.assignment()))
    assert run(tmp_path / "x.db", "load", str(path)).exit_code == 0
    inside = tmp_path / "bom-inside.json"  # a BOM at the start of the signed text
    inside.write_bytes(signed("\ufeff" + json.dumps(factories.assignment(id="R2026-2-b",
                                                                        issued_at="2026-11-22T09:00:00+08:00"))))
    assert run(tmp_path / "x.db", "load", str(inside)).exit_code == 0


def _mutate(change):
    def build():
        data = factories.assignment()
        change(data)
        return data

    return build


def _set(path, value):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return _mutate(change)


def _delete(path):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return _mutate(change)


def _raw(content: bytes):
    """The file as it is: a defect of the file itself, before any signature."""
    return lambda: content


class Payload(bytes):
    """Assignment text to be signed as it is (a defect inside the signed content)."""


def _payload(content: bytes):
    return lambda: Payload(content)


def _zip(members: dict[str, bytes], *, truncate: int = 0, compression=zipfile.ZIP_DEFLATED):
    def build():
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression) as z:
            for name, data in members.items():
                z.writestr(name, data)
        blob = buffer.getvalue()
        return blob[:-truncate] if truncate else blob

    return build


GOOD = json.dumps(factories.assignment(), ensure_ascii=False).encode()
SIGNED_GOOD = signed(GOOD)


def _dup_code(data):
    data["projects"][1]["code"] = data["projects"][0]["code"]


def _item_clash(data):
    data["templates"][0]["sections"][0]["items"][1]["id"] = "lin-01"


def _dup_template(data):
    data["templates"].append(factories.template())


def _problem_elsewhere(data):
    data["open_problems"][0]["project_code"] = "SX-XX-404"


def _problem_bad_item(data):
    data["open_problems"][0]["item"]["item"] = "lin-99"


MALFORMED = [
    # (id, builder -> dict or bytes, suffix, expected fragments of the one-line error)
    ("not-json", _raw(b"this is not json"), ".json", ["不是有效的 JSON", "第 1 行"]),
    ("truncated-file", _raw(SIGNED_GOOD[: SIGNED_GOOD.index(b'"payload"')]), ".json", ["不是有效的 JSON"]),
    ("truncated-payload", _payload(GOOD[: GOOD.index(b'"templates"')]), ".json", ["不是有效的 JSON"]),
    ("truncated-mid-character", _raw(SIGNED_GOOD[: SIGNED_GOOD.index("瓜".encode()) + 1]), ".json", ["truncated"]),
    ("empty", _raw(b""), ".json", ["empty"]),
    ("utf16", _raw(SIGNED_GOOD.decode().encode("utf-16")), ".json", ["UTF-16"]),
    ("gbk", _raw(SIGNED_GOOD.decode().encode("gbk")), ".json", ["不是 UTF-8", "GBK"]),
    ("array", _raw(b"[1, 2, 3]"), ".json", ["一个 JSON 对象"]),
    ("signed-array", _payload(b"[1, 2, 3]"), ".json", ["一个 JSON 对象"]),
    ("unknown-format", _raw(b'{"format": "inspector-bundle"}'), ".json", ["不是任务包", "字段 格式"]),
    ("a-template-not-an-assignment", lambda: factories.template(), ".json", ["不是任务包", "字段 格式"]),
    ("unknown-city", _set(["projects", 0, "city"], "beijing"), ".json", ["projects[0] (HZ-GL-001)", "字段 城市", "“beijing”不是可用的值", "杭州（hangzhou）"]),
    ("chinese-city-name", _set(["projects", 1, "city"], "北京"), ".json", ["projects[1] (NB-YZ-001)", "字段 城市", "“北京”"]),
    ("duplicate-project-code", _mutate(_dup_code), ".json", ["projects[1] (HZ-GL-001)", "字段 编号", "已用于 projects[0]"]),
    ("item-id-clash", _mutate(_item_clash), ".json", ["templates[0] (zj-problem v1)", "字段 章节", "lin-01", "重复"]),
    ("template-missing", _set(["checklists", 0, "version"], 3), ".json", ["checklists[0]", "zj-problem 第 3 版", "没有附上"]),
    ("duplicate-template", _mutate(_dup_template), ".json", ["templates[1] (zj-problem v1)", "出现了两次"]),
    ("problem-unknown-project", _mutate(_problem_elsewhere), ".json", ["open_problems[0]", "字段 项目编号", "SX-XX-404"]),
    ("problem-unknown-item", _mutate(_problem_bad_item), ".json", ["open_problems[0]", "字段 “检查项”（item.item）", "lin-99"]),
    ("missing-issued-at", _delete(["issued_at"]), ".json", ["字段 签发时间", "缺少此项"]),
    ("naive-timestamp", _set(["issued_at"], "2026-11-20T09:00:00"), ".json", ["字段 签发时间", "缺少时区"]),
    ("unknown-field", _set(["projects", 0, "colour"], "red"), ".json", ["projects[0] (HZ-GL-001)", "字段 colour", "未知字段"]),
    ("bad-answer-type", _set(["templates", 0, "sections", 0, "items", 0, "answer"], {"type": "slider"}), ".json",
     ["templates[0] (zj-problem v1)", "sections[0].items[0].answer"]),
    ("negative-households", _set(["projects", 0, "households"], -5), ".json", ["字段 户数", "不能小于 0"]),
    ("no-projects", _set(["projects"], []), ".json", ["字段 项目", "至少要有 1 项"]),
    ("huge-revision", _set(["open_problems", 0, "rev"], 2**63), ".json", ["open_problems[0]", "字段 修订号"]),
    ("huge-version", _set(["templates", 0, "version"], 10**20), ".json", ["templates[0]", "字段 版本"]),
    ("infinite-number", _payload(GOOD.replace(b'"rural": false', b'"households": 1e999, "rural": false', 1)), ".json",
     ["projects[0]", "字段 户数", "应为数字"]),
    ("newline-in-code", _set(["projects", 0, "code"], "HZ\nGL"), ".json", ["projects[0].code", "编号", "U+000A"]),
    ("newline-in-field-name", _set(["projects", 0, "naem\nx"], 1), ".json", ["projects[0]", "未知字段"]),
    ("checklist-listed-twice", _set(["checklists"], [{"id": "zj-problem", "version": 1}] * 2), ".json",
     ["checklists[1]", "字段 版本", "列了两次"]),
    ("problem-item-in-unknown-template", _set(["open_problems", 0, "item", "template"], "nonexist"), ".json",
     ["open_problems[0]", "字段 “检查表”（item.template）", "检查表 nonexist 第 1 版既不在文件中"]),
    ("truncated-zip", _zip({"a.json": SIGNED_GOOD}, truncate=40), ".zip", ["zip"]),
    ("zip-two-json", _zip({"a.json": SIGNED_GOOD, "b.json": SIGNED_GOOD}), ".zip", ["恰好有一个 .json"]),
    ("zip-no-json", _zip({"readme.txt": b"hello"}), ".zip", ["恰好有一个 .json", "readme.txt"]),
    ("zip-bomb", _zip({"a.json": b" " * 5_000_000 + SIGNED_GOOD}), ".zip", ["压缩比"]),
    ("zip-bad-json", _zip({"a.json": b"{\"format\": "}, compression=zipfile.ZIP_STORED), ".zip", ["不是有效的 JSON"]),
]


@pytest.mark.parametrize("name, build, suffix, fragments", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_file_is_refused_and_nothing_changes(tmp_path, loaded_db, name, build, suffix, fragments):
    content = build()
    if isinstance(content, Payload):
        content = signed(bytes(content))
    elif not isinstance(content, bytes):
        # give it a fresh identity so only the defect can be the reason for refusal
        if isinstance(content, dict) and content.get("format") == "inspector-assignment":
            content["id"] = "R2026-2-zhangwei-v2"
            content.setdefault("issued_at", "")
            if content["issued_at"] == "2026-11-20T09:00:00+08:00":
                content["issued_at"] = "2026-11-21T09:00:00+08:00"
            if content["issued_at"] == "":
                del content["issued_at"]
        content = signed(json.dumps(content, ensure_ascii=False))
    path = tmp_path / f"{name}{suffix}"
    path.write_bytes(content)
    before = digest(loaded_db)

    result = run(loaded_db, "load", str(path))

    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"错误：{path}"), lines[0]
    for fragment in fragments:
        assert fragment in lines[0], f"{fragment!r} not in {lines[0]!r}"
    assert result.stdout == ""
    assert digest(loaded_db) == before


@pytest.mark.parametrize(
    "change, fragments",
    [
        (dict(id="R2026-2-old", issued_at="2026-11-01T09:00:00+08:00"), ["字段 签发时间", "不比本轮已载入的任务包 R2026-2-zhangwei"]),
        (dict(issued_by="别的办公室"), ["字段 编号", "编号为 R2026-2-zhangwei 的任务包已经载入过"]),
    ],
)
def test_conflicts_with_stored_data_are_refused(tmp_path, loaded_db, write_signed, change, fragments):
    path = write_signed(factories.assignment(**change), "conflict.json")
    before = digest(loaded_db)
    result = run(loaded_db, "load", str(path))
    assert result.exit_code == 2
    for fragment in fragments:
        assert fragment in result.stderr
    assert digest(loaded_db) == before


def test_changed_template_version_is_refused(tmp_path, loaded_db, write_signed):
    template = factories.template()
    template["sections"][0]["items"][0]["prompt"] = "改写过的问题"
    path = write_signed(factories.assignment(id="R2026-2-b", issued_at="2026-11-22T09:00:00+08:00", templates=[template]))
    before = digest(loaded_db)
    result = run(loaded_db, "load", str(path))
    assert result.exit_code == 2
    assert "templates[0] (zj-problem v1)：字段 版本：与本机已存的检查表 zj-problem 第 1 版不同" in result.stderr
    assert digest(loaded_db) == before


def test_missing_file_and_directory(tmp_path, loaded_db):
    before = digest(loaded_db)
    missing = run(loaded_db, "load", str(tmp_path / "nope.json"))
    assert missing.exit_code == 2
    folder = tmp_path / "folder"
    folder.mkdir()
    assert run(loaded_db, "load", str(folder)).exit_code == 2
    assert digest(loaded_db) == before


def test_bad_file_never_creates_a_database(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{", encoding="utf-8")
    db = tmp_path / "new.db"
    assert run(db, "load", str(path)).exit_code == 2
    assert not db.exists()


def test_real_process_exit_code_and_no_traceback(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"format": "inspector-assignment"', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "inspector", "--db", str(tmp_path / "x.db"), "load", str(path)],
        capture_output=True, text=True, encoding="utf-8",
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path, write_signed):
    db = tmp_path / "notes.db"
    db.write_bytes(b"these are my notes, not a database" * 100)
    before = digest(db)
    result = run(db, "load", str(write_signed(factories.assignment())))
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and str(db) in result.stderr
    assert digest(db) == before


def test_both_fixture_assignments_load_each_on_its_inspectors_laptop(tmp_path):
    """Two inspectors, two laptops (a laptop belongs to one inspector: see test_ownership.py)."""
    from inspector.store import list_project_rows, open_reader

    fixtures = Path(__file__).resolve().parents[2] / "fixtures"
    rows = []
    for name in ("assignment.json", "assignment-lina.json"):
        db = tmp_path / f"{name}.db"
        result = run(db, "load", str(fixtures / name))
        assert result.exit_code == 0, result.output
        # signed with the demo office key, and the first load says so
        assert "演示密钥" in result.output, result.output
        conn = open_reader(db)
        rows += list_project_rows(conn)
        conn.close()
    assert len(rows) >= 45  # the union of both inspectors' projects
    assert {r.city for r in rows} == {
        "hangzhou", "ningbo", "wenzhou", "jiaxing", "huzhou", "shaoxing", "jinhua", "quzhou",
        "zhoushan", "taizhou", "lishui",
    }


def test_fixture_content_is_what_the_issue_asks_for():
    from inspector.assignment import read_assignment

    fixtures = Path(__file__).resolve().parents[2] / "fixtures"
    a = read_assignment(fixtures / "assignment.json")
    b = read_assignment(fixtures / "assignment-lina.json")
    assert a.inspector.id != b.inspector.id
    assert len(a.projects) >= 40
    assert {p.creation_type for p in a.projects} == {
        "integrate_improve", "partial_demolition", "demolish_rebuild", "planned_new", "whole_area",
        "new_build", "renovation",
    }
    assert sum(p.rural for p in a.projects) >= 5
    problem = next(t for t in a.templates if t.kind == "problem")
    innovation = next(t for t in a.templates if t.kind == "innovation")
    assert sum(1 for _ in problem.items()) >= 60
    assert sum(1 for _ in innovation.items()) >= 15
    assert {i.scenario for i in problem.items()} >= {
        "neighbourhood", "education", "health", "entrepreneurship", "architecture", "transport",
        "low_carbon", "services", "governance", "party_building",
    }
    assert any(i.veto for i in problem.items())
    assert len(a.open_problems) >= 10


def test_fixtures_rebuild_byte_for_byte(tmp_path):
    """fixtures/build.py is the source; the JSON files must be what it writes."""
    root = Path(__file__).resolve().parents[2] / "fixtures"
    subprocess.run([sys.executable, str(root / "build.py"), str(tmp_path)], check=True, capture_output=True)
    built = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*.json")}
    committed = {p.relative_to(root): p.read_bytes() for p in root.rglob("*.json")}
    assert built == committed


ENGLISH = [("unknown-city", ["field city", "'beijing' is not allowed", "hangzhou"]),
           ("naive-timestamp", ["field issued at", "has no time zone"]),
           ("unknown-field", ["field colour", "unknown field (not in the assignment format)"])]


@pytest.mark.parametrize("name, fragments", ENGLISH, ids=[e[0] for e in ENGLISH])
def test_validation_refusals_in_english_hold_no_chinese(tmp_path, loaded_db, name, fragments):
    """The same refusals with --lang en: English words, no Chinese but what the file itself held."""
    build = next(m[1] for m in MALFORMED if m[0] == name)
    content = build()
    content["id"] = "R2026-2-zhangwei-v2"
    path = tmp_path / f"{name}.json"
    path.write_bytes(signed(json.dumps(content, ensure_ascii=False)))
    result = CliRunner().invoke(cli, ["--lang", "en", "--db", str(loaded_db), "load", str(path)],
                                catch_exceptions=False)
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    for fragment in fragments:
        assert fragment in line, line
    assert not re.search(r"[\u3400-\u9fff]", line), line


@pytest.mark.parametrize("name, fragment", [("not-json", "not valid JSON (line 1, column 1)"),
                                            ("gbk", "not UTF-8 text"), ("zip-bomb", "zip bomb"),
                                            ("array", "one JSON object")])
def test_file_refusals_in_english_hold_no_chinese(tmp_path, loaded_db, name, fragment):
    build, suffix = next((m[1], m[2]) for m in MALFORMED if m[0] == name)
    path = tmp_path / f"{name}{suffix}"
    path.write_bytes(build())
    result = CliRunner().invoke(cli, ["--lang", "en", "--db", str(loaded_db), "load", str(path)],
                                catch_exceptions=False)
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert fragment in line and not re.search(r"[\u3400-\u9fff]", line), line
