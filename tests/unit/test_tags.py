"""Tags on checklist items (indicator, acceptance dimension, 三化): kept by
the model, checked against the office's lists, round-tripped through XLSForm."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from pydantic import ValidationError

import factories
from inspector.checklists.validation import check
from inspector.checklists.xlsform import SpreadsheetRefused, read_xlsform, write_xlsform
from inspector.i18n import LANGS
from inspector.models import ChecklistTemplate
from inspector.models.tags import BUILT_IN, INDICATORS, parse, tag_name

TAGS = ["dimension:operation", "indicator:edu.childcare", "sanhua:humane"]


def _tagged(tags=TAGS) -> dict:
    data = factories.template()
    data["sections"][0]["items"][0]["tags"] = list(tags)
    return data


def test_every_built_in_tag_has_a_name_in_both_languages():
    for lang in ("zh", "en"):
        for kind, codes in BUILT_IN.items():
            for code in codes:
                assert tag_name(f"{kind}:{code}", lang) != f"{kind}:{code}", (lang, kind, code)
    assert tag_name("dimension:operation", "zh") == "运营可持续性"
    assert tag_name("sanhua:digital", "en") == "Digital"
    assert tag_name("indicator:none.such", "zh") == "indicator:none.such"  # an unknown tag shows as written


def test_indicators_belong_to_the_nine_scenarios():
    from inspector.models.vocab import NINE_SCENARIOS

    assert set(INDICATORS.values()) == set(NINE_SCENARIOS)


def test_a_template_keeps_its_tags_and_refuses_a_tag_twice_or_malformed():
    assert ChecklistTemplate.model_validate(_tagged()).sections[0].items[0].tags == TAGS
    with pytest.raises(ValidationError) as twice:
        ChecklistTemplate.model_validate(_tagged(["sanhua:humane", "sanhua:humane"]))
    assert twice.value.errors()[0]["type"] == "tag_twice"
    with pytest.raises(ValidationError):
        ChecklistTemplate.model_validate(_tagged(["运营"]))
    assert "validation.tag_twice" in LANGS["zh"].MESSAGES and "validation.tag_twice" in LANGS["en"].MESSAGES


def test_the_editor_check_names_an_unknown_tag_at_its_item():
    problems = check(_tagged(["dimension:operation", "dimension:operatoin"]))
    assert [(p.item, p.field, p.code, p.params) for p in problems] == [
        (0, "tags.1", "tag_unknown", {"tag": "dimension:operatoin"})]
    assert check(_tagged()) == []


def test_tags_as_people_write_them_in_a_cell():
    assert parse("dimension:operation， sanhua:humane;sanhua:humane\nindicator:tr.circle") == [
        "dimension:operation", "sanhua:humane", "indicator:tr.circle"]
    assert parse("") == []


def test_tags_round_trip_through_xlsform(tmp_path):
    template = ChecklistTemplate.model_validate(_tagged())
    out = tmp_path / "tagged.xlsx"
    write_xlsform(template, out)
    sheet = load_workbook(out)["survey"]
    header = [c.value for c in sheet[1]]
    assert "tags" in header
    assert "dimension:operation indicator:edu.childcare sanhua:humane" in [
        row[header.index("tags")] for row in sheet.iter_rows(values_only=True)]
    back = read_xlsform(out)
    assert back.template == template and back.warnings == []


def test_an_unknown_tag_in_a_workbook_is_refused_at_its_cell(tmp_path):
    out = tmp_path / "typo.xlsx"
    write_xlsform(ChecklistTemplate.model_validate(_tagged()), out)
    book = load_workbook(out)
    sheet = book["survey"]
    column = [c.value for c in sheet[1]].index("tags") + 1
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, column).value)
    sheet.cell(row, column).value = "dimension:operation sanhua:humanee"
    book.save(out)
    with pytest.raises(SpreadsheetRefused) as refused:
        read_xlsform(out)
    found = refused.value.errors[0]
    assert (found.place.row, found.place.column, found.place.header) == (row, sheet.cell(row, column).column_letter,
                                                                         "tags")
    assert "sanhua:humanee" in found.message


def test_a_report_cut_by_tag_holds_exactly_the_findings_raised_on_items_with_it(tmp_path_factory):
    from reportdata import build_demo, report_of

    from inspector.cli.report import tag_codes
    from inspector.office.reports.words import coverage_lines

    office = build_demo(tmp_path_factory.mktemp("tagged-office"))
    whole = report_of(office)
    assert whole.problems and all(p.tags for p in whole.problems if p.item_prompt)
    cut = report_of(office, tags=tag_codes(("居家养老助残", "dimension:operation")))
    wanted = {"indicator:hl.elderly_care", "dimension:operation"}
    expected = [p.id for p in whole.problems if wanted & set(p.tags)]
    assert expected and len(expected) < len(whole.problems)
    assert [p.id for p in cut.problems] == expected
    innovations = [i.id for i in whole.innovations if wanted & set(i.tags)]
    assert innovations and len(innovations) < len(whole.innovations)
    assert [i.id for i in cut.innovations] == innovations
    lines = dict(coverage_lines(cut.coverage, "zh"))
    assert lines["标签"] == "验收维度：运营可持续性、指标：居家养老助残"
    assert dict(coverage_lines(cut.coverage, "en"))["tags"] == (
        "acceptance dimension: Operating sustainability, indicator: Home care for the elderly and disabled")
    assert all(label != "标签" for label, _ in coverage_lines(whole.coverage, "zh"))  # said only when cut


def test_tags_named_as_people_name_them():
    from inspector.cli.report import tag_codes
    from inspector.office.reports.scope import ReportRefused

    assert tag_codes(("dimension:operation", "数字化", "Smart shared parking")) == {
        "dimension:operation", "sanhua:digital", "indicator:tr.parking"}
    with pytest.raises(ReportRefused) as bad:
        tag_codes(("运营",))
    assert bad.value.code == "bad_tag" and "运营" in bad.value.say("zh")


def test_the_offices_own_tag_list_is_the_one_checked_and_named():
    from inspector import vocabularies
    from inspector.models.tags import codes, is_known
    from inspector.models.vocabulary import VocabularyEntry

    shipped = vocabularies.built_in("indicator")
    office = shipped.model_copy(update={"version": 2, "entries": [
        *[e.model_copy(update={"retired": e.code == "tr.logistics"}) for e in shipped.entries],
        VocabularyEntry(code="tr.bus", zh="公交线路优化", en="Bus routes")]})
    vocabularies.remember([office])
    try:
        assert is_known("indicator:tr.bus") and not is_known("indicator:tr.logistics")
        assert "tr.bus" in codes("indicator") and "tr.logistics" not in codes("indicator")
        assert tag_name("indicator:tr.bus", "zh") == "公交线路优化"
        assert [p.code for p in check(_tagged(["indicator:tr.logistics"]))] == ["tag_unknown"]
        assert check(_tagged(["indicator:tr.bus"])) == []
    finally:
        vocabularies.forget()
    assert is_known("indicator:tr.logistics") and not is_known("indicator:tr.bus")
