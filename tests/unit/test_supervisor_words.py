"""The words a supervisor corrected (issue 13): no screen, report or header
still says them the old way, in any area of the language tables."""

import re

import pytest

from inspector.i18n import LANGS, label, t

# old wording -> why it is wrong (the test names it when it fails)
RETIRED = {
    "不立项": "立项 means approving a project; say 不列为问题的原因",
    "已复核": "a re-check can fail too; say 复核通过",
    # 记问题 / 记创新 alone are notes to oneself; the act is 登记
    "(?<!登)记问题": "say 登记问题",
    "(?<!登)记创新": "say 登记创新做法",
}


def _zh_words():
    zh = LANGS["zh"]
    yield from zh.MESSAGES.items()
    for kind, words in zh.LABELS.items():
        for code, word in words.items():
            yield f"{kind}.{code}", word


@pytest.mark.parametrize("pattern", sorted(RETIRED))
def test_no_retired_word_is_left(pattern):
    found = [key for key, text in _zh_words() if re.search(pattern, text)]
    assert not found, f"{RETIRED[pattern]}: {found}"


def test_the_corrected_words():
    assert label("ProblemStatus", "verified", "zh") == "复核通过"
    assert t("key.no_problem_reason", "zh") == "不列为问题的原因"
    assert t("reason.title", "zh") == "不列为问题的原因"
    assert t("key.raise_problem", "zh") == "登记问题"
    assert t("key.innovation", "zh") == "登记创新做法"
    assert t("innovation.new", "zh") == "登记创新做法"
    assert "一票否决" in t("summary.veto_warning", "zh")


def test_the_project_unit_is_its_implementing_unit_the_problem_unit_is_responsible():
    # 实施主体 implements the project; 责任单位 must fix a problem
    assert t("detail.lead_unit", "zh") == "实施主体"
    assert t("report_html.col.lead_unit", "zh") == "实施主体"
    assert t("problem.responsible_unit", "zh") == "责任单位"
    assert t("detail.lead_unit", "en") == "Implementing unit"


def test_an_innovation_is_named_not_titled():
    for key in ("innovation.title", "review.field.title", "otui.field.title", "report.col.title"):
        assert t(key, "zh") == "创新做法名称", key
    assert "title" not in t("innovation.title", "en").lower()


def test_a_projects_sheet_headed_the_new_or_the_old_way_reads_the_same_column():
    from inspector.office.catalogue import HEADER_NAMES, normal

    assert {HEADER_NAMES[normal(h)] for h in ("实施主体", "牵头单位", "责任单位")} == {"lead_unit"}
