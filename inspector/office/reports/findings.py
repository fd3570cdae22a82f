"""What the round found, read for the report: its problems with their
ledger terms, re-checks, photos and history, and its innovations with the
office's grades (gather.py reads the rest and applies the scope's cities).

Rejected and duplicate records are counted, never listed; a duplicate's
photos go with the record it was merged into."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime
from typing import TYPE_CHECKING

from inspector.office.dashboard import CHASED
from inspector.office.ledger.steps import light

from .rows import InnovationRow, ProblemRow, Step, Verdict
from .scope import LEFT_OUT

if TYPE_CHECKING:
    from .gather import _Reader


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _ids(values) -> str:
    return json.dumps(sorted(values))


def _merged_photos(reader: "_Reader", rows: list[tuple], kind: str) -> dict[str, list]:
    """Each kept record's photos, then those of the records merged into it."""
    targets = {rid: kind for rid, *_ in rows}
    photos = reader.photos(targets)
    # merged into: looked up by id (a province round has hundreds of duplicates among 6,000 records)
    merged_into = {r[0]: r[5] for r in rows if r[4] == "duplicate" and r[5]}
    for rid, duplicate_of in merged_into.items():
        if rid in photos:
            keeper = duplicate_of
            seen = {rid}
            # a record merged into one later merged itself: follow to the one kept
            while keeper not in seen and (nxt := merged_into.get(keeper)):
                seen.add(keeper)
                keeper = nxt
            photos.setdefault(keeper, []).extend(photos[rid])
    return photos


def problems(reader: "_Reader", visits, visit_day, city_of, district, project_name) -> list[ProblemRow]:
    conn, scope = reader.conn, reader.scope
    rows = reader.records("problem", visits)
    ledger = {pid: rest for pid, *rest in conn.execute(
        "SELECT l.problem_id, l.number, l.rectification, l.deadline, l.status, l.closed_at, u.name, l.seq "
        "FROM ledger l LEFT JOIN units u ON u.id = l.unit_id WHERE l.problem_id IN (SELECT value FROM json_each(?))",
        (_ids(r[0] for r in rows),))}
    photos = _merged_photos(reader, rows, "problem")
    verdicts = _verdicts(reader, {r[0] for r in rows})
    history = _history(reader, "problem", {r[0] for r in rows})
    replies: dict[str, list[str]] = defaultdict(list)
    for pid, measures in conn.execute(
            "SELECT problem_id, measures FROM ledger_replies WHERE problem_id IN (SELECT value FROM json_each(?)) "
            "ORDER BY recorded_at", (_ids(r[0] for r in rows),)):
        replies[pid].append(measures)

    parsed = {r[0]: json.loads(r[1]) for r in rows}  # each record's JSON read once
    places = _places(parsed)  # a stand-in ref for problems without a number

    out = []
    for pid, _text, author, bundle, state, _dup in rows:
        if reader.count_left_out("problem", state):
            continue
        data = parsed[pid]
        code = data["project_code"]
        number, rectification, deadline, status, closed_at, unit, seq = ledger.get(pid, (None,) * 7)
        status = status or state or "received"
        if scope.statuses and status not in scope.statuses and not (number and "confirmed" in scope.statuses):
            continue  # "confirmed" asks for every problem in the ledger, whatever its step
        item = reader.item(data.get("item"))
        if not reader.tagged(item):
            continue
        if bundle:
            reader.bundles.add(bundle)
        ref = number or f"{code}-P{places[pid]}"
        deadline_day = _day(deadline) if number else _day(data.get("deadline"))
        overdue = 0
        if number and status in CHASED and deadline_day:
            overdue = max(0, (reader.today - deadline_day).days)
        out.append(ProblemRow(
            ref, pid, number, city_of.get(code, ""), district(code), code, project_name(code),
            data["scenario"], data["category"], data["severity"], data["description"],
            unit or data.get("responsible_unit"), rectification, deadline_day, status, overdue,
            light(status, deadline_day, reader.today) if number else None,
            reader.name(author), visit_day.get(data.get("visit_id"), _day(data.get("created_at"))),
            item.prompt if item else None, bool(item and item.veto), _day(closed_at),
            tuple(verdicts.get(pid, ())), reader.photo_refs(ref, photos.get(pid, [])),
            tuple(history.get(pid, ())), tuple(replies.get(pid, ())), unit is not None,
            tuple(item.tags) if item else ()))
    from .figures import city_rank_order

    rank = city_rank_order()
    out.sort(key=lambda p: (rank(p.city), p.number is None, _number_key(p.number) if p.number else (),
                            p.project_code, p.found_on, p.ref))
    return out


def _places(parsed: dict[str, dict]) -> dict[str, int]:
    """Each record's place among its project's records of its kind, in the
    order they were written: HZ-XS-006-P2 stays P2 as later records arrive."""
    places: dict[str, int] = {}
    counters: dict[str, int] = defaultdict(int)
    for rid, data in sorted(parsed.items(), key=lambda item: (item[1].get("created_at", ""), item[0])):
        counters[data["project_code"]] += 1
        places[rid] = counters[data["project_code"]]
    return places


def _number_key(number: str) -> tuple:
    head, _, seq = number.rpartition("-")
    return (head, int(seq) if seq.isdigit() else 0)


def _verdicts(reader: "_Reader", problem_ids: set[str]) -> dict[str, list[Verdict]]:
    found: dict[str, list[Verdict]] = defaultdict(list)
    for data_text, author, state, visit_data in reader.conn.execute(
            "SELECT r.data, (SELECT f.author FROM records f WHERE f.kind = c.kind AND f.id = c.id ORDER BY f.rev "
            "LIMIT 1), v.state, (SELECT w.data FROM current cw JOIN records w ON w.kind = 'visit' AND w.id = cw.id "
            "AND w.rev = cw.rev WHERE cw.kind = 'visit' AND cw.id = r.visit_id) "
            "FROM current c JOIN records r ON r.kind = c.kind AND r.id = c.id AND r.rev = c.rev "
            "LEFT JOIN reviews v ON v.kind = c.kind AND v.id = c.id "
            "WHERE c.kind = 'follow_up' AND json_extract(r.data, '$.problem_id') IN (SELECT value FROM json_each(?))",
            (_ids(problem_ids),)):
        if state in LEFT_OUT:
            continue
        data = json.loads(data_text)
        on = date.fromisoformat(json.loads(visit_data)["date"]) if visit_data else _day(data.get("created_at"))
        found[data["problem_id"]].append(Verdict(on, data["verdict"], reader.name(author), data.get("note") or ""))
    for items in found.values():
        items.sort(key=lambda v: v.on)
    return found


def _history(reader: "_Reader", kind: str, ids: set[str]) -> dict[str, list[Step]]:
    found: dict[str, list[Step]] = defaultdict(list)
    for rid, action, state, at, by, comment in reader.conn.execute(
            "SELECT id, action, state, at, by, comment FROM review_events WHERE kind = ? AND id IN "
            "(SELECT value FROM json_each(?)) ORDER BY seq", (kind, _ids(ids))):
        # a change of state is named by the state it led to (confirmed, query, ...)
        name = f"review.{state}" if action == "state" and state else f"review.{action}"
        found[rid].append(Step(_when(at), reader.name(by), name, state, comment or ""))
    if kind == "problem":
        for pid, action, status, at, by, reason in reader.conn.execute(
                "SELECT problem_id, action, status, at, by, reason FROM ledger_events WHERE problem_id IN "
                "(SELECT value FROM json_each(?)) ORDER BY seq", (_ids(ids),)):
            found[pid].append(Step(_when(at), reader.name(by), f"ledger.{action}", status, reason or ""))
    for steps in found.values():
        steps.sort(key=lambda s: s.at)
    return found


def innovations(reader: "_Reader", visits, visit_day, city_of, district, project_name) -> list[InnovationRow]:
    rows = reader.records("innovation", visits)
    grades = {iid: rest for iid, *rest in reader.conn.execute(
        "SELECT innovation_id, grade, typical, caption FROM innovation_grades WHERE innovation_id IN "
        "(SELECT value FROM json_each(?))", (_ids(r[0] for r in rows),))}
    photos = _merged_photos(reader, rows, "innovation")
    parsed = {r[0]: json.loads(r[1]) for r in rows}  # each record's JSON read once
    places = _places(parsed)
    out = []
    for iid, _text, author, bundle, state, _dup in rows:
        if reader.count_left_out("innovation", state):
            continue
        data = parsed[iid]
        code = data["project_code"]
        item = reader.item(data.get("item"))
        if not reader.tagged(item):
            continue
        if bundle:
            reader.bundles.add(bundle)
        grade, typical, caption = grades.get(iid, (None, 0, None))
        ref = f"{code}-C{places[iid]}"
        out.append(InnovationRow(
            ref, iid, city_of.get(code, ""), district(code), code, project_name(code), data["scenario"],
            data["category"], data["title"], data.get("description") or "", bool(data.get("replicable")), grade,
            bool(typical), caption, state or "received", reader.name(author),
            visit_day.get(data.get("visit_id"), _day(data.get("created_at"))),
            reader.photo_refs(ref, photos.get(iid, [])), tuple(item.tags) if item else ()))
    from .figures import city_rank_order

    rank = city_rank_order()
    out.sort(key=lambda i: (rank(i.city), i.project_code, i.found_on, i.ref))
    return out
