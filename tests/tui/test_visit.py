"""A whole visit driven through the keyboard, as an inspector would, then the
database checked for exactly what was typed."""

from __future__ import annotations

import json
import sqlite3

from support import settle, wait_for

from inspector.inspection.answers import is_answered
from inspector.tui.dialogs.gaps import GapsDialog
from inspector.tui.dialogs.innovation_form import InnovationForm
from inspector.tui.dialogs.problem_form import ProblemForm
from inspector.tui.dialogs.start_visit import StartVisitDialog
from inspector.tui.dialogs.text_prompt import ConfirmDialog
from inspector.tui.dialogs.verdict_form import VerdictForm
from inspector.tui.screens.visit import VisitScreen
from inspector.tui.screens.visit_lists import FollowUpScreen
from inspector.tui.screens.visit_summary import VisitSummaryScreen

PROJECT = "HZ-XS-006"  # 瓜沥七彩: nine scenarios declared, one problem to re-check


async def start_visit(pilot) -> VisitScreen:
    app = pilot.app
    await settle(pilot)
    await pilot.press(*"gl", "enter")
    await settle(pilot)
    await pilot.press("v")
    await pilot.pause()
    assert isinstance(app.screen, StartVisitDialog)
    await pilot.press("ctrl+a")
    for ch in "张伟、李娜":
        await pilot.press(ch)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, VisitScreen) and app.screen.loaded)
    return app.screen


def typed_value(entry) -> str:
    """What an inspector would type for a value item: something inside its range."""
    spec = entry.item.answer
    if spec.type == "number":
        number = 12.0
        if spec.min is not None:
            number = max(number, spec.min)
        if spec.max is not None:
            number = min(number, spec.max)
        return f"{int(number)}"
    if spec.type == "score":
        return f"{spec.max:g}"
    return {"date": "2026-10-01", "text": "居民反映良好"}[spec.type]


async def type_text(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch if ch != " " else "space")


def rows(db, sql, *args):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


async def test_a_whole_visit(fixture_db, app_for):
    app = app_for(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_visit(pilot)
        visit_id = screen.visit_id
        applicable = [e for e in screen.snapshot.entries if e.applies]
        assert len(applicable) > 60
        expected: dict[str, object] = {}
        problems_raised: list[str] = []
        innovations_recorded = 0

        for index, entry in enumerate(applicable):
            await wait_for(pilot, lambda: app.screen is screen and screen.current is not None)
            if screen.current != entry:
                screen.go_to(entry)
                await pilot.pause()
            if index == 5:  # a note before answering (answering moves on to the next item)
                await pilot.press("m")
                await type_text(pilot, "台账齐全")
                await pilot.press("escape")
            kind = entry.item.answer.type
            if kind == "pass_fail":
                fail = index % 7 == 3 and entry.template.kind == "problem"
                await pilot.press("f" if fail else "p")
                expected[entry.item.id] = "fail" if fail else "pass"
            elif kind == "single_choice":
                choice = 2 if index % 5 == 0 else 1
                await pilot.press(str(choice))
                expected[entry.item.id] = entry.item.answer.options[choice - 1].value
            else:
                value = typed_value(entry)
                await pilot.press("e")
                await type_text(pilot, value)
                await pilot.press("enter")
                expected[entry.item.id] = value if kind in ("date", "text") else float(value)
            await pilot.pause()
            if isinstance(app.screen, ProblemForm):
                description = f"第{index}项发现的问题"
                await type_text(pilot, description)
                await pilot.press("ctrl+s")
                problems_raised.append(description)
            elif isinstance(app.screen, InnovationForm):
                await type_text(pilot, f"第{index}项的做法")  # the title is the inspector's; category from the item
                await pilot.press("ctrl+s")
                innovations_recorded += 1

        app.flush()
        await pilot.pause()
        assert problems_raised and innovations_recorded

        # a free-form innovation from its list screen
        await pilot.press("c")
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InnovationForm)
        await type_text(pilot, "公交场站上盖邻里中心")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")

        # finishing with an earlier problem still unjudged is refused and says what is missing
        await pilot.press("F")
        await pilot.pause()
        assert isinstance(app.screen, GapsDialog)
        assert [g.kind for g in app.screen.gaps] == ["no_verdict"]
        await pilot.press("enter")  # goes to the follow-up list
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpScreen))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, VerdictForm)
        await pilot.press("2")  # partly rectified
        await pilot.press("tab")
        await type_text(pilot, "已整改一半")
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.flush()
        await pilot.pause()
        await pilot.press("escape")

        await pilot.press("F")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, VisitSummaryScreen))
        app.flush()

    # The database holds exactly what was typed.
    answers = {
        json.loads(data)["item"]["item"]: json.loads(data)
        for (data,) in rows(fixture_db, "SELECT data FROM answers_current WHERE visit_id = ?", visit_id)
    }
    assert {k: a["value"] for k, a in answers.items()} == expected
    assert answers[applicable[5].item.id]["note"] == "台账齐全"
    descriptions = sorted(d for (d,) in rows(
        fixture_db, "SELECT json_extract(data, '$.description') FROM problems_current WHERE visit_id = ?", visit_id))
    assert descriptions == sorted(problems_raised)
    titles = [t for (t,) in rows(
        fixture_db, "SELECT json_extract(data, '$.title') FROM innovations_current WHERE visit_id = ?", visit_id)]
    assert len(titles) == innovations_recorded + 1 and "公交场站上盖邻里中心" in titles
    (verdict, note, problem_id), = rows(
        fixture_db, "SELECT verdict, json_extract(data, '$.note'), problem_id FROM follow_ups WHERE visit_id = ?",
        visit_id)
    assert (verdict, note) == ("partly_rectified", "已整改一半")
    history = json.loads(rows(fixture_db, "SELECT data FROM problems_current WHERE id = ?", problem_id)[0][0])["history"]
    assert history[-1]["verdict"] == "partly_rectified" and history[-1]["by"] == "zhangwei"
    assert rows(fixture_db, "SELECT status FROM visits_current WHERE id = ?", visit_id) == [("finished",)]
    # everything of the finished visit is sealed: later edits must make new revisions
    assert rows(fixture_db, "SELECT count(*) FROM answers WHERE visit_id = ? AND sealed = 0", visit_id) == [(0,)]
    assert all(is_answered(v) for v in expected.values())


async def test_finished_visit_is_read_only_until_reopened(fixture_db, app_for):
    from inspector.inspection import record
    from inspector.inspection.gaps import find_gaps

    app = app_for(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_visit(pilot)
        # answers saved directly (the keys are covered above); then finished through the keys
        for entry in [e for e in screen.snapshot.entries if e.applies]:
            spec = entry.item.answer
            if spec.type == "pass_fail":
                value = "pass"
            elif spec.type == "single_choice":
                value = next((o.value for o in spec.options if not o.flag), spec.options[0].value)
            else:
                value = typed_value(entry)
            app.save(record.save_answer, screen.visit_id, entry.ref, value=value,
                     on_saved=lambda a, e=entry: screen.snapshot.answers.__setitem__(e.key, a))
        app.flush()
        await pilot.pause()
        for gap in find_gaps(screen.snapshot):
            if gap.kind == "finding_without_problem":
                screen.go_to(gap.entry)
                await pilot.press("w")
                await type_text(pilot, "已现场说明")
                await pilot.press("enter")
        await pilot.press("g", "enter", "1", "ctrl+s")
        app.flush()
        await pilot.pause()
        await pilot.press("escape", "F", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, VisitSummaryScreen))
        await pilot.press("escape")
        assert screen.read_only
        before = rows(fixture_db, "SELECT count(*), max(rev) FROM answers")
        await pilot.press("p")  # refused: read-only
        app.flush()
        assert rows(fixture_db, "SELECT count(*), max(rev) FROM answers") == before
        await pilot.press("F")  # on a finished visit F asks why it is reopened
        await pilot.pause()
        await type_text(pilot, "补录备注")
        await pilot.press("enter")
        await wait_for(pilot, lambda: not screen.read_only)
        await pilot.press("m")
        await type_text(pilot, "补")
        app.flush()
    assert rows(fixture_db, "SELECT json_extract(data, '$.reopen_reason'), status FROM visits_current") == [
        ("补录备注", "in_progress")]
    # the edited answer gained revision 2 on top of its sealed revision 1
    assert rows(fixture_db, "SELECT max(rev) FROM answers") == [(2,)]
    assert rows(fixture_db, "SELECT json_extract(data, '$.note') FROM answers WHERE rev = 2") == [("补",)]


async def test_typing_ahead_of_a_slow_disk_keeps_every_letter(fixture_db, app_for, monkeypatch):
    """Saves that land after more has been typed must not put older text back."""
    import time as clock

    from inspector.inspection import record

    slow = record.save_answer

    def save_slowly(*args, **kwargs):
        clock.sleep(0.05)
        return slow(*args, **kwargs)

    monkeypatch.setattr(record, "save_answer", save_slowly)
    app = app_for(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_visit(pilot)
        entry = screen.current
        await pilot.press("m")
        await type_text(pilot, "abcdefghijklmnop")
        await pilot.press("escape", "down", "e")  # party.mechanism is a choice; go on to the number
        await pilot.press("down", "e")
        await type_text(pilot, "123456")
        await pilot.press("enter")
        app.flush()
        await pilot.pause(0.3)
        number_entry = next(e for e in screen.snapshot.entries if e.item.id == "party.members")
    notes = rows(fixture_db, "SELECT json_extract(data, '$.note') FROM answers_current WHERE item = ?",
                 entry.item.id)
    assert notes == [("abcdefghijklmnop",)]
    values = rows(fixture_db, "SELECT json_extract(data, '$.value') FROM answers_current WHERE item = ?",
                  number_entry.item.id)
    assert values == [(123456.0,)]


async def test_photos_of_an_item(fixture_db, app_for, tmp_path):
    from PIL import Image

    from inspector.tui.screens.photos import PhotoScreen
    from inspector.tui.widgets.photo_preview import PhotoPreview

    card = tmp_path / "DCIM"
    card.mkdir()
    for n, colour in enumerate([(200, 30, 30), (30, 30, 200), (30, 200, 30)]):
        Image.new("RGB", (640, 480), colour).save(card / f"IMG_{n}.jpg", quality=90)
    (card / "IMG_bad.jpg").write_bytes(b"not a photo")

    app = app_for(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_visit(pilot)
        entry = screen.current
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, PhotoScreen))
        photos = app.screen
        await type_text(pilot, str(card))
        await pilot.press("enter")
        await wait_for(pilot, lambda: not photos.importing and len(photos.photos) == 3)
        messages = [n.message for n in app._notifications]
        assert any("IMG_bad.jpg" in m and "不是可读取的照片" in m for m in messages)  # named, in Chinese
        preview = photos.query_one(PhotoPreview)
        await wait_for(pilot, lambda: preview.render_line(2).text.strip() != "")  # drawn in half blocks
        await pilot.press("escape")  # clears the path box first
        await pilot.press("tab", "tab", "tab")
        photos.query_one("#photo-list").focus()
        await pilot.press("c")
        await type_text(pilot, "红色门头")
        await pilot.press("enter")
        await wait_for(pilot, lambda: any(p.caption == "红色门头" for p in photos.photos))
        await pilot.press("down", "d")
        await pilot.pause()
        await pilot.press("enter")  # confirm
        await wait_for(pilot, lambda: len(photos.photos) == 2)
        app.flush()
    rows_ = rows(fixture_db, "SELECT json_extract(data, '$.original_name'), json_extract(data, '$.caption'), "
                             "json_extract(data, '$.deleted'), json_extract(data, '$.attached_to.kind') "
                             "FROM photos_current ORDER BY 1")
    assert [r[0] for r in rows_] == ["IMG_0.jpg", "IMG_1.jpg", "IMG_2.jpg"]
    assert sum(r[2] for r in rows_) == 1 and {r[3] for r in rows_} == {"answer"}
    assert "红色门头" in [r[1] for r in rows_]
    target = rows(fixture_db, "SELECT DISTINCT json_extract(data, '$.attached_to.id') FROM photos_current")
    answer = rows(fixture_db, "SELECT id FROM answers_current WHERE item = ?", entry.item.id)
    assert target == answer  # attached to the answer of the item the screen was opened from
