"""A lost laptop (issue 14 item 2): `office revoke` stops accepting the
laptop's bundles after sequence N; what it sent up to N stays, is still
recognised, and another laptop of the same inspector goes on."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import bundles as B
from support import STAFF as _STAFF
from inspector.cli import cli
from inspector.office.db import open_office_db
from inspector.office.revocation import RevokeRefused, revoke

STAFF = _STAFF[0]


@pytest.fixture
def office(tmp_path, monkeypatch) -> B.Office:
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INSPECTOR_OFFICE_USER", STAFF)
    office = B.make_office(tmp_path)
    office.catalogue()
    return office


def run(office: B.Office, *args: str, lang: str = "en"):
    return CliRunner().invoke(cli, ["--lang", lang, "office", "--office-db", str(office.db), *args])


def later(office: B.Office, first: B.Bundle, sequence: int, note: str) -> B.Bundle:
    records = B.sample_records()
    records["visits"].append(B.visit(rev=sequence, note=note))
    return office.bundle(records=records, sequence=sequence, since=sequence - 1, previous=first.bundle_id)


def test_bundles_after_n_are_refused_and_those_before_stay(office):
    one = office.bundle()
    assert office.ingest(office.file(one, "1.zip")).exit_code == 0
    two = later(office, one, 2, "第二次")
    three = later(office, two, 3, "第三次")

    done = run(office, "revoke", "--inspector", "zhangwei", "--device", B.DEVICE, "--after", "2",
               "--reason", "电脑遗失")
    assert done.exit_code == 0, done.output + done.stderr
    assert f"device {B.DEVICE} of zhangwei revoked: its bundles numbered after 2 will be refused" in done.output
    assert "--replace" in done.output

    assert office.ingest(office.file(two, "2.zip")).exit_code == 0  # before N: accepted
    before = office.dump()
    refused = office.ingest(office.file(three, "3.zip"))
    assert refused.exit_code == 2
    assert f"device {B.DEVICE} of zhangwei was revoked on" in refused.stderr
    assert "its bundles numbered after 2 are refused (this one is 3)" in refused.stderr
    assert office.dump() == before  # nothing of it stored
    zh = office.ingest(office.file(three, "3.zip"), lang="zh")
    assert "已于" in zh.stderr and "停用" in zh.stderr

    assert "already" in office.ingest(office.file(one, "1.zip")).output.lower()  # what came before stays
    assert office.rows("SELECT count(*) FROM bundles WHERE status = 'applied'") == [(2,)]
    assert office.rows("SELECT user_id, action, subject, reason FROM audit_log WHERE action = 'device.revoke'") == [
        (STAFF, "device.revoke", f"zhangwei/{B.DEVICE}", "电脑遗失")]
    status = office.status()
    assert f"{B.DEVICE} revoked (after 2)" in status.output
    lina = office.lina_bundle()  # another laptop goes on
    assert office.ingest(office.file(lina, "lina.zip")).exit_code == 0


def test_the_default_is_what_the_office_holds_and_refusals_store_nothing(office):
    one = office.bundle()
    assert office.ingest(office.file(one, "1.zip")).exit_code == 0
    db = open_office_db(office.db)
    try:
        before = office.dump()
        for args, code in ((("nobody", B.DEVICE), "unknown_inspector"), (("zhangwei", "laptop-typo"), "unknown_device")):
            with pytest.raises(RevokeRefused) as refused:
                revoke(db, *args, by=STAFF)
            assert refused.value.code == code
        assert office.dump() == before
        done = revoke(db, "zhangwei", B.DEVICE, by=STAFF)
        assert done.after == 1
        with pytest.raises(RevokeRefused) as again:
            revoke(db, "zhangwei", B.DEVICE, by=STAFF)
        assert again.value.code == "already"
    finally:
        db.close()
    said = run(office, "revoke", "--inspector", "zhangwei", "--device", "laptop-typo", lang="zh")
    assert said.exit_code != 0 and "已知设备：laptop-zhangwei-01" in said.stderr
