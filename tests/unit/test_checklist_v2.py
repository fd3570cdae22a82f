"""Version 2 of the fixture checklists: version 1 with a supervisor's
corrections (issue 13) and nothing else, and the demo office that publishes
it through the versioning while the first round's visits stay on version 1."""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import date

import pytest
from click.testing import CliRunner

from inspector.checklists.diff import diff_templates
from inspector.cli import cli
from inspector.i18n import label
from inspector.inspection.answers import normalize
from inspector.inspection.scoring import item_maximum
from inspector.models import ChecklistTemplate
from inspector.office import demo

from conftest import FIXTURES

TEMPLATES = FIXTURES / "templates"

# What a supervisor asked to change, item by item; nothing else may differ.
CHANGED = {
    "op.real_estate", "prog.passivity", "prog.mechanical",  # 通过 = the good outcome
    "hl.station", "edu.childcare_open", "tr.circle",  # the seed's names, the 30-minute leg
    "op.subsidy",  # 主要依赖（70%以上）
    "party.members", "lc.energy",  # no ledger: empty with 无法核实
    "edu.childcare_price", "arch.style", "rural.style",  # one category per tendency
    "tr.charging", "svc.safety",  # 安全隐患
    "nb.satisfaction", "gov.participation",  # 走访, not 随访
    "rural.five_threes",  # a maximum score
}


def template(kind: str, version: int) -> ChecklistTemplate:
    return ChecklistTemplate.model_validate_json((TEMPLATES / f"{kind}-checklist.v{version}.json").read_bytes())


@pytest.fixture(scope="module")
def problem():
    return template("problem", 1), template("problem", 2)


def items(t: ChecklistTemplate) -> dict:
    return {i.id: i for i in t.items()}


def test_the_diff_names_exactly_the_corrected_items(problem):
    v1, v2 = problem
    changes = diff_templates(v1, v2)
    assert (v1.id, v1.version, v2.id, v2.version) == ("zj-problem", 1, "zj-problem", 2)
    assert {c.item for c in changes.changed} == CHANGED
    assert [p.item for p in changes.added] == ["prog.generic"] and changes.removed == ()
    assert changes.template == () and changes.sections_added == changes.sections_removed == ()
    assert changes.sections_changed == ()  # an item added is not a reordering
    order = [i.id for i in v2.sections[[s.id for s in v2.sections].index("progress")].items]
    assert order[order.index("prog.mechanical") + 1] == "prog.generic"


def test_pass_means_the_good_outcome(problem):
    _, v2 = problem
    for item_id, said in (("op.real_estate", "未发现房地产化倾向"), ("prog.passivity", "未发现“等靠看”现象"),
                          ("prog.mechanical", "未发现生搬硬套"), ("prog.generic", "未发现一般化倾向")):
        item = items(v2)[item_id]
        assert said in item.prompt and item.guidance.startswith("通过=未发现。"), item_id
        assert "是否存在" not in item.prompt and "有无" not in item.prompt
        assert item.guidance_en.startswith("Pass = none found.") and "found" in item.prompt_en


def test_the_seeds_names_and_the_thirty_minute_leg(problem):
    v1, v2 = problem
    station = items(v2)["hl.station"]
    assert "社区智慧健康服务站" in station.prompt and "社区卫生服务中心" in station.guidance
    assert "街道卫生院" in items(v1)["hl.station"].guidance and "卫生院" not in station.guidance
    assert items(v2)["edu.childcare_open"].prompt.startswith("社区托育点（0—3岁）")
    assert "“5、10、30分钟出行圈”" in items(v2)["tr.circle"].prompt
    assert "30 minutes" in items(v2)["tr.circle"].guidance_en


def test_mainly_not_wholly_dependent_on_subsidies(problem):
    v1, v2 = problem
    full = {o.value: o for o in items(v2)["op.subsidy"].answer.options}["full"]
    assert (full.label, full.label_en, full.flag) == ("主要依赖财政补贴（70%以上）",
                                                      "Mainly dependent on subsidies (over 70%)", True)
    assert "70%以上为“主要依赖”" in items(v2)["op.subsidy"].guidance
    assert [o.label for o in items(v1)["op.subsidy"].answer.options][-1] == "完全依赖财政补贴"


def test_a_count_with_no_ledger_is_left_empty_and_never_scored(problem):
    v1, v2 = problem
    for item_id in ("party.members", "lc.energy"):
        before, after = items(v1)[item_id], items(v2)[item_id]
        assert "填0" in before.guidance and "填0" not in after.guidance.replace("不要填0", "")
        assert "留空不填" in after.guidance and "无法核实" in after.guidance
        assert "cannot be verified" in after.guidance_en and "do not enter 0" in after.guidance_en
        # empty is a real answer state (no value, a note), and a count is never scored,
        # so scoring and the reports (which only ever sum scores) cannot average it as zero
        assert normalize(after, "") is None and item_maximum(after) is None
        assert not after.required


def test_four_tendencies_and_safety_hazards_are_categories_of_their_own(problem):
    v1, v2 = problem
    assert [i.id for i in v2.items() if i.problem_category == "tendency"] == []
    assert {i.id for i in v1.items() if i.problem_category == "tendency"} == {
        "edu.childcare_price", "arch.style", "op.real_estate", "rural.style"}
    got = {i: items(v2)[i].problem_category for i in ("edu.childcare_price", "arch.style", "op.real_estate",
                                                         "rural.style", "prog.generic", "tr.charging", "svc.safety")}
    assert got == {"edu.childcare_price": "luxury", "arch.style": "generalisation", "op.real_estate": "real_estate",
                   "rural.style": "generalisation", "prog.generic": "generalisation", "tr.charging": "safety",
                   "svc.safety": "safety"}
    assert [label("ProblemCategory", c, "zh") for c in ("generalisation", "real_estate", "luxury", "bonsai")] == [
        "一般化倾向", "房地产化倾向", "贵族化倾向", "盆景化倾向"]
    assert label("ProblemCategory", "safety", "zh") == "安全隐患"
    assert label("ProblemCategory", "tendency", "zh") == "四化倾向"  # old records keep their name
    # a category named in guidance is named as the vocabulary names it
    for item in v2.items():
        for name in ("房地产化倾向", "贵族化倾向", "一般化倾向"):
            if f"问题类别选“{name[:3]}" in item.guidance:
                assert f"问题类别选“{name}”" in item.guidance, item.id


def test_categories_named_as_shortcomings_and_evidence_as_what_one_does():
    assert [label("ProblemCategory", c, "zh") for c in ("funding", "operation", "digital_platform",
                                                         "talent_policy", "land_policy", "spatial_planning")] == [
        "资金保障不足", "长效运营机制不健全", "数字化应用不实", "人才政策未落地", "土地政策落地难", "规划衔接不畅"]
    assert [label("EvidenceType", c, "zh") for c in ("resident_interview", "ledger", "platform_data")] == [
        "走访群众", "查阅台账", "调阅平台数据"]


def test_residents_are_visited_not_followed_up(problem):
    v1, v2 = problem
    texts = [(i.id, i.prompt + i.guidance) for i in v2.items()]
    assert [i for i, text in texts if "随访" in text] == []
    assert [i.id for i in v1.items() if "随访" in i.prompt + i.guidance] == ["nb.satisfaction", "gov.participation"]


def test_five_threes_has_its_maximum(problem):
    v1, v2 = problem
    before, after = items(v1)["rural.five_threes"], items(v2)["rural.five_threes"]
    # v1 scored out of the answer's range already; v2 says so where a maximum is said
    assert (before.max_score, after.max_score) == (None, 5)
    assert item_maximum(before) == item_maximum(after) == 5
    assert (after.answer.min, after.answer.max, after.answer.step) == (0, 5, 1)


def test_every_v2_item_is_tagged_by_the_fixtures_rules(problem):
    sys.path.insert(0, str(FIXTURES))
    from tags import tags_of

    v1, v2 = problem
    for item in v2.items():
        assert item.tags == tags_of({"id": item.id, "scenario": item.scenario}, "problem"), item.id
    assert items(v2)["prog.generic"].tags == ["dimension:highlights", "sanhua:humane"]
    assert all(items(v1)[i].tags == items(v2)[i].tags for i in items(v1))


def test_the_innovation_checklist_says_what_its_button_says():
    v1, v2 = template("innovation", 1), template("innovation", 2)
    changes = diff_templates(v1, v2)
    assert [c.path for c in changes.template] == ["description"]
    assert changes.changed == changes.added == changes.removed == changes.sections_changed == ()
    assert "登记创新做法" in v2.description and "登记创新事项" in v1.description


# -- the demo office ------------------------------------------------------------------

@pytest.fixture(scope="module")
def office(tmp_path_factory):
    return demo.build(tmp_path_factory.mktemp("office-v2"), today=date(2026, 12, 4))


def test_the_demo_publishes_v2_and_v1_visits_stay_on_v1(office):
    conn = sqlite3.connect(office.db_path)
    try:
        held = conn.execute("SELECT id, version FROM templates ORDER BY 1, 2").fetchall()
        published = conn.execute("SELECT template_id, version, based_on, summary FROM template_versions "
                                 "ORDER BY 1").fetchall()
        visits = conn.execute("SELECT r.id, json_extract(r.data, '$.date'), json_extract(r.data, '$.templates') "
                              "FROM records r WHERE r.kind = 'visit' AND r.rev = 1").fetchall()
        answers = conn.execute(
            "SELECT r.visit_id, json_extract(r.data, '$.item.template'), json_extract(r.data, '$.item.version') "
            "FROM records r WHERE r.kind = 'answer'").fetchall()
    finally:
        conn.close()
    assert held == [("zj-innovation", 1), ("zj-innovation", 2), ("zj-problem", 1), ("zj-problem", 2)]
    assert [(t, v, b) for t, v, b, _ in published] == [("zj-innovation", 2, 1), ("zj-problem", 2, 1)]
    assert "五个三" in dict((t, s) for t, _, _, s in published)["zj-problem"]
    # the first round (about 200 days ago) on v1, the second (this month) on v2
    version_of = {}
    for visit_id, day, refs in visits:
        first_round = date.fromisoformat(day) < date(2026, 8, 1)
        assert {(r["id"], r["version"]) for r in json.loads(refs)} == {
            ("zj-problem", 1 if first_round else 2), ("zj-innovation", 1 if first_round else 2)}, day
        version_of[visit_id] = 1 if first_round else 2
    assert sorted(set(version_of.values())) == [1, 2]
    assert answers and all(version == version_of[visit] for visit, _, version in answers)


@pytest.mark.parametrize("lang, words", [("zh", ("v1 → v2（新增 1 项，删除 0 项，修改 17 项）", "问题类别：其他 → 安全隐患")),
                                         ("en", ("v1 → v2 (1 added, 0 removed, 17 changed items)",
                                                 "No run-of-the-mill tendency found"))])
def test_the_cli_diff_lists_the_corrections(office, lang, words):
    result = CliRunner().invoke(cli, ["--lang", lang, "office", "--office-db", str(office.db_path), "--as", "liming",
                                      "checklists", "diff", "zj-problem", "1", "2"])
    assert result.exit_code == 0, result.output
    for said in words:
        assert said in result.output
    changed = [line.split()[2].split("（")[0] for line in result.output.splitlines() if line.startswith("~ ")]
    assert set(changed) == CHANGED
