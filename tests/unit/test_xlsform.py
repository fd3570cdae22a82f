"""The XLSForm round trip: export → import gives the same template; a plain
XLSForm (no columns of ours) imports and can be used for a visit; malformed
workbooks are refused with sheet, row and column, and nothing is stored."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

import factories
from inspector.checklists import versions
from inspector.checklists.expressions import ExpressionError, parse_constraint, parse_relevant, write_relevant
from inspector.checklists.xlsform import Place, SpreadsheetRefused, grouped_lines, read_xlsform, write_xlsform
from inspector.cli import cli
from inspector.models import Applicability, ChecklistTemplate
from inspector.office.db import open_office_db
from support import register_staff

from conftest import FIXTURES

TEMPLATES = sorted((FIXTURES / "templates").glob("*.json"))  # every version of both fixture checklists
PROBLEM = FIXTURES / "templates" / "problem-checklist.v1.json"


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_export_then_import_gives_the_same_template(tmp_path, path):
    template = ChecklistTemplate.model_validate_json(path.read_text(encoding="utf-8"))
    out = tmp_path / "checklist.xlsx"
    write_xlsform(template, out)
    book = load_workbook(out)
    assert book.sheetnames == ["survey", "choices", "settings"]
    assert [c.value for c in book["survey"][1]][:4] == ["type", "name", "label::zh", "label::en"]
    back = read_xlsform(out)
    assert back.warnings == []
    assert back.template == template
    assert back.template.model_dump_json() == template.model_dump_json()


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_the_export_is_an_xlsform_other_tools_accept(tmp_path, path):
    """ODK's converter takes it: relevant names only questions, the project's
    attributes being asked in the leading 'project' group."""
    from pyxform.xls2xform import convert

    template = ChecklistTemplate.model_validate_json(path.read_text(encoding="utf-8"))
    out = tmp_path / "checklist.xlsx"
    write_xlsform(template, out)
    warnings: list[str] = []
    xform = convert(xlsform=str(out), warnings=warnings).xform
    assert template.title in xform and warnings == []
    survey = load_workbook(out)["survey"]
    if any(item.applies != Applicability() for item in template.items()):
        assert [c.value for c in survey[2]][:2] == ["begin_group", "project"]


def test_questions_put_in_the_project_group_are_refused(tmp_path):
    survey = [PLAIN_SURVEY[0], ["begin_group", "project", "项目"], ["select_one setting", "setting", "城乡"],
              ["text", "extra", "额外的问题"], ["end_group"], *PLAIN_SURVEY[2:]]
    choices = [*PLAIN_CHOICES, ["setting", "urban", "城镇"], ["setting", "rural", "乡村"]]
    with pytest.raises(SpreadsheetRefused) as refused:
        read_xlsform(workbook(tmp_path / "p.xlsx", survey=survey, choices=choices))
    assert [(e.place.row, e.place.column) for e in refused.value.errors] == [(4, "B")]
    del survey[3]
    imported = read_xlsform(workbook(tmp_path / "p.xlsx", survey=survey, choices=choices))
    assert [s.id for s in imported.template.sections] == ["neighbourhood", "rural"]
    assert not any("setting" in w.message for w in imported.warnings)


def test_what_xlsform_cannot_say_still_round_trips(tmp_path):
    data = factories.template()
    item = data["sections"][0]["items"][0]
    item["prompt"] = "=这不是公式"  # text that looks like a formula stays text
    item["guidance"] = "  第一行\n第二行  "
    item["applies"] = {"declared_scenario": "health", "scenario_roles": []}  # relevant cannot say "never"
    second = data["sections"][0]["items"][1]
    second["applies"] = {"scenario_roles": ["optional"]}  # roles without a scenario: meaningless but kept
    second["answer"]["options"][0]["value"] = "1"
    data["sections"][0]["items"].append({
        "id": "lin-03", "prompt": "满意度评分", "scenario": "neighbourhood",
        "answer": {"type": "score", "min": -2.5, "max": 7.25, "step": 0.25}, "max_score": 10,
    })
    data["sections"][0]["items"].append({
        "id": "lin-04", "prompt": "开放时长", "scenario": "neighbourhood",
        "answer": {"type": "number", "unit": "小时", "max": 24}, "applies": {"scenario_roles": ["optional",
                                                                                              "standard"]},
    })
    template = ChecklistTemplate.model_validate(data)
    out = tmp_path / "odd.xlsx"
    write_xlsform(template, out)
    assert read_xlsform(out).template == template


@pytest.mark.parametrize("item_id", ["setting", "creation_type", "orientation", "scenario_role", "pass_fail"])
def test_an_item_named_like_a_built_in_list_keeps_its_options(tmp_path, item_id):
    """Item lists are named after their item; the export's own lists (pass/fail
    and the project questions') share that namespace and must not merge."""
    data = factories.template()
    items = data["sections"][0]["items"]
    items[1]["id"] = item_id
    items[1]["answer"]["options"][0]["value"] = "urban"  # a value the built-in list holds too
    items[0]["applies"] = {"setting": "rural", "creation_types": ["renovation"], "orientations": ["leading"],
                           "declared_scenario": "health", "scenario_roles": ["standard"]}
    template = ChecklistTemplate.model_validate(data)
    out = tmp_path / "clash.xlsx"
    write_xlsform(template, out)
    back = read_xlsform(out)
    assert back.template == template and back.warnings == []


def test_checklist_text_has_one_form_and_it_round_trips(tmp_path):
    """Line breaks are \\n whatever typed them, a blank is nothing, a unit has
    no spaces around it: the model stores the form a spreadsheet gives back."""
    data = factories.template()
    first, second = data["sections"][0]["items"]
    first.update(prompt="第一行\r\n第二行", guidance="指引\r第二行\x0b第三行\r\n", guidance_en="")
    second.update(guidance="   ", guidance_en=" \r\n ")
    second["answer"]["options"][0]["label"] = "未\r\n建立"
    data["description"] = "  \t "
    data["sections"][0]["items"].append({"id": "lin-03", "prompt": "面积", "scenario": "neighbourhood",
                                         "answer": {"type": "number", "unit": " 平方米 "}})
    template = ChecklistTemplate.model_validate(data)
    items = list(template.items())
    assert (items[0].prompt, items[0].guidance, items[0].guidance_en) == ("第一行\n第二行", "指引\n第二行\n第三行\n",
                                                                         None)
    assert (items[1].guidance, items[1].guidance_en) == ("", None)
    assert items[1].answer.options[0].label == "未\n建立"
    assert (template.description, items[2].answer.unit) == ("", "平方米")
    assert ChecklistTemplate.model_validate(template.model_dump()) == template
    out = tmp_path / "text.xlsx"
    write_xlsform(template, out)
    back = read_xlsform(out)
    assert back.template == template and back.warnings == []


def test_a_unit_of_only_spaces_is_refused():
    data = factories.template()
    data["sections"][0]["items"][0]["answer"] = {"type": "number", "unit": "   "}
    with pytest.raises(ValueError, match="at least 1 character"):
        ChecklistTemplate.model_validate(data)


@pytest.mark.parametrize(("text", "code"), [("响铃\x07", "0007"), ("a\x00b", "0000"), ("转义\x1b[0m", "001B"),
                                          ("\x1f", "001F")])
def test_control_characters_are_refused_by_name_not_a_crash(tmp_path, office_db, text, code):
    """They cannot go into a workbook (openpyxl refuses them mid-export), so the
    checklist refuses them, saying which item and field; nothing is stored."""
    import json

    data = factories.template()
    data["sections"][0]["items"][1]["guidance"] = text
    path = tmp_path / "ctrl.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = _dump(office_db)
    result = CliRunner().invoke(cli, ["--lang", "en", "office", "--office-db", str(office_db), "checklists",
                                      "import", str(path)], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"error: {path}: lin-02: Guidance: holds the control character U+{code}, "
        "which no spreadsheet can hold (pasted from another program?); delete it"]
    assert _dump(office_db) == before


def test_a_stored_version_that_fails_todays_checks_is_named_not_a_crash(tmp_path, office_db):
    """A version published before control characters were refused: export says
    so in a line instead of failing inside openpyxl."""
    import json
    import sqlite3

    data = factories.template(tid="old-one")
    data["sections"][0]["items"][0]["guidance"] = "响铃\x07"
    conn = sqlite3.connect(office_db)
    conn.execute("INSERT INTO templates VALUES ('old-one', 1, 'problem', ?, 'x', '2026-01-01')", (json.dumps(data),))
    conn.commit()
    conn.close()
    result = CliRunner().invoke(cli, ["--lang", "en", "office", "--office-db", str(office_db), "checklists",
                                      "export", "old-one", "-o", str(tmp_path / "old.xlsx")],
                                catch_exceptions=False)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.output.startswith("error: Version 1 of old-one as stored does not pass today's checks "
                                    "(lin-01: Guidance: holds the control character U+0007")
    assert not (tmp_path / "old.xlsx").exists()


def test_relevant_expressions():
    assert parse_relevant("${setting} = 'rural'") == Applicability(setting="rural")
    assert parse_relevant(
        "(${creation_type} = 'new_build' or selected(${creation_type}, \"planned_new\")) and "
        "${scenario_health} != '' and ${orientation} = 'leading'"
    ) == Applicability(creation_types=["new_build", "planned_new"], orientations=["leading"],
                       declared_scenario="health")
    assert parse_relevant("${scenario_education} = 'standard'") == Applicability(
        declared_scenario="education", scenario_roles=["standard"])
    rule = Applicability(creation_types=["renovation"], setting="urban", declared_scenario="transport",
                         scenario_roles=["optional"])
    assert parse_relevant(write_relevant(rule)) == rule
    for bad in ("${age} > 3", "${setting} = 'suburban'", "${setting} = 'urban' or ${setting} = 'rural'",
                "${scenario_health} != '' and ${scenario_education} != ''", "${creation_type} = 'x'",
                "(${creation_type} = 'new_build' or ${orientation} = 'leading')", "${setting} = 'urban' and",
                "not(${setting} = 'urban')", "${setting} = 'urban' and ${setting} = 'rural'"):
        with pytest.raises(ExpressionError):
            parse_relevant(bad)
    assert parse_constraint(". >= 0 and . <= 10") == (0, 10)
    assert parse_constraint(". <= 1.5") == (None, 1.5)
    for bad in (". > 0", ". >= 0 or . <= 3", "${x} >= 1", ". >= a"):
        with pytest.raises(ExpressionError):
            parse_constraint(bad)


# ------------------------------------------------------- a plain XLSForm
PLAIN_SURVEY = [
    ["type", "name", "label", "hint", "required", "relevant", "constraint", "appearance"],
    ["start", "start", None, None, None, None, None, None],
    ["begin_group", "neighbourhood", "邻里中心", None, None, None, None, None],
    ["note", "intro", "先查看开放时间公示。", None, None, None, None, None],
    ["select_one yes_no", "center_open", "邻里中心是否对居民开放？", "看门口公示", "yes", None, None, None],
    ["integer", "visitors", "日均到访人次", None, None, None, ". >= 0", None],
    ["decimal", "area", "邻里中心面积（平方米）", None, None, None, ". >= 0 and . <= 100000", None],
    ["end_group", None, None, None, None, None, None, None],
    ["begin group", "rural", "乡村", None, None, None, None, None],
    ["select_one quality", "style", "风貌是否协调？", None, "true", "${setting} = 'rural'", None, None],
    ["text", "remarks", "其他意见", None, None, None, None, "multiline"],
    ["date", "opened", "开放日期", None, None, None, None, None],
    ["end group", None, None, None, None, None, None, None],
]
PLAIN_CHOICES = [
    ["list_name", "name", "label"],
    ["yes_no", "yes", "是"],
    ["yes_no", "no", "否"],
    ["quality", 1, "协调"],
    ["quality", 2, "一般"],
    ["quality", 3, "不协调"],
]
PLAIN_SETTINGS = [["form_title", "form_id", "version"], ["邻里中心抽查表", "nb-spot-check", "2026111501"]]


def workbook(path: Path, survey=PLAIN_SURVEY, choices=PLAIN_CHOICES, settings=PLAIN_SETTINGS,
             edit=None) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in (("survey", survey), ("choices", choices), ("settings", settings)):
        if rows is None:
            continue
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    if edit is not None:
        edit(book)
    book.save(path)
    return path


def test_a_plain_xlsform_imports(tmp_path):
    path = workbook(tmp_path / "spot-check.xlsx")
    imported = read_xlsform(path)
    template = imported.template
    assert (template.id, template.title, template.version, template.kind) == (
        "nb-spot-check", "邻里中心抽查表", 2026111501, "problem")
    assert [s.id for s in template.sections] == ["neighbourhood", "rural"]
    items = {i.id: i for i in template.items()}
    assert items["center_open"].answer.type == "single_choice"
    assert [o.value for o in items["center_open"].answer.options] == ["yes", "no"]
    assert items["center_open"].required and items["center_open"].guidance == "先查看开放时间公示。\n看门口公示"
    assert items["visitors"].answer.model_dump() == {"type": "number", "unit": "—", "min": 0, "max": None,
                                                      "integer": True}
    assert items["area"].answer.max == 100000 and not items["area"].answer.integer
    assert [o.value for o in items["style"].answer.options] == ["1", "2", "3"]
    assert items["style"].applies == Applicability(setting="rural")
    assert items["remarks"].answer.multiline and items["opened"].answer.type == "date"
    assert all(i.scenario == "general" for i in template.items())
    lines = grouped_lines(imported.warnings, "f.xlsx")
    assert "f.xlsx: sheet survey, row 2, column A (type): 'start' records how a form was filled in; a checklist " \
           "has no use for it; not imported" in lines
    assert "f.xlsx: sheet survey, row 4, column C (label): note read as guidance of question 'center_open'" in lines
    assert "f.xlsx: sheet survey, rows 5–7, 10–12, column scenario: no scenario: 'general' (general)" in lines
    assert "f.xlsx: sheet survey, rows 6–7, column unit: no unit: '—'" in lines
    assert "f.xlsx: sheet settings, row 2, column kind: no kind: taken as a problem checklist" in lines


def test_a_plain_xlsform_can_be_used_for_a_visit(tmp_path):
    from inspector.inspection import record
    from inspector.inspection.snapshot import load_visit
    from inspector.models import Assignment, ItemRef
    from inspector.store import open_db
    from inspector.store.assignments import save_assignment

    template = read_xlsform(workbook(tmp_path / "spot-check.xlsx")).template
    assignment = Assignment.model_validate(factories.assignment(
        templates=[template.model_dump(mode="json")], checklists=[template.ref.model_dump()], open_problems=[],
        projects=[factories.project(rural=True)]))
    db = open_db(tmp_path / "laptop.db")
    save_assignment(db, assignment)
    visit = record.start_visit(db, "HZ-GL-001", date(2026, 11, 25), ["张伟"])
    ref = ItemRef(template=template.id, version=template.version, item="style")
    record.save_answer(db, visit.id, ref, value="3")
    snapshot = load_visit(db, visit.id)
    assert [e.item.id for e in snapshot.entries if e.applies] == [
        "center_open", "visitors", "area", "style", "remarks", "opened"]
    assert snapshot.values[(template.id, template.version, "style")] == "3"
    db.close()


# --------------------------------------------------- malformed workbooks
def _cell(sheet: str, ref: str, value):
    def edit(book):
        book[sheet][ref] = value
    return edit


def _append(sheet: str, *rows):
    def edit(book):
        for row in rows:
            book[sheet].append(row)
    return edit


def _insert(sheet: str, index: int, row):
    def edit(book):
        book[sheet].insert_rows(index)
        for column, value in enumerate(row, start=1):
            book[sheet].cell(index, column, value)
    return edit


def _merge(sheet: str, cells: str):
    def edit(book):
        book[sheet].merge_cells(cells)
    return edit


def _delete_sheet(name: str):
    def edit(book):
        del book[name]
    return edit


MALFORMED = {
    # name: (edit, (sheet, row, column) expected among the errors)
    "no survey sheet": (_delete_sheet("survey"), ("survey", None, None)),
    "no type column": (_cell("survey", "A1", "kind"), ("survey", 1, None)),
    "repeated column title": (_cell("survey", "I1", "label"), ("survey", 1, "I")),
    "question name used twice": (_cell("survey", "B6", "center_open"), ("survey", 6, "B")),
    "group name used twice": (_cell("survey", "B9", "neighbourhood"), ("survey", 9, "B")),
    "unknown type": (_cell("survey", "A6", "integr"), ("survey", 6, "A")),
    "unsupported type": (_cell("survey", "A7", "select_multiple yes_no"), ("survey", 7, "A")),
    "list not in choices": (_cell("survey", "A10", "select_one colours"), ("survey", 10, "A")),
    "choice twice in a list": (_cell("choices", "B3", "yes"), ("choices", 3, "B")),
    "list with one choice": (_append("survey", ["select_one lonely", "lonely_q", "孤单"]), ("survey", 14, "A")),
    "answer that does not fit the type": (_cell("survey", "I10", "score"), ("survey", 10, "I")),
    "choice without a label": (_cell("choices", "C5", None), ("choices", 5, "C")),
    "choice without a list": (_cell("choices", "A4", None), ("choices", 4, "A")),
    "bad relevant": (_cell("survey", "F10", "${visitors} > 10"), ("survey", 10, "F")),
    "relevant with an unknown value": (_cell("survey", "F10", "${setting} = 'island'"), ("survey", 10, "F")),
    "bad constraint": (_cell("survey", "G6", ". > 0 or . < 5"), ("survey", 6, "G")),
    "spreadsheet formula": (_cell("survey", "C5", "=CONCAT(\"邻里\",\"中心\")"), ("survey", 5, "C")),
    "question without a label": (_cell("survey", "C11", None), ("survey", 11, "C")),
    "required is a condition": (_cell("survey", "E5", "${visitors} > 0"), ("survey", 5, "E")),
    "bad question name": (_cell("survey", "B5", "开放"), ("survey", 5, "B")),
    "group never closed": (_cell("survey", "A13", "note"), ("survey", 9, "B")),
    "end without begin": (_insert("survey", 3, ["end_group"]), ("survey", 3, "A")),
    "nested group": (_insert("survey", 4, ["begin_group", "inner", "内层"]), ("survey", 4, "A")),
    "empty group": (_insert("survey", 3, ["end_group"]), ("survey", 3, "B")),
    "no choices sheet": (_delete_sheet("choices"), ("choices", None, None)),
    "bad form id": (_cell("settings", "B2", "bad id!"), ("settings", 2, "B")),
    "unknown kind": (_cell("settings", "D2", "survey"), ("settings", 2, "D")),
    "score without a maximum": (_append("survey", ["begin_group", "g2", "评分"],
                                        ["decimal", "score_q", "打分", None, None, None, ". >= 0", None,
                                         "score"],
                                        ["end_group"]), ("survey", 15, "G")),
    "evidence of an unknown type": (_cell("survey", "I5", "rumour"), ("survey", 5, "I")),
    # only E5 holds "yes"; read as they are, E6 and E7 would be blank
    "merged cells over a value": (_merge("survey", "E5:E7"), ("survey", 5, "E")),
    "merged choice cells": (_merge("choices", "A4:A6"), ("choices", 4, "A")),
}


def _edit_for(name):
    edit, _ = MALFORMED[name]
    if name == "list with one choice":
        def both(book):
            book["choices"].append(["lonely", "only", "唯一"])
            edit(book)
        return both
    if name == "empty group":
        def both(book):
            edit(book)
            _insert("survey", 3, ["begin_group", "empty", "空"])(book)
        return both
    if name in ("score without a maximum", "answer that does not fit the type"):
        def both(book):
            book["survey"]["I1"] = "answer"
            edit(book)
        return both
    if name == "unknown kind":
        def both(book):
            book["settings"]["D1"] = "kind"
            edit(book)
        return both
    if name == "evidence of an unknown type":
        def both(book):
            book["survey"]["I1"] = "evidence"
            edit(book)
        return both
    return edit


def _dump(path: Path) -> list[str]:
    db = open_office_db(path)
    try:
        return list(db.conn.iterdump())
    finally:
        db.close()


@pytest.fixture
def office_db(tmp_path) -> Path:
    path = tmp_path / "office.db"
    db = open_office_db(path)
    register_staff(db)
    versions.import_draft(db, ChecklistTemplate.model_validate_json(PROBLEM.read_text(encoding="utf-8")),
                          by="ceshi")
    versions.publish(db, "zj-problem", "首版", by="ceshi")
    db.close()
    return path


def test_the_plain_workbook_is_fine_before_it_is_broken(tmp_path):
    read_xlsform(workbook(tmp_path / "fine.xlsx"))


@pytest.mark.parametrize("name", list(MALFORMED))
def test_malformed_workbooks_are_refused_with_their_positions(tmp_path, office_db, name):
    path = workbook(tmp_path / "bad.xlsx", edit=_edit_for(name))
    _, (sheet, row, column) = MALFORMED[name]
    with pytest.raises(SpreadsheetRefused) as refused:
        read_xlsform(path)
    places = [(e.place.sheet, e.place.row, e.place.column) for e in refused.value.errors if e.place]
    assert (sheet, row, column) in places, refused.value.lines()

    before = _dump(office_db)
    result = CliRunner().invoke(cli, ["--lang", "en", "office", "--office-db", str(office_db), "checklists",
                                      "import", str(path)], catch_exceptions=False)
    assert result.exit_code == 2
    expected = f"sheet {sheet}" + (f", row {row}" if row else "") + (f", column {column}" if column else "")
    assert expected in result.output and "Traceback" not in result.output
    assert all(line.startswith(f"error: {path}: ") for line in result.output.splitlines())
    assert _dump(office_db) == before


def test_files_that_are_not_workbooks(tmp_path, office_db):
    before = _dump(office_db)
    for name, content in (("text.xlsx", b"type,name\n"), ("empty.xlsx", b"")):
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(SpreadsheetRefused, match="not an XLSX workbook"):
            read_xlsform(path)
    result = CliRunner().invoke(cli, ["office", "--office-db", str(office_db), "checklists", "import",
                                      str(tmp_path / "missing.xlsx")], catch_exceptions=False)
    assert result.exit_code == 2 and "missing.xlsx" in result.output
    assert _dump(office_db) == before


def test_importing_a_plain_workbook_makes_a_draft(tmp_path, office_db):
    path = workbook(tmp_path / "spot-check.xlsx")
    result = CliRunner().invoke(cli, ["office", "--office-db", str(office_db), "checklists", "import",
                                      str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "nb-spot-check" in result.output.splitlines()[0]
    # the warnings in the user's language (Chinese by default), rows as the workbook numbers them
    assert f"  {path}：工作表 survey 第 5–7、10–12 行 “scenario”列：没有 scenario：按“general”（通用）导入" \
        in result.output.splitlines()
    db = open_office_db(office_db)
    draft = versions.get_draft(db, "nb-spot-check")
    assert draft.based_on is None and draft.data["title"] == "邻里中心抽查表"
    assert versions.publish(db, "nb-spot-check", by="ceshi").template.version == 1
    db.close()


def test_unmapped_columns_and_sheets_are_listed(tmp_path):
    def edit(book):
        book["survey"]["I1"] = "constraint_message"
        book["survey"]["I6"] = "不能为负"
        book["survey"]["J1"] = "label::French (fr)"
        book["survey"]["J5"] = "Le centre est-il ouvert ?"
        book.create_sheet("notes")["A1"] = "草稿说明"
        book["choices"]["E1"] = "filter"
        book["choices"]["E2"] = "x"
    imported = read_xlsform(workbook(tmp_path / "extra.xlsx", edit=edit))
    where = {(w.place.sheet, w.place.row, w.place.column) for w in imported.warnings}
    assert {("survey", 6, "I"), ("survey", 5, "J"), ("notes", None, None), ("choices", 2, "E")} <= where


def test_place_wording():
    assert str(Place("survey", 5, "C", "label::zh")) == "sheet survey, row 5, column C (label::zh)"
    assert str(Place("choices")) == "sheet choices"


# ------------------------------------------------------------ size limits
def _with_survey_rows(source: Path, target: Path, extra_rows) -> Path:
    """`source` with the survey sheet's XML given more rows after its own
    (as (row number, cells XML) pairs): how Excel writes formatting and
    far-away cells, without building them cell by cell in openpyxl."""
    import zipfile

    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                rows = "".join(f'<row r="{number}">{cells}</row>' for number, cells in extra_rows)
                data = data.replace(b"</sheetData>", rows.encode() + b"</sheetData>")
            zout.writestr(info, data)
    return target


def test_a_survey_formatted_far_below_its_questions_imports(tmp_path):
    """Formatting makes rows without values; only rows holding values count
    against the limit, and the sheet's declared dimension is not trusted."""
    plain = workbook(tmp_path / "plain.xlsx")
    styled = "".join(f'<c r="{letter}{{n}}" s="0"/>' for letter in "ABCDEFGHIJKLMNOPQRST")
    path = _with_survey_rows(plain, tmp_path / "formatted.xlsx",
                             ((n, styled.format(n=n)) for n in range(20, 12_001)))
    imported = read_xlsform(path)
    assert imported.template == read_xlsform(plain).template


def test_rows_holding_values_beyond_the_limit_are_refused(tmp_path):
    from inspector.checklists.xlsform.layout import MAX_ROWS

    plain = workbook(tmp_path / "plain.xlsx")
    text = '<c r="A{n}" t="inlineStr"><is><t>text</t></is></c>'
    path = _with_survey_rows(plain, tmp_path / "long.xlsx", ((n, text.format(n=n)) for n in range(20, 20 + MAX_ROWS)))
    with pytest.raises(SpreadsheetRefused) as refused:
        read_xlsform(path)
    first_too_many = 20 + MAX_ROWS - len(PLAIN_SURVEY)  # the header and the questions count too
    assert [str(e.place) for e in refused.value.errors] == [f"sheet survey, row {first_too_many}"]
    assert "more than 10000 rows hold values" in refused.value.errors[0].message


def test_a_value_far_to_the_right_is_refused_not_padded(tmp_path):
    plain = workbook(tmp_path / "plain.xlsx")
    path = _with_survey_rows(plain, tmp_path / "far.xlsx",
                             [(1_048_576, '<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>')])
    with pytest.raises(SpreadsheetRefused) as refused:
        read_xlsform(path)
    assert [str(e.place) for e in refused.value.errors] == ["sheet survey, row 1048576, column XFD"]


def test_a_workbook_that_unpacks_too_large_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    """The zip's declared sizes are checked first: openpyxl never sees it."""
    import openpyxl

    from inspector.checklists.xlsform.layout import MAX_PART_BYTES

    plain = workbook(tmp_path / "plain.xlsx")
    filler = '<c r="A{n}" s="0"/>'
    rows = MAX_PART_BYTES // 20 + 1000
    path = _with_survey_rows(plain, tmp_path / "bomb.xlsx", ((n, filler.format(n=n)) for n in range(20, rows)))
    assert path.stat().st_size < 4 * 1024 * 1024

    def never(*args, **kwargs):
        raise AssertionError("parsed a workbook refused by its size")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    with pytest.raises(SpreadsheetRefused) as refused:
        read_xlsform(path)
    assert refused.value.errors[0].message.startswith("its part xl/worksheets/sheet1.xml unpacks to ")


@pytest.mark.parametrize("twin", ["survey ", " Survey", "Choices ", "settings\u3000"])
def test_two_sheets_read_as_the_same_one_are_refused_naming_both(tmp_path, twin):
    def edit(book):
        extra = book.create_sheet(twin, 0)
        extra.append(["type", "name", "label"])
        extra.append(["text", "other", "另一个问题"])
    path = workbook(tmp_path / "twins.xlsx", edit=edit)
    with pytest.raises(SpreadsheetRefused) as refused:
        read_xlsform(path)
    original = twin.strip().lower()
    assert [(e.place.sheet, e.message) for e in refused.value.errors] == [
        (original, f"sheets '{twin}' and '{original}' are both read as the {original} sheet; rename or delete one")]


def test_merged_cells_without_a_value_are_only_formatting(tmp_path):
    path = workbook(tmp_path / "merged.xlsx", edit=_merge("survey", "I3:K12"))
    assert read_xlsform(path).template == read_xlsform(workbook(tmp_path / "plain.xlsx")).template


def test_values_groups_and_notes_cannot_hold_are_listed_not_dropped(tmp_path):
    """A group row holds a section's name, title and scenario; a note row, the
    guidance of the next question. Anything else on them is listed."""
    def edit(book):
        survey = book["survey"]
        survey["I1"], survey["J1"] = "evidence", "max_score"
        survey["D3"], survey["H3"], survey["I3"], survey["J3"] = "本组指引", "field-list", "photo", 10
        survey["D4"], survey["F4"] = "附加说明", "${setting} = 'rural'"
        survey["D8"] = "组尾"
    imported = read_xlsform(workbook(tmp_path / "silent.xlsx", edit=edit))
    dropped = {(w.place.row, w.place.column) for w in imported.warnings if w.message.startswith("not used on ")}
    assert dropped == {(3, "D"), (3, "H"), (3, "I"), (3, "J"), (4, "D"), (4, "F"), (8, "D")}
    lines = grouped_lines(imported.warnings, "f.xlsx")
    assert "f.xlsx: sheet survey, row 3, column D (hint): not used on a group (a section has a name, a title and " \
           "a scenario only); not imported" in lines
    assert "f.xlsx: sheet survey, row 4, column F (relevant): not used on a note (a note's label becomes " \
           "guidance of the next question; the rest of its row does not); not imported" in lines
    assert read_xlsform(workbook(tmp_path / "plain.xlsx")).template == imported.template


@pytest.mark.parametrize("bad", ["bad id!", "", "-leading", "x" * 65, "ok\n", "中文"])
@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_import_as_a_bad_id_is_refused_in_one_line(tmp_path, office_db, bad, suffix):
    template = ChecklistTemplate.model_validate_json(PROBLEM.read_text(encoding="utf-8"))
    path = tmp_path / f"checklist{suffix}"
    if suffix == ".json":
        path.write_text(template.model_dump_json(), encoding="utf-8")
    else:
        write_xlsform(template, path)
    before = _dump(office_db)
    result = CliRunner().invoke(cli, ["--lang", "en", "office", "--office-db", str(office_db), "checklists",
                                      "import", str(path), "--id", bad], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.output == (f"error: --id '{bad}': an id is 1–64 letters, digits, '.', '_' or '-', starting "
                             "with a letter or digit. Nothing was imported.\n")
    assert _dump(office_db) == before


def test_import_as_a_good_id(tmp_path, office_db):
    template = ChecklistTemplate.model_validate_json(PROBLEM.read_text(encoding="utf-8"))
    path = tmp_path / "checklist.json"
    path.write_text(template.model_dump_json(), encoding="utf-8")
    result = CliRunner().invoke(cli, ["office", "--office-db", str(office_db), "checklists", "import", str(path),
                                      "--id", "zj-problem-2027"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    db = open_office_db(office_db)
    assert versions.get_draft(db, "zj-problem-2027").data["id"] == "zj-problem-2027"
    db.close()


def test_what_excel_turned_into_a_yes_no_value_or_a_date_is_read_as_shown_and_listed(tmp_path):
    """Typed TRUE or 1/2, Excel keeps a yes/no value or a date: read as Excel
    shows it, with a warning at the cell, never silently as 'yes' or a
    timestamp."""
    from datetime import datetime

    def edit(book):
        book["survey"]["C11"] = True
        book["choices"]["C2"] = datetime(2024, 1, 2)
    imported = read_xlsform(workbook(tmp_path / "converted.xlsx", edit=edit))
    items = {i.id: i for i in imported.template.items()}
    assert items["remarks"].prompt == "TRUE"
    assert items["center_open"].answer.options[0].label == "2024-01-02"
    lines = grouped_lines(imported.warnings, "f.xlsx")
    assert "f.xlsx: sheet survey, row 11, column C (label): Excel stored this as the yes/no value TRUE, not as " \
           "text; read as 'TRUE' (type it with a leading ' to keep it as text)" in lines
    assert "f.xlsx: sheet choices, row 2, column C (label): Excel stored this as a date or time, not as text; " \
           "read as '2024-01-02' (type it with a leading ' to keep it as written)" in lines


def test_a_line_break_pasted_from_word_goes_through_the_cli_round_trip(tmp_path, office_db):
    """Word's line break is a vertical tab, which no workbook can hold: it is
    stored as \\n, so publish, export and import again all work and agree."""
    import json

    data = factories.template(tid="from-word")
    data["sections"][0]["items"][0]["guidance"] = "第一行\x0b第二行"
    path = tmp_path / "word.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    def run(*args):
        result = CliRunner().invoke(cli, ["--lang", "en", "office", "--office-db", str(office_db), "checklists",
                                          *args], catch_exceptions=False)
        assert result.exit_code == 0 and "Traceback" not in result.output, result.output
        return result

    run("import", str(path))
    run("publish", "from-word")
    run("export", "from-word", "-o", str(tmp_path / "word.xlsx"))
    run("import", str(tmp_path / "word.xlsx"))
    assert run("diff", "from-word", "1", "draft").output.splitlines()[-1] == "No changes."
    db = open_office_db(office_db)
    assert versions.published(db, "from-word").sections[0].items[0].guidance == "第一行\n第二行"
    db.close()
