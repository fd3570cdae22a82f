"""The visit snapshot knows how many photos each record has: the item panel shows it."""

from __future__ import annotations

from laptop import recorded_laptop

from inspector.inspection.photos import photos_of, remove_photo
from inspector.inspection.snapshot import load_visit


def test_photos_are_counted_per_record_and_removed_ones_are_not(tmp_path):
    made = recorded_laptop(tmp_path / "laptop", photos=3)
    db = made.db()
    visit_id = db.conn.execute("SELECT id FROM visits_current").fetchone()[0]
    snapshot = load_visit(db, visit_id)
    answer = next(a for a in snapshot.answers.values() if a.value == "fail")
    other = next(a for a in snapshot.answers.values() if a.value != "fail")
    assert snapshot.photo_count("answer", answer.id) == 3
    assert snapshot.photo_count("answer", other.id) == 0
    remove_photo(db, visit_id, photos_of(db, visit_id)[0].id)
    assert load_visit(db, visit_id).photo_count("answer", answer.id) == 2
    db.close()
