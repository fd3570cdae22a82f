"""Vocabularies the office owns: seeded from what the software ships, edited
in drafts, published in versions that never change, named by one function
that never raises."""

from __future__ import annotations

import re
import sqlite3

import pytest

from inspector.i18n import label
from inspector.models.vocab import EvidenceType, ProblemCategory
from inspector.models.vocabulary import Vocabulary, VocabularyEntry
from inspector.office import audit
from inspector.office.db import open_office_db
from inspector.office.vocabularies import VocabularyRefused
from inspector.office.vocabularies import store as V
from inspector.vocabularies import built_in, choices, name

STAFF = "wang"


@pytest.fixture
def db(tmp_path):
    return open_office_db(tmp_path / "office.db")


def test_a_new_office_holds_version_1_of_every_kind_as_shipped(db):
    categories = V.current(db, "problem_category")
    assert categories.version == 1
    assert [e.code for e in categories.entries] == [c.value for c in ProblemCategory]
    first = ProblemCategory.funding
    assert categories.entry(first).zh == label("ProblemCategory", first, "zh")
    assert categories.entry(first).en == label("ProblemCategory", first, "en")
    assert [e.code for e in V.current(db, "evidence_type").entries] == [e.value for e in EvidenceType]
    assert [e.code for e in V.current(db, "rectification").entries] == ["immediate", "deadline", "ongoing"]
    assert "dimension:operation".split(":")[1] in [e.code for e in V.current(db, "dimension").entries]
    assert V.current(db, "unit").entries == []


def test_add_publish_and_the_old_version_stays(db):
    V.add(db, "problem_category", "safety_hazard", "安全隐患", "Safety hazard")
    V.rename(db, "problem_category", "funding", zh="资金落实不到位")
    V.retire(db, "problem_category", "other")
    assert V.current(db, "problem_category").version == 1  # a draft is not in force
    published = V.publish(db, "problem_category", by=STAFF, summary="2026 年度")
    assert published.version == 2
    assert V.current(db, "problem_category").entry("safety_hazard").zh == "安全隐患"
    assert [v.version for v in V.versions(db, "problem_category")] == [1, 2]
    assert V.versions(db, "problem_category")[0].entry("safety_hazard") is None
    assert not V.has_draft(db, "problem_category")
    (entry,) = [e for e in audit.entries(db) if e.action == "vocab.publish"]
    assert (entry.user, entry.subject, entry.reason) == (STAFF, "problem_category v2", "2026 年度")
    assert entry.detail == {"added": ["safety_hazard"], "renamed": ["funding"], "retired": ["other"]}
    with pytest.raises(sqlite3.DatabaseError):
        db.conn.execute("UPDATE vocabularies SET summary = 'x' WHERE kind = 'problem_category'")
    with pytest.raises(sqlite3.DatabaseError):
        db.conn.execute("DELETE FROM vocabularies")


def test_a_discarded_draft_is_gone_for_every_connection(db, tmp_path):
    V.add(db, "evidence_type", "site_photo", "现场拍照")
    assert V.discard(db, "evidence_type") is True
    other = open_office_db(tmp_path / "office.db")  # another member of staff
    assert not V.has_draft(other, "evidence_type")
    assert V.draft(other, "evidence_type").entry("site_photo") is None
    assert V.discard(db, "evidence_type") is False
    other.close()


@pytest.mark.parametrize(("step", "key"), [
    (lambda db: V.add(db, "problem_category", "funding", "资金"), "vocab.code_exists"),
    (lambda db: V.add(db, "problem_category", "安全", "安全隐患"), "vocab.bad_code"),
    (lambda db: V.add(db, "problem_category", "Safety", "安全隐患"), "vocab.bad_code"),
    (lambda db: V.add(db, "problem_category", "hazard", "  "), "vocab.bad_name"),
    (lambda db: V.add(db, "rectification", "someday", "择期整改"), "vocab.rectification_fixed"),
    (lambda db: V.rename(db, "evidence_type", "nope", zh="无"), "vocab.no_such_code"),
    (lambda db: V.add(db, "unit", "u-1", "某单位"), "vocab.units_elsewhere"),
    (lambda db: V.current(db, "colours"), "vocab.unknown_kind"),
    (lambda db: V.publish(db, "evidence_type", by=STAFF), "vocab.nothing_to_publish"),
])
def test_refusals_say_why_in_both_languages_and_store_nothing(db, step, key):
    with pytest.raises(VocabularyRefused) as refused:
        step(db)
    assert refused.value.key == key
    assert any("\u4e00" <= ch <= "\u9fff" for ch in refused.value.say("zh"))
    assert re.sub(r'"[^"]*"', "", refused.value.say("en")).isascii()  # values typed by people excepted
    assert db.conn.execute("SELECT count(*) FROM vocabulary_drafts").fetchone() == (0,)
    assert db.conn.execute("SELECT max(version) FROM vocabularies").fetchone() == (1,)


def test_the_unit_directory_is_published_as_it_stands(db):

    db.conn.execute("INSERT INTO units (id, name, role, city, added_at, updated_at) "
                    "VALUES ('u-abc', '上城区采荷街道办事处', 'local', 'hangzhou', 'now', 'now')")
    published = V.publish(db, "unit", by=STAFF)
    assert published.version == 2
    assert [(e.code, e.zh, e.city) for e in published.entries] == [("u-abc", "上城区采荷街道办事处", "hangzhou")]


def test_a_name_is_found_whatever_happens():
    office = Vocabulary(kind="problem_category", version=2, entries=[
        VocabularyEntry(code="safety_hazard", zh="安全隐患", en="Safety hazard"),
        VocabularyEntry(code="funding", zh="资金保障不足", retired=True),
    ])
    assert name("problem_category", "safety_hazard", "zh", office) == "安全隐患"
    assert name("problem_category", "safety_hazard", "en", office) == "Safety hazard"
    assert name("problem_category", "funding", "zh", office) == "资金保障不足"  # retired: still named
    assert name("problem_category", "funding", "en", office) == label("ProblemCategory", "funding", "en")
    assert name("problem_category", "schedule", "zh", office) == label("ProblemCategory", "schedule", "zh")
    assert name("problem_category", "from_the_future", "zh", office) == "from_the_future"
    assert name("problem_category", None, "zh") == ""
    assert choices("problem_category", "zh", office) == [("safety_hazard", "安全隐患")]
    assert choices("problem_category", "zh", office, keep=["funding"])[-1] == ("funding", "资金保障不足")
    assert [c for c, _ in choices("evidence_type", "en")] == [e.value for e in EvidenceType]
    assert built_in("unit").entries == []
