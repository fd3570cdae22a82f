"""Done when: a category added at the office appears on the laptop after the
next assignment and in a problem recorded there. Through the commands people
run: the office adds 安全隐患 and publishes, assigns; the laptop loads it,
offers it, records a problem with it (and refuses a code its assignment does
not offer); the bundle comes back and the office names it."""

from __future__ import annotations

import json
from datetime import date

import pytest

from laptop import LIN_01
from test_trip import Side, bundle_records, laptop_side, office, office_rows, written  # noqa: F401 - fixtures

from inspector.identity import load_identity
from inspector.inspection import record
from inspector.store import open_db
from inspector.store.errors import StoreError
from inspector.store.vocabularies import every_version, in_force
from inspector.i18n import label, labels
from inspector.office.db import open_office_db
from inspector.vocabularies import choices, forget, name


def assign(office, tmp_path, round_id: str):
    out = tmp_path / f"assignment-{round_id}.json"
    office.run("office", "assign", "--inspector", "zhangwei", "--round", round_id, "--round-name", round_id,
               "--project", "HZ-GL-001", "--template", "zj-problem", "-o", str(out))
    return out


def test_a_category_added_at_the_office_reaches_the_laptop_and_comes_back(tmp_path, office, laptop_side):
    me = load_identity(laptop_side.root / "identity")
    office.run("office", "enrol", "--id", "zhangwei", "--name", "张伟", "--public-key", me.public_key_text)
    old = assign(office, tmp_path, "R2026-1")  # before the office changed anything
    office.run("office", "--as", "ceshi", "vocab", "add", "problem_category", "safety_hazard", "安全隐患",
               "Safety hazard")
    office.run("office", "--as", "ceshi", "vocab", "retire", "problem_category", "other")
    office.run("office", "--as", "ceshi", "vocab", "publish", "problem_category", "--summary", "新增安全隐患")
    new = assign(office, tmp_path, "R2026-2")

    laptop_side.run("load", str(old))
    db = open_db(laptop_side.root / "inspector.db")
    assert "safety_hazard" not in [code for code, _ in choices("problem_category", "zh", in_force(
        db, "problem_category", "HZ-GL-001"))]
    db.close()

    laptop_side.run("load", str(new))
    db = open_db(laptop_side.root / "inspector.db")
    offered = in_force(db, "problem_category", "HZ-GL-001")
    assert offered.version == 2
    assert ("safety_hazard", "安全隐患") in choices("problem_category", "zh", offered)
    assert "other" not in [code for code, _ in choices("problem_category", "zh", offered)]  # retired
    visit = record.start_visit(db, "HZ-GL-001", date(2026, 11, 27), ["张伟"])
    with pytest.raises(StoreError) as refused:
        record.save_problem(db, visit.id, item=LIN_01, scenario="transport", category="other",
                            description="楼道飞线充电", severity="severe", responsible_unit=None, deadline=None)
    assert "“other”不在本项目任务包的词表中" in refused.value.say("zh")
    problem = record.save_problem(
        db, visit.id, item=LIN_01, scenario="transport", category="safety_hazard",
        description="楼道飞线充电", severity="severe", responsible_unit=None, deadline=None)
    assert name("problem_category", problem.category, "en", every_version(db, "problem_category")) == "Safety hazard"
    db.close()

    bundle = written(laptop_side.run("export", "-o", str(tmp_path / "usb")))
    assert [p["category"] for p in bundle_records(bundle)["problems"]] == ["safety_hazard"]
    office.run("office", "ingest", str(bundle))
    (data,) = office_rows(office, f"SELECT data FROM records WHERE kind = 'problem' AND id = '{problem.id}'")
    assert json.loads(data[0])["category"] == "safety_hazard"
    # The office names it wherever a screen or report says label("ProblemCategory", …): opening its
    # database reads every version it published (nothing of this process's laptop side is left).
    forget()
    assert label("ProblemCategory", "safety_hazard", "zh") == "safety_hazard"  # nobody knows it yet
    open_office_db(office.root / "office.db").close()
    assert label("ProblemCategory", "safety_hazard", "zh") == "安全隐患"
    assert labels("ProblemCategory", "en")["safety_hazard"] == "Safety hazard"
    assert label("ProblemCategory", "other", "zh") == label("ProblemCategory", "other", "zh") != "other"  # retired
