"""A bundle follows what the office holds from its laptop (issue 14 items 5
and 6g): it names as `previous` the bundle the office holds for the number
before it, and its number is not far beyond the highest received. Signed
correctly by the laptop's key, and still refused with nothing stored."""

from __future__ import annotations

import pytest

import bundles as B
from inspector.office.ingest import MAX_SEQUENCE_AHEAD


@pytest.fixture
def office(tmp_path, monkeypatch) -> B.Office:
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    office = B.make_office(tmp_path)
    office.catalogue()
    assert office.ingest(office.file(office.bundle(), "1.zip")).exit_code == 0
    return office


def next_records() -> dict:
    records = B.sample_records()
    records["visits"].append(B.visit(rev=2, note="补记"))
    return records


@pytest.mark.parametrize("previous", [B.uid("someone-else"), None])
def test_a_bundle_naming_another_predecessor_is_refused(office, previous):
    bundle = office.bundle(records=next_records(), sequence=2, since=1)
    bundle.previous = previous  # what the laptop would never write
    path = bundle.write(office.root / "2.zip")
    before = office.dump()
    result = office.ingest(path)
    assert result.exit_code == 2
    assert "manifest.json: field previous: bundle 2 names" in result.stderr
    assert "it is not what this laptop exported next" in result.stderr
    assert office.dump() == before
    assert "不是这台电脑接着导出的" in office.ingest(path, lang="zh").stderr


@pytest.mark.parametrize("sequence", [2**31 - 1, 1 + MAX_SEQUENCE_AHEAD + 1])
def test_a_sequence_far_beyond_what_the_office_holds_is_refused(office, sequence):
    path = office.file(office.bundle(records=next_records(), sequence=sequence, since=0, full=True), "far.zip")
    before = office.dump()
    result = office.ingest(path)
    assert result.exit_code == 2
    assert f"sequence {sequence} is far beyond the highest the office holds from this laptop, 1" in result.stderr
    assert office.dump() == before


def test_the_next_bundles_in_order_are_applied(office):
    two = office.bundle(records=next_records(), sequence=2, since=1)
    assert office.ingest(office.file(two, "2.zip")).exit_code == 0
    gap = office.bundle(records=next_records(), sequence=1 + MAX_SEQUENCE_AHEAD, since=0, full=True)
    assert office.ingest(office.file(gap, "gap.zip")).exit_code == 0  # bundles lost on the way: a gap is fine
