"""`office review`, `office conflicts` and `office innovations` from the
command line: what they show, what they change, and that every refusal is
one line in the user's language, exit 2, and changes nothing."""

from __future__ import annotations

import json

import pytest

import bundles as B
from review_office import cli, office_with_round

P1, P2 = B.uid("p1"), B.uid("p2")
I1 = B.uid("i1")


@pytest.fixture
def office(tmp_path):
    records = B.sample_records()
    records["problems"].append(B.problem("p2", description="活动室关门", severity="severe"))
    return office_with_round(tmp_path, records)


def states(office) -> dict:
    return {record_id: state for record_id, state in office.rows("SELECT id, state FROM reviews")}


def test_the_list_shows_the_queue_filtered_and_sorted(office):
    result = cli(office, "review", "list", "--kind", "problem", "--sort", "severity")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["id", "kind", "review"]
    assert lines[1].startswith(P2[:8]) and lines[2].startswith(P1[:8])  # severe first
    assert "2 records" in lines[-1]
    zh = cli(office, "review", "list", "--state", "待审核", "--city", "杭州", "--text", "zw", lang="zh")
    assert zh.exit_code == 0 and "共 5 条" in zh.output and "问题" in zh.output and "待审核" in zh.output


def test_confirm_query_send_back_reject_by_id_or_prefix(office):
    done = cli(office, "review", "confirm", P1[:6])
    assert done.exit_code == 0, done.output + done.stderr
    assert "1 records set to 'confirmed'" in done.output and "2026-2-HZ-001" in done.output
    assert cli(office, "review", "query", "2026-2-HZ-001", "--comment", "照片看不清").exit_code == 0  # by number
    assert cli(office, "review", "send-back", B.uid("v1"), "--comment", "请补拍").exit_code == 0
    assert cli(office, "review", "reject", I1[:8], "--reason", "不属于创新").exit_code == 0
    assert (states(office)[P1], states(office)[B.uid("v1")], states(office)[I1]) == ("query", "sent_back", "rejected")
    actions = [a for (a,) in office.rows("SELECT action FROM audit_log WHERE action LIKE 'review.%' ORDER BY seq")]
    assert actions == ["review.confirmed", "review.query", "review.sent_back", "review.rejected"]
    log = cli(office, "log", lang="zh")
    assert "审核确认" in log.output and "退回督导员" in log.output


def test_bulk_confirm_of_a_filtered_set_asks_first(office):
    declined = cli(office, "review", "confirm", "--all-matching", "--kind", "problem", input="n\n")
    assert declined.exit_code == 1 and "Set the 2 matching records to 'confirmed'?" in declined.stderr
    assert set(states(office).values()) == {"received"}
    done = cli(office, "review", "confirm", "--all-matching", "--kind", "problem", "--yes")
    assert done.exit_code == 0 and "2 records set to 'confirmed'" in done.output
    assert sorted(office.rows("SELECT number FROM ledger")) == [("2026-2-HZ-001",), ("2026-2-HZ-002",)]


def test_edit_merge_grade_through_the_commands(office):
    edited = cli(office, "review", "edit", "problem", P1[:8], "--set", "severity=严重", "--set",
                 "deadline=2027-01-15", "--reason", "现场复核")
    assert edited.exit_code == 0, edited.output + edited.stderr
    assert "revision 2 is current" in edited.output
    data = json.loads(office.rows("SELECT r.data FROM current c JOIN records r USING (kind, id, rev) "
                                  "WHERE c.kind = 'problem' AND c.id = ?", P1)[0][0])
    assert (data["severity"], data["deadline"]) == ("severe", "2027-01-15")
    merged = cli(office, "review", "merge", P1[:8], P2[:8], "--reason", "同一问题")
    assert merged.exit_code == 0 and f"{P2[:8]} merged into {P1[:8]}" in merged.output
    assert states(office)[P2] == "duplicate"
    graded = cli(office, "innovations", "grade", I1[:8], "--grade", "可复制推广", "--typical", "--caption", "积分兑换")
    assert graded.exit_code == 0 and "grade replicable, typical case: yes" in graded.output
    again = cli(office, "innovations", "grade", I1[:8], "--not-typical", lang="zh")
    assert "评级 可复制推广，典型案例：否" in again.output
    assert office.rows("SELECT grade, typical, caption, version FROM innovation_grades") == [
        ("replicable", 0, "积分兑换", 2)]


def test_conflicts_listed_shown_and_resolved(office):
    edited = cli(office, "review", "edit", "problem", P1[:8], "--set", "description=活动室闲置（核实）", "--reason", "措辞")
    assert edited.exit_code == 0
    records = {"problems": [B.problem(rev=2, base_rev=1, severity="severe")]}
    assert office.ingest(office.file(office.bundle(records=records, photos=[], sequence=2, since=1), "2.zip")
                         ).exit_code == 0
    listed = cli(office, "conflicts", "list")
    assert P1[:8] in listed.output and "zhangwei" in listed.output
    shown = cli(office, "conflicts", "show", P1[:8], lang="zh")
    assert shown.exit_code == 0, shown.stderr
    assert "severity 严重程度" in shown.output and "category" not in shown.output and "第 1 版" in shown.output
    severity = next(line for line in shown.output.splitlines() if line.startswith("severity"))
    assert severity.rstrip().endswith("是")  # the 不同 column: a word, not the ambiguous-width "≠"
    before = office.dump()
    refused = cli(office, "conflicts", "resolve", P1[:8], "--take", "severity=inspector", "--reason", "以现场为准")
    assert refused.exit_code == 2 and refused.stderr.count("\n") == 1 and "description" in refused.stderr
    assert office.dump() == before
    done = cli(office, "conflicts", "resolve", P1[:8], "--take", "severity=inspector", "--take",
               "description=office", "--reason", "以现场为准")
    assert done.exit_code == 0, done.stderr
    assert "revision 3 is current" in done.output
    assert "No open conflict" in cli(office, "conflicts", "list").output


@pytest.mark.parametrize("args, words", [
    (("review", "confirm", P1[:5]), "too short"),
    (("review", "confirm", "ffffffff"), "no record has an id"),
    (("review", "confirm"), "give record ids"),
    (("review", "confirm", P1, "--all-matching"), "not both"),
    (("review", "query", P1[:8]), "needs a comment"),
    (("review", "reject", P1[:8], "--reason", " "), "needs a comment"),
    (("review", "list", "--state", "done"), "there is no review state 'done'"),
    (("review", "list", "--sort", "colour"), "sort order"),
    (("review", "edit", "problem", P1[:8], "--set", "severity=awful", "--reason", "x"), "severity cannot be 'awful'"),
    (("review", "edit", "problem", P1[:8], "--set", "deadline=2027-02-30", "--reason", "x"), "not a day"),
    (("review", "edit", "problem", P1[:8], "--set", "status=closed", "--reason", "x"), "cannot edit the status"),
    (("review", "edit", "problem", P1[:8], "--set", "severity", "--reason", "x"), "--set takes field=value"),
    (("review", "edit", "visit", B.uid("v1")[:8], "--set", "note=x", "--reason", "x"), "not of a visit"),
    (("review", "edit", "problem", P1[:8], "--set", "severity=major", "--reason", "x"), "nothing to change"),
    (("review", "merge", P1[:8], I1[:8], "--reason", "x"), "cannot be merged"),
    (("conflicts", "show", P1[:8]), "no record has an id"),
    (("innovations", "grade", I1[:8], "--grade", "great"), "there is no grade 'great'"),
])
def test_every_refusal_is_one_line_exit_2_and_changes_nothing(office, args, words):
    before = office.dump()
    result = cli(office, *args)
    assert result.exit_code == 2, result.output
    assert words in result.stderr and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert office.dump() == before
    zh = cli(office, *args, lang="zh")
    assert zh.exit_code == 2 and zh.stderr.startswith("错误：")
    assert office.dump() == before
