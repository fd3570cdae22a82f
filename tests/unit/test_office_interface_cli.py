"""`inspector office` with no command opens the office interface, after the
same checks as every office command: a registered member of staff, an
office database that exists."""

from __future__ import annotations

from click.testing import CliRunner

import bundles as B
from inspector.cli import cli


def test_office_alone_opens_the_interface_as_the_member_of_staff(tmp_path, monkeypatch):
    office = B.make_office(tmp_path)
    opened = []
    monkeypatch.setattr("inspector.cli.base.run_interface", lambda app: opened.append(app))
    result = CliRunner().invoke(cli, ["--lang", "en", "office", "--office-db", str(office.db)])
    assert result.exit_code == 0, result.output
    (app,) = opened
    assert (app.start, app.office_user, app.office_db) == ("office", "ceshi", office.db)


def test_refused_without_staff_or_database(tmp_path, monkeypatch):
    office = B.make_office(tmp_path)
    monkeypatch.setattr("inspector.cli.base.run_interface", lambda app: (_ for _ in ()).throw(AssertionError))
    before = B.dump(office.db)
    nobody = CliRunner().invoke(cli, ["--lang", "en", "office", "--office-db", str(office.db), "--as", "nobody"])
    assert nobody.exit_code == 2 and "nobody" in nobody.output and "Traceback" not in nobody.output
    missing = CliRunner().invoke(cli, ["--lang", "en", "office", "--office-db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "none.db" in missing.output
    assert not (tmp_path / "none.db").exists() and B.dump(office.db) == before
