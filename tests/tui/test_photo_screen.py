"""The photo screen as an inspector with a camera card uses it: finding the
card, keeping the place in a long list, and knowing what the photos belong to."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from support import wait_for, widget_text
from test_visit import start_visit, type_text

from inspector.photos.places import Place
from inspector.tui.dialogs.verdict_form import VerdictForm
from inspector.tui.screens.photos import PhotoScreen
from inspector.tui.screens.visit import VisitScreen
from inspector.tui.screens.visit_lists import FollowUpScreen


def card(folder: Path, count: int, seed: int = 0) -> Path:
    folder.mkdir(parents=True)
    for n in range(count):
        Image.new("RGB", (64, 48), ((seed * 40 + n * 19) % 256, n * 7 % 256, 90)).save(
            folder / f"IMG_{seed}{n:03d}.jpg", quality=90)
    return folder


async def open_photos(pilot) -> PhotoScreen:
    await pilot.press("t")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, PhotoScreen))
    return pilot.app.screen


async def import_folder(pilot, photos: PhotoScreen, folder: Path, expect: int) -> None:
    photos.query_one("#photo-path").value = str(folder)
    photos.action_import_path()
    await wait_for(pilot, lambda: not photos.importing and len(photos.photos) == expect)
    await pilot.pause()


async def test_a_card_is_reached_from_the_places_and_the_tree_goes_up(fixture_db, app_for, tmp_path,
                                                                      monkeypatch):
    home = tmp_path / "home" / "zhangwei"
    home.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))  # where the tree starts
    sd = card(tmp_path / "media" / "zhangwei" / "EOS_DIGITAL" / "DCIM" / "100CANON", 2).parents[1]
    monkeypatch.setattr("inspector.tui.screens.photos.find_places",
                        lambda: [Place("home", home), Place("media", sd), Place("root", tmp_path)])
    app = app_for(fixture_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_visit(pilot)
        photos = await open_photos(pilot)
        tree = photos.query_one("#photo-tree")
        places = photos.query_one("#photo-places")
        await wait_for(pilot, lambda: places.option_count == 4)  # up, home, the card, the whole disk
        shown = widget_text(places)
        assert "EOS_DIGITAL" in shown and "上一级" in shown
        assert tree.path == home

        places.focus()
        places.highlighted = 2
        await pilot.press("enter")
        await wait_for(pilot, lambda: tree.path == sd)
        assert tree.has_focus  # straight on to pick a folder or photo on the card

        # up from the card, and on up from home: the tree is never stuck at a root
        await pilot.press("backspace")
        await wait_for(pilot, lambda: tree.path == sd.parent)
        await pilot.pause()
        footer = " ".join(widget_text(key) for key in photos.query_one("Footer").query("FooterKey"))
        assert "上一级" in footer
        places.focus()
        places.highlighted = 1
        await pilot.press("enter")
        await wait_for(pilot, lambda: tree.path == home)
        places.focus()
        places.highlighted = 0
        await pilot.press("enter")
        await wait_for(pilot, lambda: tree.path == home.parent)

        # a folder picked in the tree is put in the path box: ctrl+o imports the whole card
        tree.path = sd / "DCIM"
        await pilot.pause(0.2)
        tree.focus()
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: photos.query_one("#photo-path").value == str(sd / "DCIM" / "100CANON"))
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: not photos.importing and len(photos.photos) == 2)


async def test_the_list_keeps_its_place_after_a_caption_and_an_import(fixture_db, app_for, tmp_path):
    first, second = card(tmp_path / "card1", 12, seed=1), card(tmp_path / "card2", 2, seed=2)
    app = app_for(fixture_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_visit(pilot)
        photos = await open_photos(pilot)
        await import_folder(pilot, photos, first, 12)
        listing = photos.query_one("#photo-list")
        listing.focus()
        await pilot.press("end", "up", "up")
        await pilot.pause()
        assert listing.highlighted == 9 and listing.scroll_y > 0
        chosen, scrolled = photos.current().id, listing.scroll_y

        await pilot.press("c")
        await type_text(pilot, "门头")
        await pilot.press("enter")
        await wait_for(pilot, lambda: any(p.caption == "门头" for p in photos.photos))
        await pilot.pause()
        assert photos.current().id == chosen and photos.current().caption == "门头"
        assert listing.highlighted == 9 and listing.scroll_y == scrolled

        await import_folder(pilot, photos, second, 14)
        assert photos.current().id == chosen and listing.scroll_y == scrolled


async def test_the_item_panel_counts_its_photos(fixture_db, app_for, tmp_path):
    folder = card(tmp_path / "DCIM", 3)
    app = app_for(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        visit = await start_visit(pilot)
        answer_line = visit.query_one("#item-answer")
        assert "照片 0 张" in widget_text(answer_line)
        photos = await open_photos(pilot)
        await import_folder(pilot, photos, folder, 3)
        photos.query_one("#photo-list").focus()
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, VisitScreen))
        await wait_for(pilot, lambda: "照片 3 张" in widget_text(answer_line))


async def test_verdict_photos_name_the_problem_they_prove(fixture_db, app_for):
    app = app_for(fixture_db, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        visit = await start_visit(pilot)
        problem = visit.snapshot.carried[0]
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpScreen))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, VerdictForm))
        await pilot.press("2", "ctrl+s")  # partly rectified
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpScreen) and visit.snapshot.follow_ups)
        photos = await open_photos(pilot)
        title = widget_text(photos.query_one("#photo-title"))
        assert "re-check 1/1" in title and "Partly rectified" in title
        assert problem.description[:20] in title


async def test_a_slow_drive_is_scanned_by_one_thread_not_a_new_one_every_few_seconds(fixture_db, app_for,
                                                                                     monkeypatch):
    import threading

    release, calls = threading.Event(), []

    def stuck_on_a_network_mount():
        calls.append(1)
        release.wait(10)
        return []

    monkeypatch.setattr("inspector.tui.screens.photos.find_places", stuck_on_a_network_mount)
    app = app_for(fixture_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_visit(pilot)
        photos = await open_photos(pilot)
        await wait_for(pilot, lambda: len(calls) == 1)
        for _ in range(3):  # what the 3-second timer does while the first scan hangs
            photos.rescan_places()
            await pilot.pause()
        assert len(calls) == 1
        release.set()
        await wait_for(pilot, lambda: not photos._scanning)
        photos.rescan_places()
        await wait_for(pilot, lambda: len(calls) == 2)
