"""Schema history. Never edit an applied migration: add a new one, so an old
laptop database opens in a new version of the program."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("inspector")


@migrations()
def m001_initial(db: Database) -> None:
    for sql in (
        """CREATE TABLE projects (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            city TEXT NOT NULL,
            district TEXT NOT NULL,
            creation_type TEXT NOT NULL,
            orientation TEXT,
            batch TEXT NOT NULL,
            rural INTEGER NOT NULL,
            search TEXT NOT NULL,
            sort_name TEXT NOT NULL,
            data TEXT NOT NULL
        )""",
        """CREATE TABLE templates (
            id TEXT NOT NULL,
            version INTEGER NOT NULL,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (id, version)
        )""",
        """CREATE TABLE assignments (
            id TEXT PRIMARY KEY,
            round_id TEXT NOT NULL,
            round_name TEXT NOT NULL,
            inspector_id TEXT NOT NULL,
            inspector_name TEXT NOT NULL,
            issued_by TEXT NOT NULL,
            issued_at TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            loaded_at TEXT NOT NULL,
            superseded_by TEXT REFERENCES assignments(id)
        )""",
        "CREATE INDEX assignments_round ON assignments(round_id, inspector_id)",
        """CREATE TABLE assignment_projects (
            assignment_id TEXT NOT NULL REFERENCES assignments(id),
            project_code TEXT NOT NULL REFERENCES projects(code),
            PRIMARY KEY (assignment_id, project_code)
        ) WITHOUT ROWID""",
        "CREATE INDEX assignment_projects_project ON assignment_projects(project_code)",
        """CREATE TABLE assignment_checklists (
            assignment_id TEXT NOT NULL REFERENCES assignments(id),
            template_id TEXT NOT NULL,
            template_version INTEGER NOT NULL,
            PRIMARY KEY (assignment_id, template_id, template_version),
            FOREIGN KEY (template_id, template_version) REFERENCES templates(id, version)
        ) WITHOUT ROWID""",
        # Every revision of a record is kept (primary key id + rev); the current
        # one is the highest rev. That is what lets the office see conflicts.
        """CREATE TABLE problems (
            id TEXT NOT NULL,
            rev INTEGER NOT NULL,
            base_rev INTEGER,
            project_code TEXT NOT NULL REFERENCES projects(code),
            visit_id TEXT,
            status TEXT NOT NULL,
            severity TEXT NOT NULL,
            category TEXT NOT NULL,
            author TEXT NOT NULL,
            device TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            origin TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (id, rev)
        )""",
        "CREATE INDEX problems_project ON problems(project_code)",
        """CREATE TABLE assignment_problems (
            assignment_id TEXT NOT NULL REFERENCES assignments(id),
            problem_id TEXT NOT NULL,
            PRIMARY KEY (assignment_id, problem_id)
        ) WITHOUT ROWID""",
        """CREATE TABLE visits (
            id TEXT NOT NULL,
            rev INTEGER NOT NULL,
            base_rev INTEGER,
            project_code TEXT NOT NULL REFERENCES projects(code),
            date TEXT NOT NULL,
            status TEXT NOT NULL,
            author TEXT NOT NULL,
            device TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (id, rev)
        )""",
        "CREATE INDEX visits_project ON visits(project_code)",
        """CREATE VIEW problems_current AS
            SELECT * FROM problems p
            WHERE rev = (SELECT max(rev) FROM problems q WHERE q.id = p.id)""",
        """CREATE VIEW visits_current AS
            SELECT * FROM visits v
            WHERE rev = (SELECT max(rev) FROM visits w WHERE w.id = v.id)""",
    ):
        db.execute(sql)


@migrations()
def m002_project_list_order(db: Database) -> None:
    # The project list reads every row in name order on each start-up; an index
    # in that order saves sorting 10,000 rows each time.
    db.execute("CREATE INDEX projects_sort ON projects(sort_name, name)")


@migrations()
def m003_site_records(db: Database) -> None:
    """What an inspector records on site. Every table keeps each revision
    (id, rev); `sealed` marks revisions others may have seen (finished visits,
    exported bundles, office copies): the next edit of a sealed revision makes
    a new one, while an unsealed one is the inspector's working copy."""
    for table in ("visits", "problems"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0")
    db.execute("UPDATE problems SET sealed = 1 WHERE origin = 'office'")
    for sql in (
        """CREATE TABLE answers (
            id TEXT NOT NULL,
            rev INTEGER NOT NULL,
            base_rev INTEGER,
            visit_id TEXT NOT NULL,
            template TEXT NOT NULL,
            version INTEGER NOT NULL,
            item TEXT NOT NULL,
            author TEXT NOT NULL,
            device TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            sealed INTEGER NOT NULL DEFAULT 0,
            data TEXT NOT NULL,
            PRIMARY KEY (id, rev)
        )""",
        "CREATE INDEX answers_visit ON answers(visit_id, template, version, item)",
        """CREATE TABLE innovations (
            id TEXT NOT NULL,
            rev INTEGER NOT NULL,
            base_rev INTEGER,
            project_code TEXT NOT NULL REFERENCES projects(code),
            visit_id TEXT NOT NULL,
            category TEXT NOT NULL,
            author TEXT NOT NULL,
            device TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            sealed INTEGER NOT NULL DEFAULT 0,
            data TEXT NOT NULL,
            PRIMARY KEY (id, rev)
        )""",
        "CREATE INDEX innovations_visit ON innovations(visit_id)",
        """CREATE TABLE follow_ups (
            id TEXT NOT NULL,
            rev INTEGER NOT NULL,
            base_rev INTEGER,
            visit_id TEXT NOT NULL,
            problem_id TEXT NOT NULL,
            verdict TEXT NOT NULL,
            author TEXT NOT NULL,
            device TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            sealed INTEGER NOT NULL DEFAULT 0,
            data TEXT NOT NULL,
            PRIMARY KEY (id, rev)
        )""",
        "CREATE INDEX follow_ups_visit ON follow_ups(visit_id)",
        "CREATE INDEX problems_visit ON problems(visit_id)",
        # Where the inspector was, so a visit resumes on the same screen and item.
        # Local state of this laptop, never synced.
        """CREATE TABLE visit_positions (
            visit_id TEXT PRIMARY KEY,
            screen TEXT NOT NULL,
            item TEXT,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""",
        "INSERT INTO meta VALUES ('device_id', lower(hex(randomblob(8))))",
        """CREATE VIEW answers_current AS
            SELECT * FROM answers a WHERE rev = (SELECT max(rev) FROM answers b WHERE b.id = a.id)""",
        """CREATE VIEW innovations_current AS
            SELECT * FROM innovations a WHERE rev = (SELECT max(rev) FROM innovations b WHERE b.id = a.id)""",
        """CREATE VIEW follow_ups_current AS
            SELECT * FROM follow_ups a WHERE rev = (SELECT max(rev) FROM follow_ups b WHERE b.id = a.id)""",
    ):
        db.execute(sql)


@migrations()
def m004_dialog_drafts(db: Database) -> None:
    # What is typed into a form before it is saved (a problem half described
    # when the laptop dies). Local to this laptop, never synced.
    db.execute(
        """CREATE TABLE drafts (
            key TEXT PRIMARY KEY,
            visit_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            data TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )


@migrations()
def m005_photos(db: Database) -> None:
    """Photo metadata; the bytes live content-addressed in the data folder."""
    for sql in (
        """CREATE TABLE photos (
            id TEXT NOT NULL,
            rev INTEGER NOT NULL,
            base_rev INTEGER,
            visit_id TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            author TEXT NOT NULL,
            device TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            sealed INTEGER NOT NULL DEFAULT 0,
            data TEXT NOT NULL,
            PRIMARY KEY (id, rev)
        )""",
        "CREATE INDEX photos_visit ON photos(visit_id)",
        """CREATE VIEW photos_current AS
            SELECT * FROM photos a WHERE rev = (SELECT max(rev) FROM photos b WHERE b.id = a.id)""",
    ):
        db.execute(sql)


@migrations()
def m006_bundles(db: Database) -> None:
    """What this laptop exported and what the office acknowledged.

    `exported_in` is the sequence of the first bundle that carried a revision
    (export seals it, so it never changes afterwards); everything with
    exported_in beyond the last acknowledged sequence goes out again."""
    for table in ("visits", "answers", "problems", "innovations", "follow_ups", "photos"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN exported_in INTEGER")
    for sql in (
        """CREATE TABLE bundles (
            sequence INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            previous TEXT,
            since INTEGER NOT NULL,
            full INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('writing', 'written')),
            created_at TEXT NOT NULL,
            file TEXT,
            size INTEGER,
            sha256 TEXT,
            records INTEGER,
            photos INTEGER
        )""",
        """CREATE TABLE receipts (
            sequence INTEGER PRIMARY KEY,
            bundle_id TEXT NOT NULL,
            acknowledged INTEGER NOT NULL,
            office TEXT NOT NULL,
            issued_at TEXT NOT NULL,
            loaded_at TEXT NOT NULL,
            data TEXT NOT NULL
        )""",
    ):
        db.execute(sql)


@migrations()
def m007_sent_back(db: Database) -> None:
    """Records the office sent back (退回), as each assignment carried them,
    and the inspector's replies (a record kind of its own, exported like the
    others).

    `sent_back.kept_local` is 1 when the laptop held a newer revision of the
    record than the office's when the assignment came: the inspector's own
    is kept (the office sees a conflict when it arrives), the office's is not
    stored. `replies.visit_id` is always NULL (a reply names its project, not
    a visit); it is there because every record table has one."""
    for sql in (
        """CREATE TABLE sent_back (
            assignment_id TEXT NOT NULL REFERENCES assignments(id),
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            rev INTEGER NOT NULL,
            project_code TEXT NOT NULL,
            visit_id TEXT,
            comment TEXT NOT NULL,
            by_id TEXT NOT NULL,
            by_name TEXT NOT NULL,
            at TEXT NOT NULL,
            kept_local INTEGER NOT NULL DEFAULT 0,
            data TEXT NOT NULL,
            PRIMARY KEY (assignment_id, kind, record_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX sent_back_project ON sent_back(project_code)",
        "CREATE INDEX sent_back_visit ON sent_back(visit_id)",
        """CREATE TABLE replies (
            id TEXT NOT NULL,
            rev INTEGER NOT NULL,
            base_rev INTEGER,
            project_code TEXT NOT NULL,
            visit_id TEXT,
            target_kind TEXT NOT NULL,
            target_id TEXT NOT NULL,
            target_rev INTEGER NOT NULL,
            author TEXT NOT NULL,
            device TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            sealed INTEGER NOT NULL DEFAULT 0,
            exported_in INTEGER,
            data TEXT NOT NULL,
            PRIMARY KEY (id, rev)
        )""",
        "CREATE INDEX replies_target ON replies(target_kind, target_id)",
        """CREATE VIEW replies_current AS
            SELECT * FROM replies a WHERE rev = (SELECT max(rev) FROM replies b WHERE b.id = a.id)""",
    ):
        db.execute(sql)


@migrations()
def m008_assignment_vocabularies(db: Database) -> None:
    """The vocabularies each assignment carried (problem categories, evidence
    types …, as the office published them): forms offer those of the
    assignment a project came with; an assignment without them (issued
    before vocabularies travelled) is read with the built-in ones."""
    db.execute(
        """CREATE TABLE assignment_vocabularies (
            assignment_id TEXT NOT NULL REFERENCES assignments(id),
            kind TEXT NOT NULL,
            version INTEGER NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (assignment_id, kind)
        ) WITHOUT ROWID"""
    )
