"""Twenty-five SIGKILLs at random moments during a scripted visit on a real
process (issue 14 item 7): answers and notes saved, problems raised, photos
imported and attached, one after another, each reported once it is saved.
After every kill the database passes integrity_check and holds everything
that was reported saved; the next run goes on from there."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from laptop import laptop

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

KILLS = 25

VISIT = r"""
import itertools, sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from inspector.inspection import record
from inspector.inspection.photos import attach_photos
from inspector.models import ItemRef
from inspector.photos.importing import import_photos
from inspector.photos.library import PhotoLibrary
from inspector.store import open_db

root, visit = Path(sys.argv[1]), sys.argv[2]
db = open_db(root / "inspector.db")
library = PhotoLibrary(root / "photos")
cards = sorted((root / "card").glob("*.jpg"))
start = int((root / "next").read_text()) if (root / "next").exists() else 0
items = [ItemRef(template="zj-problem", version=1, item=i) for i in ("lin-01", "lin-02")]
for n in itertools.count(start):
    (root / "next.tmp").write_text(str(n + 1))
    (root / "next.tmp").replace(root / "next")  # a kill leaves the old number or the new one
    step = n % 4
    if step in (0, 1):
        answer = record.save_answer(db, visit, items[step], note=f"note {n}")
        print(f"answer {items[step].item} {n}", flush=True)
    elif step == 2:
        problem = record.save_problem(db, visit, item=items[0], scenario="neighbourhood", category="facility_idle",
                                      description=f"problem {n}", severity="minor", responsible_unit=None,
                                      deadline=None)
        print(f"problem {problem.id}", flush=True)
    else:
        imported = import_photos([cards[n % len(cards)]], library, workers=1).imported
        answer = record.save_answer(db, visit, items[0], note=f"note {n}")
        for photo in attach_photos(db, visit, "answer", answer.id, imported):
            print(f"photo {photo.id} {photo.sha256}", flush=True)
        print(f"answer lin-01 {n}", flush=True)
"""


def check(root: Path, said: list[str]) -> None:
    """Everything reported saved is in the database, which is whole."""
    conn = sqlite3.connect(root / "inspector.db")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        notes = {}
        for item, data in conn.execute("SELECT json_extract(data, '$.item.item'), data FROM answers "
                                       "ORDER BY rev"):
            notes[item] = int(__import__("json").loads(data)["note"].split()[-1])
        problems = {i for (i,) in conn.execute("SELECT id FROM problems")}
        photos = {i for (i,) in conn.execute("SELECT id FROM photos")}
    finally:
        conn.close()
    last: dict[str, int] = {}
    for line in said:
        kind, *rest = line.split()
        if kind == "answer":
            last[rest[0]] = int(rest[1])
        elif kind == "problem":
            assert rest[0] in problems, line
        elif kind == "photo":
            assert rest[0] in photos, line
            assert (root / "photos" / rest[1][:2] / f"{rest[1]}.jpg").is_file(), line
    for item, n in last.items():
        assert notes[item] >= n, (item, notes[item], n)  # a save reported is there (a later one may be too)


def test_twenty_five_kills_during_a_visit_lose_nothing_reported_saved(tmp_path):
    from inspector.inspection import record
    from inspector.store import open_db

    made = laptop(tmp_path / "laptop")
    db = open_db(made.db_path)
    visit = record.start_visit(db, "HZ-GL-001", date(2026, 11, 27), ["张伟"])
    db.close()
    card = made.root / "card"
    card.mkdir()
    for n in range(6):
        Image.new("RGB", (320 + n, 240), (n * 40, 90, 200 - n * 30)).save(card / f"IMG_{n:03d}.jpg", quality=90)
    rng = random.Random(14)
    said: list[str] = []
    source = str(Path(__file__).parents[2])
    for kill in range(KILLS):
        process = subprocess.Popen([sys.executable, "-c", VISIT, str(made.root), str(visit.id), source],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0.25, 0.9))  # start-up is ~0.2 s: most kills land among the saves
        process.send_signal(signal.SIGKILL)
        out, err = process.communicate()
        assert process.returncode == -signal.SIGKILL, err
        said += out.splitlines()
        check(made.root, said)
    assert sum(line.startswith("answer") for line in said) > KILLS  # the kills did land among saves
    assert any(line.startswith("photo") for line in said) and any(line.startswith("problem") for line in said)
