"""What a round report is made of, independent of any format.

Every writer reads these rows and nothing else. Codes stay codes (city,
scenario, category, severity, status): a writer turns them into the words of
the report's language with inspector.i18n.label. Dates are `date` objects,
times aware `datetime`s, so a workbook gets real dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path


@dataclass(frozen=True)
class PhotoRef:
    """One photo as the report hands it on."""

    sha256: str
    name: str  # the file name in the report: 2026-2-HZ-007-1.jpg (the record's ref and its place)
    source: Path  # the stored full photo
    thumbnail: Path | None  # the stored thumbnail, when the store has one
    caption: str
    taken_at: datetime | None
    width: int
    height: int
    lat: float | None = None  # only when the scope asks for GPS
    lon: float | None = None


@dataclass(frozen=True)
class Verdict:
    """A re-check of a problem on a later (or the same) visit."""

    on: date
    verdict: str  # Verdict code: rectified | partly_rectified | not_rectified | not_applicable
    by: str  # the inspector's name
    note: str


@dataclass(frozen=True)
class Step:
    """One step in a record's history (review or ledger), attributed."""

    at: datetime
    by: str  # a person's name (office staff or inspector)
    action: str  # review.<action> or ledger.<action>: the i18n key "report.step.<action>" names it
    status: str | None  # the state or ledger status it led to
    note: str  # comment, reason or measures


@dataclass(frozen=True)
class ProblemRow:
    ref: str  # the ledger number when confirmed (2026-2-HZ-007), else a stable stand-in (HZ-XS-006-P1)
    id: str
    number: str | None  # ledger number
    city: str
    district: str
    project_code: str
    project_name: str
    scenario: str
    category: str
    severity: str
    description: str
    unit: str | None  # the responsible unit: the ledger's unit, else what the inspector wrote
    rectification: str | None  # immediate | deadline | ongoing (ledger entries only)
    deadline: date | None
    status: str  # a ledger status, else the review state (received | query | sent_back | confirmed)
    days_overdue: int
    light: str | None  # red | yellow | green; None when closed or not in the ledger
    inspector: str  # name of who found it
    found_on: date  # the visit's date
    item_prompt: str | None  # the checklist item it came from (Chinese prompt)
    veto: bool  # raised from a negative-list (一票否决) item
    closed_on: date | None
    verdicts: tuple[Verdict, ...] = ()
    photos: tuple[PhotoRef, ...] = ()
    history: tuple[Step, ...] = ()
    replies: tuple[str, ...] = ()  # the unit's measures, oldest first
    unit_in_directory: bool = False  # `unit` is the ledger's unit (the office's directory), not the inspector's words
    tags: tuple[str, ...] = ()  # the tags of the checklist item it was raised on


@dataclass(frozen=True)
class InnovationRow:
    ref: str  # HZ-XS-006-C1: project, C, its place among the project's innovations
    id: str
    city: str
    district: str
    project_code: str
    project_name: str
    scenario: str
    category: str
    title: str
    description: str
    replicable: bool  # the inspector's view (可复制推广)
    grade: str | None  # the office's: replicable | notable | ordinary
    typical: bool  # a typical case (典型案例) chosen by the office
    caption: str | None  # the office's caption for the case
    review: str  # review state
    inspector: str
    found_on: date
    photos: tuple[PhotoRef, ...] = ()
    tags: tuple[str, ...] = ()  # the tags of the checklist item it was recorded on


@dataclass(frozen=True)
class VisitRow:
    id: str
    project_code: str
    on: date
    inspectors: tuple[str, ...]  # everyone present, as written
    finished: bool
    note: str


@dataclass(frozen=True)
class ProjectRow:
    code: str
    name: str
    city: str
    district: str
    creation_type: str
    lead_unit: str | None  # 实施主体
    visits: tuple[VisitRow, ...]
    score: float | None  # the latest finished visit's total, where its checklists define scores
    score_max: float | None
    veto_hits: tuple[str, ...]  # prompts of negative-list items answered as a finding
    problems: int = 0
    innovations: int = 0


@dataclass(frozen=True)
class LedgerLine:
    """An earlier round's ledger entry, for the rectification status section."""

    number: str
    round_id: str
    city: str
    project_name: str
    description: str
    unit: str | None
    rectification: str
    deadline: date | None
    status: str
    days_overdue: int
    closed_on: date | None


@dataclass(frozen=True)
class Coverage:
    """What the report covers: stated on its first page, in every format."""

    round_id: str
    cities: tuple[str, ...]  # the cities in scope, in the province's order
    statuses: tuple[str, ...]  # () = every status
    generated_at: datetime
    generated_by: str  # the member of staff's name
    bundles: int  # bundles the report's records came from
    first_visit: date | None
    last_visit: date | None
    left_out: dict[str, int] = field(default_factory=dict)  # "problem.rejected": 3, "innovation.duplicate": 1 ...
    with_gps: bool = False
    lang: str = "zh"
    office: str = ""  # the issuing office's name (its identity's), for documents that go out under it
    tags: tuple[str, ...] = ()  # () = not cut by tag


@dataclass
class RoundReport:
    coverage: Coverage
    projects: list[ProjectRow]
    problems: list[ProblemRow]  # in ledger order (city, number), then unconfirmed by project and date
    innovations: list[InnovationRow]
    earlier: list[LedgerLine]  # earlier rounds' ledger entries in scope
    inspectors: list[str]  # names of everyone who visited, sorted
    today: date
    # photo files this report has written (photofiles.give_out): a second copy is a link
    given_out: dict[str, Path] = field(default_factory=dict, repr=False, compare=False)

    def cities(self) -> list[str]:
        return list(self.coverage.cities)

    def problems_of(self, city: str) -> list[ProblemRow]:
        return [p for p in self.problems if p.city == city]

    def innovations_of(self, city: str) -> list[InnovationRow]:
        return [i for i in self.innovations if i.city == city]

    def projects_of(self, city: str) -> list[ProjectRow]:
        return [p for p in self.projects if p.city == city]
