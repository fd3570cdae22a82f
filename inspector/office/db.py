"""The office database: a separate file from any laptop's, with its own migrations."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

from inspector.store.connection import connect, refuse_other_kind

office_migrations = Migrations("inspector-office")


@office_migrations()
def o001_inspectors(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE inspectors (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            public_key TEXT NOT NULL UNIQUE,
            fingerprint TEXT NOT NULL,
            enrolled_at TEXT NOT NULL
        )"""
    )


@office_migrations()
def o002_catalogue(db: sqlite_utils.Database) -> None:
    """What the office hands out: projects, checklist template versions, and
    the assignments it signed (who was given which projects in which round:
    an inspector's bundle may only speak of those projects)."""
    for sql in (
        """CREATE TABLE projects (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            city TEXT NOT NULL,
            data TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE templates (
            id TEXT NOT NULL,
            version INTEGER NOT NULL,
            kind TEXT NOT NULL,
            data TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            PRIMARY KEY (id, version)
        )""",
        """CREATE TABLE assignments (
            id TEXT PRIMARY KEY,
            inspector_id TEXT NOT NULL,
            round_id TEXT NOT NULL,
            issued_at TEXT NOT NULL,
            sha256 TEXT NOT NULL
        )""",
        """CREATE TABLE assignment_projects (
            assignment_id TEXT NOT NULL REFERENCES assignments(id),
            inspector_id TEXT NOT NULL,
            project_code TEXT NOT NULL,
            PRIMARY KEY (assignment_id, project_code)
        )""",
        "CREATE INDEX assigned_projects ON assignment_projects(inspector_id, project_code)",
    ):
        db.execute(sql)


@office_migrations()
def o003_bundles(db: sqlite_utils.Database) -> None:
    """What inspectors sent: every revision of every record (kind, id, rev),
    which one is the office's current, revisions kept as conflicts for
    review, the bundles seen (applied or held), and photo files received."""
    for sql in (
        """CREATE TABLE records (
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            rev INTEGER NOT NULL,
            base_rev INTEGER,
            author TEXT NOT NULL,
            device TEXT NOT NULL,
            project_code TEXT,
            visit_id TEXT,
            data TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            bundle_id TEXT,
            PRIMARY KEY (kind, id, rev)
        )""",
        "CREATE INDEX records_project ON records(project_code, kind)",
        "CREATE INDEX records_visit ON records(visit_id, kind)",
        """CREATE TABLE current (
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            rev INTEGER NOT NULL,
            PRIMARY KEY (kind, id)
        )""",
        """CREATE TABLE conflicts (
            bundle_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            rev INTEGER NOT NULL,
            base_rev INTEGER,
            office_rev INTEGER,
            author TEXT NOT NULL,
            data TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            kept_at TEXT NOT NULL,
            resolved_at TEXT,
            PRIMARY KEY (bundle_id, kind, id, rev)
        )""",
        """CREATE TABLE bundles (
            id TEXT PRIMARY KEY,
            inspector_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            previous TEXT,
            since INTEGER NOT NULL,
            full INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('applied', 'held')),
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            received_at TEXT NOT NULL,
            applied_at TEXT,
            held_file TEXT,
            records INTEGER NOT NULL DEFAULT 0,
            conflicts INTEGER NOT NULL DEFAULT 0,
            photos INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX bundles_inspector ON bundles(inspector_id, sequence)",
        """CREATE TABLE photo_files (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            bundle_id TEXT NOT NULL,
            received_at TEXT NOT NULL
        )""",
    ):
        db.execute(sql)


@office_migrations()
def o004_bundle_devices(db: sqlite_utils.Database) -> None:
    """Bundles are numbered per laptop: a reset laptop (office enrol --replace)
    starts at 1 again. So each bundle row says which device sent it (its
    signed manifest's `device`), and sequences count per (inspector, device).

    Rows from before take the device of the revisions they brought (a laptop
    sends only its own), or of their held copy's manifest; a bundle that
    brought nothing new, of an inspector whose bundles all came from one
    device, that device. Anything else stays NULL: an unknown device, whose
    sequences count for no laptop.

    Also an index to find a record's revisions kept as conflicts by its id."""
    db.execute("ALTER TABLE bundles ADD COLUMN device TEXT")
    db.execute("UPDATE bundles SET device = coalesce("
               "(SELECT device FROM records WHERE records.bundle_id = bundles.id LIMIT 1), "
               "(SELECT json_extract(data, '$.device') FROM conflicts WHERE conflicts.bundle_id = bundles.id "
               "LIMIT 1))")
    folder = Path(db.execute("PRAGMA main.database_list").fetchone()[2] or ".").parent
    for bundle_id, held_file in db.execute(
            "SELECT id, held_file FROM bundles WHERE status = 'held' AND device IS NULL").fetchall():
        db.execute("UPDATE bundles SET device = ? WHERE id = ?", (_held_device(folder / held_file), bundle_id))
    db.execute("UPDATE bundles SET device = (SELECT min(b.device) FROM bundles b "
               "WHERE b.inspector_id = bundles.inspector_id HAVING count(DISTINCT b.device) = 1) "
               "WHERE device IS NULL AND status = 'applied'")
    db.execute("DROP INDEX bundles_inspector")
    db.execute("CREATE INDEX bundles_device ON bundles(inspector_id, device, sequence)")
    db.execute("CREATE INDEX conflicts_record ON conflicts(kind, id, rev)")


def _held_device(path: Path) -> str | None:
    """The device named in a held bundle's manifest; None when it cannot be read."""
    from inspector.bundle import BundleError
    from inspector.bundle.archive import Archive
    from inspector.models.bundle import MANIFEST_NAME, BundleManifest

    try:
        with Archive.open(path) as archive:
            return BundleManifest.model_validate_json(archive.read(MANIFEST_NAME)).device
    except (BundleError, KeyError, ValueError, OSError):
        return None


@office_migrations()
def o005_checklist_editing(db: sqlite_utils.Database) -> None:
    """Checklist editing at the office. `templates` (o002) stays the store of
    published versions; beside it, what a version was published from and why
    (`template_versions`), and one draft per template being edited
    (`checklist_drafts`; its JSON may be invalid while someone is typing, and
    only a valid draft can be published). A published version never changes:
    the triggers refuse any UPDATE or DELETE of one, whoever tries."""
    for sql in (
        """CREATE TABLE template_versions (
            template_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            based_on INTEGER,
            summary TEXT NOT NULL,
            published_at TEXT NOT NULL,
            PRIMARY KEY (template_id, version),
            FOREIGN KEY (template_id, version) REFERENCES templates(id, version)
        )""",
        """CREATE TABLE checklist_drafts (
            template_id TEXT PRIMARY KEY,
            based_on INTEGER,
            data TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TRIGGER templates_never_change BEFORE UPDATE ON templates
           BEGIN SELECT RAISE(ABORT, 'a published checklist version never changes'); END""",
        """CREATE TRIGGER templates_never_go BEFORE DELETE ON templates
           BEGIN SELECT RAISE(ABORT, 'a published checklist version is never deleted'); END""",
        """CREATE TRIGGER template_versions_never_change BEFORE UPDATE ON template_versions
           BEGIN SELECT RAISE(ABORT, 'a published checklist version never changes'); END""",
        """CREATE TRIGGER template_versions_never_go BEFORE DELETE ON template_versions
           BEGIN SELECT RAISE(ABORT, 'a published checklist version is never deleted'); END""",
    ):
        db.execute(sql)


@office_migrations()
def o006_published_versions_stay(db: sqlite_utils.Database) -> None:
    """o005's triggers refuse UPDATE and DELETE of a published version, but
    INSERT OR REPLACE deletes the old row without firing DELETE triggers (they
    fire only with recursive_triggers on) and puts its own in: a version could
    still be replaced. Inserting an (id, version) that exists is refused too,
    whatever conflict clause the statement carries."""
    for sql in (
        """CREATE TRIGGER templates_never_replaced BEFORE INSERT ON templates
           WHEN EXISTS (SELECT 1 FROM templates WHERE id = NEW.id AND version = NEW.version)
           BEGIN SELECT RAISE(ABORT, 'a published checklist version never changes'); END""",
        """CREATE TRIGGER template_versions_never_replaced BEFORE INSERT ON template_versions
           WHEN EXISTS (SELECT 1 FROM template_versions
                        WHERE template_id = NEW.template_id AND version = NEW.version)
           BEGIN SELECT RAISE(ABORT, 'a published checklist version never changes'); END""",
    ):
        db.execute(sql)


@office_migrations()
def o007_draft_revisions(db: sqlite_utils.Database) -> None:
    """Each write of a draft gives it a new revision (an opaque tag, never
    reused: a number would start again at 1 when a draft is discarded and
    another begun, and an editor still holding the old draft's 1 would then
    overwrite the new one). A save names the revision it edited and is
    refused when the draft has been written since, by an import or another
    editor."""
    db.execute("ALTER TABLE checklist_drafts ADD COLUMN revision TEXT NOT NULL DEFAULT ''")
    db.execute("UPDATE checklist_drafts SET revision = lower(hex(randomblob(16)))")


@office_migrations()
def o008_assignment_rounds_and_withdrawal(db: sqlite_utils.Database) -> None:
    """The round's name, so the office's list of assignments reads like the
    files it issued (NULL for those issued before), and when an assignment
    was withdrawn. A withdrawn assignment stays recorded, so its id is never
    issued again with other content; its projects no longer count as the
    inspector's (office/assigning.assigned_projects)."""
    db.execute("ALTER TABLE assignments ADD COLUMN round_name TEXT")
    db.execute("ALTER TABLE assignments ADD COLUMN withdrawn_at TEXT")


@office_migrations()
def o009_staff_and_audit(db: sqlite_utils.Database) -> None:
    """Office staff, by name, and the audit log every office action appends to.

    Every step at the office is attributed to a named person (全程留痕): staff
    are registered once and disabled, never deleted, so an old log entry
    always names someone the database knows. The log is append-only: the
    triggers refuse UPDATE and DELETE, and an INSERT that would replace a row
    (INSERT OR REPLACE deletes without firing DELETE triggers)."""
    for sql in (
        """CREATE TABLE office_users (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            added_at TEXT NOT NULL,
            added_by TEXT,
            disabled_at TEXT,
            disabled_by TEXT
        )""",
        """CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            user_id TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL DEFAULT '',
            reason TEXT,
            detail TEXT
        )""",
        "CREATE INDEX audit_by_time ON audit_log(at)",
        "CREATE INDEX audit_by_user ON audit_log(user_id, at)",
        """CREATE TRIGGER audit_never_changes BEFORE UPDATE ON audit_log
           BEGIN SELECT RAISE(ABORT, 'the audit log is never rewritten'); END""",
        """CREATE TRIGGER audit_never_goes BEFORE DELETE ON audit_log
           BEGIN SELECT RAISE(ABORT, 'the audit log is never rewritten'); END""",
        """CREATE TRIGGER audit_never_replaced BEFORE INSERT ON audit_log
           WHEN NEW.seq IS NOT NULL AND EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq)
           BEGIN SELECT RAISE(ABORT, 'the audit log is never rewritten'); END""",
        """CREATE TRIGGER office_users_never_go BEFORE DELETE ON office_users
           BEGIN SELECT RAISE(ABORT, 'office users are disabled, never deleted'); END""",
    ):
        db.execute(sql)


def database_file(conn) -> Path | None:
    """The file an open office database lives in (None in memory): what sits
    beside it (photos, keys, evidence) is found from here."""
    name = conn.execute("PRAGMA main.database_list").fetchone()[2]
    return Path(name) if name else None


def open_office_db(path: Path | str) -> sqlite_utils.Database:
    """Open (creating if needed) the office database; a laptop's is refused
    (WrongDatabase), unchanged."""
    conn = connect(path)
    refuse_other_kind(conn, path, "office")
    db = sqlite_utils.Database(conn, execute_plugins=False)
    if office_migrations.pending(db):
        office_migrations.apply(db)
    _remember_vocabularies(db)
    return db


def _remember_vocabularies(db: sqlite_utils.Database) -> None:
    """Every version the office published, for every report and screen that names a code."""
    import sqlite3

    from inspector.models.vocabulary import Vocabulary
    from inspector.vocabularies import remember

    try:
        remember(Vocabulary.model_validate_json(data) for (data,) in db.conn.execute("SELECT data FROM vocabularies"))
    except sqlite3.Error:
        pass


@office_migrations()
def o010_review_and_ledger(db: sqlite_utils.Database) -> None:
    """What the office decides about what came in, and the problem ledger.

    * `reviews`: the review state of every visit, problem, innovation and
      re-check verdict (follow_up) received: received (待审核), query (有疑问),
      confirmed (已确认), sent_back (退回), rejected (不予采纳), duplicate (merged
      into `duplicate_of`). `rev` is the record revision the state speaks of;
      `version` grows with every change, and a change names the version its
      user saw, so one based on a stale screen is refused (two staff at once).
      `review_events` is its history, append-only like the audit log.
    * `ledger`: a confirmed problem's entry in the problem ledger (问题台账).
      Its number (2026-2-HZ-007: round, city, sequence) is given once and
      never changes or repeats: the row is never deleted and its number
      columns never updated. `ledger_events` is each step, append-only;
      `ledger_replies` and `ledger_evidence` what a responsible unit answered.
    * `units`: the office's directory of responsible units.
    * `innovation_grades`: how the office rates an innovation (创新清单).
    * `conflicts` learn who resolved one and into which revision;
      `inspectors` their home city (cross-inspection: never their own)."""
    never_changes = "BEGIN SELECT RAISE(ABORT, '{what} is never rewritten'); END"
    for sql in (
        """CREATE TABLE reviews (
            kind TEXT NOT NULL CHECK (kind IN ('visit', 'problem', 'innovation', 'follow_up')),
            id TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN
                ('received', 'query', 'confirmed', 'sent_back', 'rejected', 'duplicate')),
            rev INTEGER NOT NULL,
            at TEXT NOT NULL,
            by TEXT,
            comment TEXT,
            duplicate_of TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (kind, id)
        )""",
        "CREATE INDEX reviews_by_state ON reviews(state, kind)",
        """CREATE TABLE review_events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            rev INTEGER,
            action TEXT NOT NULL,
            state TEXT,
            at TEXT NOT NULL,
            by TEXT,
            comment TEXT,
            detail TEXT
        )""",
        "CREATE INDEX review_events_record ON review_events(kind, id, seq)",
        """CREATE TABLE units (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('lead', 'local', 'implementer')),
            city TEXT,
            district TEXT,
            contact TEXT,
            phone TEXT,
            note TEXT,
            added_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            disabled_at TEXT,
            version INTEGER NOT NULL DEFAULT 1
        )""",
        """CREATE TABLE ledger (
            problem_id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            round_id TEXT NOT NULL,
            city TEXT NOT NULL,
            seq INTEGER NOT NULL,
            project_code TEXT NOT NULL,
            rectification TEXT NOT NULL CHECK (rectification IN ('immediate', 'deadline', 'ongoing')),
            deadline TEXT,
            unit_id TEXT REFERENCES units(id),
            status TEXT NOT NULL CHECK (status IN
                ('pending', 'rectifying', 'close_requested', 'closed', 'returned')),
            opened_at TEXT NOT NULL,
            opened_by TEXT NOT NULL,
            requested_at TEXT,
            requested_by TEXT,
            closed_at TEXT,
            closed_by TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            UNIQUE (round_id, city, seq)
        )""",
        "CREATE INDEX ledger_by_status ON ledger(status, deadline)",
        "CREATE INDEX ledger_by_city ON ledger(city, status)",
        """CREATE TABLE ledger_events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            problem_id TEXT NOT NULL,
            action TEXT NOT NULL,
            status TEXT,
            at TEXT NOT NULL,
            by TEXT NOT NULL,
            reason TEXT,
            detail TEXT
        )""",
        "CREATE INDEX ledger_events_problem ON ledger_events(problem_id, seq)",
        """CREATE TABLE ledger_replies (
            id TEXT PRIMARY KEY,
            problem_id TEXT NOT NULL REFERENCES ledger(problem_id),
            measures TEXT NOT NULL,
            replied_on TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL
        )""",
        "CREATE INDEX ledger_replies_problem ON ledger_replies(problem_id)",
        """CREATE TABLE ledger_evidence (
            reply_id TEXT NOT NULL REFERENCES ledger_replies(id),
            sha256 TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('photo', 'document')),
            size INTEGER NOT NULL,
            PRIMARY KEY (reply_id, sha256)
        )""",
        """CREATE TABLE innovation_grades (
            innovation_id TEXT PRIMARY KEY,
            grade TEXT CHECK (grade IN ('replicable', 'notable', 'ordinary')),
            typical INTEGER NOT NULL DEFAULT 0,
            caption TEXT,
            at TEXT NOT NULL,
            by TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1
        )""",
        "ALTER TABLE conflicts ADD COLUMN resolved_by TEXT",
        "ALTER TABLE conflicts ADD COLUMN resolution_rev INTEGER",
        "ALTER TABLE inspectors ADD COLUMN home_city TEXT",
        # Histories and numbers stay as written.
        "CREATE TRIGGER review_events_never_change BEFORE UPDATE ON review_events "
        + never_changes.format(what="a review history"),
        "CREATE TRIGGER review_events_never_go BEFORE DELETE ON review_events "
        + never_changes.format(what="a review history"),
        "CREATE TRIGGER ledger_events_never_change BEFORE UPDATE ON ledger_events "
        + never_changes.format(what="a ledger history"),
        "CREATE TRIGGER ledger_events_never_go BEFORE DELETE ON ledger_events "
        + never_changes.format(what="a ledger history"),
        "CREATE TRIGGER ledger_never_goes BEFORE DELETE ON ledger "
        + never_changes.format(what="a ledger number"),
        "CREATE TRIGGER ledger_number_stays BEFORE UPDATE OF number, round_id, city, seq, problem_id ON ledger "
        "WHEN NEW.number IS NOT OLD.number OR NEW.round_id IS NOT OLD.round_id OR NEW.city IS NOT OLD.city "
        "OR NEW.seq IS NOT OLD.seq OR NEW.problem_id IS NOT OLD.problem_id "
        + never_changes.format(what="a ledger number"),
        "CREATE TRIGGER units_never_go BEFORE DELETE ON units "
        "BEGIN SELECT RAISE(ABORT, 'a unit is disabled, never deleted'); END",
    ):
        db.execute(sql)
    # What was received before this version awaits review like what comes next.
    db.execute(
        "INSERT INTO reviews (kind, id, state, rev, at) "
        "SELECT c.kind, c.id, 'received', c.rev, coalesce(b.received_at, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')) "
        "FROM current c JOIN records r ON r.kind = c.kind AND r.id = c.id AND r.rev = c.rev "
        "LEFT JOIN bundles b ON b.id = r.bundle_id "
        "WHERE c.kind IN ('visit', 'problem', 'innovation', 'follow_up')")


@office_migrations()
def o011_ledger_continuing(db: sqlite_utils.Database) -> None:
    """A ledger entry may stand at 持续整改 ('continuing'): the office decided it
    cannot close within a round. The status CHECK gains the value in place,
    by SQLite's documented way of loosening a CHECK (edit the table's SQL,
    bump schema_version): every row that passed the old check passes the new
    one, and the table, its triggers and the tables referring to it stay as
    they are (a rebuild would have to drop the ledger its triggers protect)."""
    conn = db.conn
    old = "('pending', 'rectifying', 'close_requested', 'closed', 'returned')"
    new = "('pending', 'rectifying', 'close_requested', 'closed', 'returned', 'continuing')"
    (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'ledger'").fetchone()
    if new in sql:
        return
    if sql.count(old) != 1:
        raise RuntimeError("the ledger table is not as o010 made it")
    (version,) = conn.execute("PRAGMA schema_version").fetchone()
    conn.execute("PRAGMA writable_schema = ON")
    try:
        conn.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'ledger'",
                     (sql.replace(old, new),))
        conn.execute(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        conn.execute("PRAGMA writable_schema = OFF")


@office_migrations()
def o012_vocabularies(db: sqlite_utils.Database) -> None:
    """Vocabularies the office owns (office/vocabularies): problem categories,
    evidence types, rectification types, the unit directory and the tag lists,
    each published in versions that never change (like checklist versions,
    the triggers refuse UPDATE, DELETE and a replacing INSERT), one draft per
    kind being edited. Version 1 of every kind is what the software ships
    (the unit directory: the units the office holds now)."""
    never = "BEGIN SELECT RAISE(ABORT, 'a published vocabulary version never changes'); END"
    for sql in (
        """CREATE TABLE vocabularies (
            kind TEXT NOT NULL,
            version INTEGER NOT NULL,
            data TEXT NOT NULL,
            summary TEXT NOT NULL,
            published_at TEXT NOT NULL,
            published_by TEXT,
            PRIMARY KEY (kind, version)
        )""",
        """CREATE TABLE vocabulary_drafts (
            kind TEXT PRIMARY KEY,
            based_on INTEGER,
            data TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE TRIGGER vocabularies_never_change BEFORE UPDATE ON vocabularies " + never,
        "CREATE TRIGGER vocabularies_never_go BEFORE DELETE ON vocabularies " + never,
        "CREATE TRIGGER vocabularies_never_replaced BEFORE INSERT ON vocabularies "
        "WHEN EXISTS (SELECT 1 FROM vocabularies WHERE kind = NEW.kind AND version = NEW.version) " + never,
    ):
        db.execute(sql)
    from inspector.office.vocabularies.store import seed

    seed(db)


@office_migrations()
def o013_sealed_bundles_and_revocation(db: sqlite_utils.Database) -> None:
    """What the office accepts from whom (issue 14).

    * `office_settings`: the office's own switches. `plain_bundles` = '1'
      accepts bundles that are not encrypted. A new office refuses them (its
      assignments carry its encryption key from the first); an office that
      already holds inspectors or bundles keeps accepting them until it says
      otherwise, so laptops still working from older assignments can send.
    * `revoked_devices`: a lost or replaced laptop. Its bundles numbered
      after `after_sequence` are refused; what it sent before stays."""
    for sql in (
        "CREATE TABLE office_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE revoked_devices (
            inspector_id TEXT NOT NULL,
            device TEXT NOT NULL,
            after_sequence INTEGER NOT NULL CHECK (after_sequence >= 0),
            revoked_at TEXT NOT NULL,
            revoked_by TEXT NOT NULL,
            reason TEXT,
            PRIMARY KEY (inspector_id, device)
        )""",
    ):
        db.execute(sql)
    existing = db.execute("SELECT EXISTS (SELECT 1 FROM bundles) OR EXISTS (SELECT 1 FROM inspectors)").fetchone()[0]
    if existing:
        db.execute("INSERT INTO office_settings (key, value) VALUES ('plain_bundles', '1')")


@office_migrations()
def o014_key_handovers(db: sqlite_utils.Database) -> None:
    """The office's key handovers (office/rotation.py), oldest first: each
    the signed envelope as written, carried by every assignment issued after
    it so a laptop trusting an earlier key follows the chain by itself.
    Append-only, like the audit log."""
    never = "BEGIN SELECT RAISE(ABORT, 'a key handover never changes'); END"
    for sql in (
        """CREATE TABLE key_handovers (
            seq INTEGER PRIMARY KEY,
            old_public_key TEXT NOT NULL,
            new_public_key TEXT NOT NULL UNIQUE,
            envelope TEXT NOT NULL,
            made_at TEXT NOT NULL,
            made_by TEXT NOT NULL
        )""",
        "CREATE TRIGGER key_handovers_never_change BEFORE UPDATE ON key_handovers " + never,
        "CREATE TRIGGER key_handovers_never_go BEFORE DELETE ON key_handovers " + never,
    ):
        db.execute(sql)
