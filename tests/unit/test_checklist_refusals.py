"""Every refusal of a checklist said in the user's language: XLSForm
workbooks by sheet, row and column as the workbook shows them, expressions
named with what is wrong, the checklist commands' own (issue 13, item 1)."""

from __future__ import annotations

import copy

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from inspector.checklists.expressions import ExpressionError, parse_constraint, parse_relevant
from inspector.checklists.xlsform import SpreadsheetRefused, grouped_lines, read_xlsform
from inspector.checklists import versions
from inspector.cli import cli
from inspector.models import ChecklistTemplate
from inspector.office.db import open_office_db
from support import register_staff
from inspector.i18n.said import say
from words_check import assert_chinese, assert_english

SURVEY = [
    ["type", "name", "label", "required", "relevant", "constraint", "scenario"],
    ["begin_group", "neighbourhood", "邻里中心", None, None, None, "neighbourhood"],
    ["select_one yes_no", "center_open", "邻里中心是否对居民开放？", "yes", None, None, None],
    ["integer", "visitors", "日均到访人次", None, None, ". >= 0", None],
    ["end_group", None, None, None, None, None, None],
]
CHOICES = [["list_name", "name", "label"], ["yes_no", "yes", "是"], ["yes_no", "no", "否"]]
SETTINGS = [["form_title", "form_id", "version", "kind"], ["邻里中心抽查表", "nb-spot-check", 1, "problem"]]


def workbook(path, survey=SURVEY, choices=CHOICES, settings=SETTINGS, edit=None):
    book = Workbook()
    book.remove(book.active)
    for title, rows in (("survey", survey), ("choices", choices), ("settings", settings)):
        if rows is not None:
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
    if edit is not None:
        edit(book)
    book.save(path)
    return path


def survey_with(row: int, column: int, value):
    rows = copy.deepcopy(SURVEY)
    rows[row - 1][column - 1] = value
    return rows


def merge(book):
    book["survey"].merge_cells("C3:C4")


BROKEN = [
    # (how to break it, zh fragment, en fragment)
    (dict(survey=survey_with(4, 6, ". > 0")), "工作表 survey 第 4 行 F 列（constraint）：constraint“. > 0”无法使用：范围应写作",
     "sheet survey, row 4, column F (constraint): cannot use the constraint “. > 0”: a bound is written"),
    (dict(survey=survey_with(3, 5, "${setting} = 'town'")), "第 3 行 E 列（relevant）：relevant 表达式",
     "row 3, column E (relevant): cannot use the relevant expression"),
    (dict(survey=survey_with(3, 5, "${creation_type} = 'x'")), "不能取“x”（可用：integrate_improve（整合提升类）",
     "cannot be “x” (known: integrate_improve, "),
    (dict(survey=survey_with(3, 7, "mars")), "第 3 行 G 列（scenario）：没有这种场景：“mars”", "unknown scenario 'mars'"),
    (dict(survey=survey_with(3, 1, "select_one colours")), "choices 工作表中没有列表“colours”",
     "list 'colours' is not in the choices sheet"),
    (dict(survey=survey_with(3, 1, "geopoint")), "type“geopoint”不能作为检查项", "type 'geopoint' cannot be a checklist item"),
    (dict(survey=survey_with(3, 2, "bad name!")), "题目的 name“bad name!”须为", "question name 'bad name!' must be"),
    (dict(survey=survey_with(4, 2, "center_open")), "题目的 name“center_open”用了两次（另见第 3 行）",
     "question name 'center_open' used twice (also row 3)"),
    (dict(survey=survey_with(3, 4, "maybe")), "第 3 行 D 列（required）：“maybe”不是 yes 或 no",
     "row 3, column D (required): 'maybe' is not yes or no"),
    (dict(survey=SURVEY[:-1]), "分组“neighbourhood”没有结束（缺少 end_group）", "group 'neighbourhood' is never closed"),
    (dict(survey=SURVEY[:1] + SURVEY[4:]), "有 end_group 却没有对应的 begin_group", "end_group without a begin_group"),
    (dict(choices=None), "工作簿中没有 choices 工作表，但 survey 第 3 行用到了列表“yes_no”",
     "the workbook has no choices sheet, but row 3 of survey uses list 'yes_no'"),
    (dict(choices=CHOICES[:2]), "列表“yes_no”只有 1 个选项", "list 'yes_no' has 1 choice(s)"),
    (dict(choices=CHOICES + [["yes_no", "yes", "对"]]), "选项“yes”在列表“yes_no”中出现了两次（另见第 2 行）",
     "choice 'yes' appears twice in list 'yes_no' (also row 2)"),
    (dict(settings=[SETTINGS[0], ["标题", "id", 1, "bogus"]]), "工作表 settings 第 2 行 D 列（kind）：没有这种类别：“bogus”（可用：problem（问题清单）",
     "sheet settings, row 2, column D (kind): unknown kind 'bogus' (known: problem, innovation)"),
    (dict(survey=None), "工作簿中没有 survey 工作表（题目）", "the workbook has no survey sheet (the questions)"),
    (dict(edit=merge), "单元格 C3:C4 是合并的", "cells C3:C4 are merged"),
    (dict(settings=[SETTINGS[0], ["标题", "bad id!", 1, "problem"]]), "工作表 settings 第 2 行 B 列（form_id）：只能用字母、数字、点、下划线、连字符，以字母或数字开头，最多 64 个（填的是“bad id!”）",
     "sheet settings, row 2, column B (form_id): letters, digits, '.', '_' and '-' only, starting with a letter or digit, at most 64 (found 'bad id!')"),
]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("breaking, zh, en", BROKEN, ids=[b[2][:40] for b in BROKEN])
def test_each_broken_workbook_is_refused_in_the_users_language(tmp_path, breaking, zh, en, lang):
    path = workbook(tmp_path / "表.xlsx", **breaking)
    with pytest.raises(SpreadsheetRefused) as refused:
        read_xlsform(path)
    lines = refused.value.lines(lang)
    said = "\n".join(lines)
    assert (zh if lang == "zh" else en) in said, said
    values = [str(path), "survey", "choices", "settings", "constraint", "relevant", "required", "scenario", "kind",
              "end_group", "begin_group", "select_one", "name", "label", "yes", "no", "yes_no", "list_name",
              "colours", "geopoint", "bad name!", "center_open", "neighbourhood", "mars", "bogus", "bad id!", "town", "maybe",
              "integrate_improve", "partial_demolition", "demolish_rebuild", "planned_new", "whole_area",
              "new_build", "renovation", "problem", "innovation", "setting", "creation_type", "'urban' (城市)",
              "urban", "rural", "type", "number", "text", "integer", "decimal", "date", "and", "or"]
    for line in lines:
        if lang == "zh":
            assert_chinese(line, *values)
        else:
            assert_english(line, str(path), "表")
    assert str(refused.value)  # English for the log


def test_warnings_of_a_plain_workbook_in_both_languages(tmp_path):
    path = workbook(tmp_path / "plain.xlsx", settings=None)
    warnings = read_xlsform(path).warnings
    zh, en = grouped_lines(warnings, "plain.xlsx", "zh"), grouped_lines(warnings, "plain.xlsx", "en")
    assert "plain.xlsx：工作表 settings：没有 settings 工作表：编号取“plain”，作为问题清单，标题即编号" in zh
    assert "plain.xlsx: sheet settings: no settings sheet: id 'plain', a problem checklist, titled by its id" in en
    assert "plain.xlsx：工作表 survey 第 4 行 “unit”列：没有 unit：按“—”导入" in zh
    assert "plain.xlsx: sheet survey, row 4, column unit: no unit: '—'" in en


EXPRESSIONS = [
    (lambda: parse_relevant("${setting} = rural"), "此处应为带引号的值，但第 14 个字符处是“rural”",
     "expected a quoted value, but found “rural” at character 14"),
    (lambda: parse_relevant("${foo} = 'x'"), "没有字段 ${foo}", "unknown name ${foo}"),
    (lambda: parse_relevant("(${setting} = 'urban' or ${orientation} = 'leading')"), "用 or 连接的只能是同一个字段",
     "an 'or' must compare one name"),
    (lambda: parse_relevant("${scenario_health} != 'standard'"), "!= 之后只能是 ''", "!= takes only ''"),
    (lambda: parse_relevant("${setting} = 'urban' and ${setting} = 'rural'"), "${setting} 出现在两个条件中",
     "${setting} appears in two clauses"),
    (lambda: parse_relevant("${setting} = 'urban' @"), "从第 21 个字符起无法识别", "cannot read the expression from character 21"),
    (lambda: parse_constraint(". >= 1 and . >= 2"), "有两个下限", "two lower bounds"),
    (lambda: parse_relevant("${setting} = 'town'"), "${setting} 只能与一个值比较", "${setting} is compared with one value"),
    (lambda: parse_constraint(". >="), "此处应为数字，但表达式已结束", "expected a number, but the expression ends there"),
]


@pytest.mark.parametrize("breaking, zh, en", EXPRESSIONS, ids=[e[2][:30] for e in EXPRESSIONS])
def test_expression_errors_in_both_languages(breaking, zh, en):
    with pytest.raises(ExpressionError) as refused:
        breaking()
    assert zh in say(refused.value, "zh") and en in say(refused.value, "en")
    assert_english(say(refused.value, "en"))
    assert str(refused.value) == say(refused.value, "en")


def test_the_import_command_refuses_in_chinese_by_default_and_english_when_asked(tmp_path, office_db):
    path = workbook(tmp_path / "坏.xlsx", survey=survey_with(4, 6, ". > 0"))
    for lang, fragment in (("zh", "错误：" + str(path) + "：工作表 survey 第 4 行 F 列（constraint）"),
                           ("en", "error: " + str(path) + ": sheet survey, row 4, column F (constraint)")):
        result = CliRunner().invoke(cli, ["--lang", lang, "office", "--office-db", str(office_db), "checklists",
                                          "import", str(path)], catch_exceptions=False)
        assert result.exit_code == 2 and fragment in result.output, result.output


@pytest.fixture
def office_db(tmp_path):
    import factories

    path = tmp_path / "office.db"
    db = open_office_db(path)
    register_staff(db)
    versions.import_draft(db, ChecklistTemplate.model_validate(factories.template()), by="ceshi")
    versions.publish(db, "zj-problem", "首版", by="ceshi")
    db.close()
    return path


@pytest.mark.parametrize("args, zh, en", [
    (["export", "zj-problem:x", "-o", "o.xlsx"], "“x”不是版本号", "'x' is not a version number"),
    (["diff", "zj-problem", "1", "two"], "“two”不是版本号，也不是 draft", "'two' is not a version number or 'draft'"),
    (["export", "nope", "-o", "o.xlsx"], "没有已发布的检查表 nope", "No published checklist nope"),
])
def test_checklist_commands_refuse_in_both_languages(tmp_path, office_db, args, zh, en):
    for lang, fragment in (("zh", zh), ("en", en)):
        result = CliRunner().invoke(cli, ["--lang", lang, "office", "--office-db", str(office_db), "checklists",
                                          *args], catch_exceptions=False)
        assert result.exit_code == 2 and fragment in result.output, result.output
        if lang == "en":
            assert_english(result.output, str(tmp_path))
        else:
            assert_chinese(result.output, str(tmp_path), "zj-problem", "draft", "nope")


def test_a_stored_version_that_fails_todays_checks_is_named_in_both_languages(office_db):
    import json

    from inspector.checklists.errors import ChecklistError

    db = open_office_db(office_db)
    (data,) = db.conn.execute("SELECT data FROM templates WHERE id = 'zj-problem' AND version = 1").fetchone()
    stored = json.loads(data)
    stored["sections"][0]["items"][0]["prompt"] = "响铃\x07"  # allowed once, refused now
    with db.conn:  # as an older version stored it (published versions never change: the trigger steps aside)
        db.conn.execute("DROP TRIGGER templates_never_change")
        db.conn.execute("UPDATE templates SET data = ? WHERE id = 'zj-problem' AND version = 1",
                        (json.dumps(stored, ensure_ascii=False),))
    with pytest.raises(ChecklistError) as refused:
        versions.published(db, "zj-problem", 1)
    db.close()
    zh, en = say(refused.value, "zh"), say(refused.value, "en")
    assert "zj-problem 第 1 版存储的内容通不过现在的检查（lin-01：检查内容：" in zh and "U+0007" in zh
    assert "Version 1 of zj-problem as stored does not pass today's checks (lin-01: Question: " in en
    assert_chinese(zh, "zj-problem", "U+0007")
    assert_english(en)


@pytest.mark.parametrize("name", ["folder.xlsx", "folder.json"])
def test_a_folder_given_for_a_file_is_said_by_kind_not_by_click_or_the_platform(tmp_path, office_db, name):
    (tmp_path / name).mkdir()
    for lang, fragment in (("zh", "这是一个文件夹，不是文件"), ("en", "it is a folder, not a file")):
        result = CliRunner().invoke(cli, ["--lang", lang, "office", "--office-db", str(office_db), "checklists",
                                          "import", str(tmp_path / name)], catch_exceptions=False)
        assert result.exit_code == 2 and fragment in result.output and "Errno" not in result.output, result.output
