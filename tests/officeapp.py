"""An office with a received round, for the office interface's tests and
snapshots: zhangwei's visit to 瓜沥七彩 (two problems, an innovation, a
re-check verdict, photos) and lina's to 鹿城 (one problem), really ingested.
Times are fixed so what the screens show is the same on every run."""

from __future__ import annotations

import io
from datetime import date, timezone, timedelta
from pathlib import Path

import bundles as B
from conftest import FIXTURES

TODAY = date(2026, 12, 4)
RECEIVED = "2026-11-28T02:00:00+00:00"
ITEM = {"template": "zj-problem", "version": 1, "item": "party.center"}
CST = timezone(timedelta(hours=8))


def jpeg(n: int) -> bytes:
    """A small real photo (a gradient), so the preview draws something."""
    from PIL import Image

    image = Image.new("RGB", (64, 48))
    image.putdata([((x * 4 + n * 60) % 256, (y * 5) % 256, (x + y + n * 90) % 256)
                   for y in range(48) for x in range(64)])
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def zhangwei_records() -> dict:
    records = B.sample_records()
    photos = [jpeg(0), jpeg(1)]
    records["answers"] = [B.answer(item=ITEM, note="中心周末不开放")]
    records["problems"] = [
        B.problem(item=ITEM, description="党群服务中心周末大门紧锁，未对居民开放。"),
        B.problem("p2", severity="severe", category="public_services", scenario="health",
                  description="托育用房设在地下一层，无自然采光。", item=None, responsible_unit="瓜沥镇人民政府"),
    ]
    records["photos"] = [
        B.photo(data=photos[0], caption="中心入口"),
        B.photo("ph2", data=photos[1], attached_to={"kind": "problem", "id": B.uid("p1")}, caption="紧锁的大门"),
    ]
    return records, photos


def build_office(root: Path, *, monkeypatch=None) -> B.Office:
    """The office (INSPECTOR_DATA_DIR must be root/data); `monkeypatch` fixes ingest's clock."""
    from inspector.checklists import versions
    from inspector.models import ChecklistTemplate
    from inspector.office import ingest
    from inspector.office.db import open_office_db

    if monkeypatch is not None:
        monkeypatch.setattr(ingest, "_now", lambda: RECEIVED)
    office = B.make_office(root)
    db = open_office_db(office.db)
    template = ChecklistTemplate.model_validate_json(
        (FIXTURES / "templates" / "problem-checklist.v1.json").read_text(encoding="utf-8"))
    versions.import_draft(db, template, by="ceshi")
    versions.publish(db, "zj-problem", "首版", by="ceshi")
    db.close()
    office.catalogue((*B.CATALOGUE, ("WZ-LC-001", "鹿城集新未来社区", "wenzhou")))
    records, photos = zhangwei_records()
    for bundle, name in ((office.bundle(records=records, photos=photos), "zw.zip"),
                         (office.lina_bundle(), "lina.zip")):
        result = office.ingest(office.file(bundle, name))
        assert result.exit_code == 0, result.output
    return office


def add_conflict(office: B.Office) -> None:
    """A conflict on zhangwei's first problem: the office rewords it (its rev 2)
    while he, unaware, sends his own rev 2 (severity, responsible unit)."""
    from inspector.office.db import open_office_db
    from inspector.office.review.edits import edit_record

    db = open_office_db(office.db)
    edit_record(db, "problem", B.uid("p1"), {"description": "党群服务中心周末不开放（办公室核实）"}, by="ceshi",
                reason="措辞", seen_rev=1, at="2026-11-29T02:00:00+00:00")
    db.close()
    records = {"problems": [B.problem(rev=2, base_rev=1, item=ITEM, severity="severe", responsible_unit="瓜沥镇社区办",
                                      description="党群服务中心周末大门紧锁，未对居民开放。")]}
    result = office.ingest(office.file(office.bundle(records=records, photos=[], sequence=2, since=1), "zw2.zip"))
    assert result.exit_code == 0, result.output


def office_app(office: B.Office, lang: str = "zh"):
    from inspector.settings import Settings
    from inspector.tui.factory import make_app

    return make_app(Settings(db_path=office.root / "laptop.db", lang=lang, data_dir=office.data), start="office",
                    office_db=office.db, office_user="ceshi", today=TODAY)


if __name__ == "__main__":  # an office to look at: python tests/officeapp.py FOLDER
    import os
    import sys

    folder = Path(sys.argv[1])
    os.environ["INSPECTOR_DATA_DIR"] = str(folder / "data")
    os.environ.setdefault("INSPECTOR_OFFICE_USER", "ceshi")
    print(build_office(folder).db)
