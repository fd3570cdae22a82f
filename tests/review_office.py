"""An office that has ingested one bundle (one of each kind on HZ-GL-001),
for the review tests: what a reviewer edits, resolves, merges and grades."""

from __future__ import annotations

from pathlib import Path

import bundles as B

PROJECTS = (("HZ-GL-001", "瓜沥七彩未来社区", "hangzhou"), ("NB-YZ-001", "姚江未来社区", "ningbo"),
            ("WZ-LC-001", "鹿城未来社区", "wenzhou"))


def office_with_round(tmp_path: Path, records: dict | None = None, photos: list[bytes] | None = None) -> B.Office:
    office = B.make_office(tmp_path)
    office.catalogue(PROJECTS)
    knobs = {} if records is None else {"records": records}
    if photos is not None:
        knobs["photos"] = photos
    result = office.ingest(office.file(office.bundle(**knobs)))
    assert result.exit_code == 0, result.output + result.stderr
    return office


def cli(office: B.Office, *args: str, lang: str = "en", input: str | None = None):
    from click.testing import CliRunner

    from inspector.cli import cli as group

    return CliRunner().invoke(group, ["--lang", lang, "office", "--office-db", str(office.db), *args], input=input)
