"""The workbook's layout: sheets, columns, type names, limits, and the
`project` group that lets XLSForm tools read our `relevant` expressions."""

from __future__ import annotations

import re

from inspector.models.vocab import ChecklistKind, EvidenceType, InnovationCategory, ProblemCategory, Scenario

# The largest real checklist (about 100 questions) is a 30 KB workbook whose
# survey sheet unpacks to under 100 KB. The limits leave room for a sheet
# formatted far below its questions (20 columns formatted down to row 12,000
# unpack to 7 MB) and for a picture or two, and refuse a bomb before parsing.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_PART_BYTES = 12 * 1024 * 1024  # each XML part: a sheet, the shared strings, the styles
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
MAX_ROWS = 10_000  # rows holding values; formatting alone does not count
MAX_COLUMNS = 200

PASS_FAIL_LIST = "pass_fail"
PASS_FAIL_VALUES = ("pass", "fail", "na")
PASS_FAIL_LABELS = {"pass": ("通过", "Pass"), "fail": ("不通过", "Fail"), "na": ("不适用", "Not applicable")}
NO_UNIT = "—"  # a plain XLSForm number has no unit; NumberAnswer needs one
DEFAULT_SCENARIO = "general"

SURVEY_COLUMNS = (
    "type", "name", "label::zh", "label::en", "hint::zh", "hint::en", "required", "relevant", "constraint",
    "appearance", "answer", "unit", "step", "scenario", "evidence", "max_score", "veto", "problem_category",
    "innovation_category", "applies", "tags",
)
CHOICES_COLUMNS = ("list_name", "name", "label::zh", "label::en", "score", "flag")
SETTINGS_COLUMNS = ("form_id", "form_title", "version", "default_language", "title_en", "kind", "description")
LANGUAGE_COLUMNS = ("label", "hint")

SCENARIOS = tuple(s.value for s in Scenario)
EVIDENCE = tuple(e.value for e in EvidenceType)
KINDS = tuple(k.value for k in ChecklistKind)
PROBLEM_CATEGORIES = tuple(c.value for c in ProblemCategory)
INNOVATION_CATEGORIES = tuple(c.value for c in InnovationCategory)

QUESTION_TYPES = ("text", "integer", "decimal", "date")
# XLSForm types that record something about the form-filling itself; a
# checklist has no use for them, and they hold no question to lose.
METADATA_TYPES = ("start", "end", "today", "deviceid", "username", "phonenumber", "simserial", "subscriberid",
                  "email", "audit", "start-geopoint", "background-audio")
# Real XLSForm types we cannot represent: refused, since dropping one would
# leave a question out of the checklist.
UNSUPPORTED_TYPES = ("select_multiple", "select_one_from_file", "select_multiple_from_file", "rank", "geopoint",
                     "geotrace", "geoshape", "image", "audio", "video", "file", "barcode", "calculate",
                     "acknowledge", "time", "datetime", "range", "hidden", "begin_repeat", "end_repeat",
                     "xml-external", "csv-external", "trigger")


PROJECT_GROUP = "project"
PROJECT_FIELDS = ("creation_type", "orientation", "setting")
# The choice lists the export writes for itself: pass/fail, and the project
# questions' lists. Item lists share their namespace, so no item's list may
# take one of these names (an item called `setting` would merge its options
# into the project's list).
BUILT_IN_LISTS = (PASS_FAIL_LIST, "creation_type", "orientation", "setting", "scenario_role")


def project_fields(rows: list[dict]) -> list[str]:
    """The project attributes the relevant expressions use, in a stable order."""
    used = {name for row in rows for name in re.findall(r"\$\{\s*([^}\s]+)\s*\}", row.get("relevant") or "")}
    scenarios = [f"scenario_{s}" for s in SCENARIOS if f"scenario_{s}" in used]
    return [name for name in PROJECT_FIELDS if name in used] + scenarios


def is_project_field(name: str) -> bool:
    return name in PROJECT_FIELDS or (name.startswith("scenario_") and name.removeprefix("scenario_") in SCENARIOS)


def project_question(name: str) -> tuple[str, str, str]:
    """(choice list, Chinese label, English label) of a project attribute's question."""
    from inspector.i18n import label

    if name.startswith("scenario_"):
        scenario = name.removeprefix("scenario_")
        return ("scenario_role", f"{label('Scenario', scenario, 'zh')}：申报方式",
                f"{label('Scenario', scenario, 'en')}: declared as")
    return {"creation_type": ("creation_type", "创建类型", "Creation type"),
            "orientation": ("orientation", "引领型/普惠型", "Leading or broad-benefit"),
            "setting": ("setting", "城乡", "Urban or rural")}[name]


def project_choices(list_name: str) -> list[tuple[str, str, str]]:
    from inspector.i18n import labels

    vocabulary = {"creation_type": "CreationType", "orientation": "Orientation", "scenario_role": "ScenarioRole",
                  "setting": "Setting"}[list_name]
    if list_name == "setting":  # the project is one or the other; "any" is a rule's word, not a project's
        from inspector.i18n import t

        return [(code, t(f"list.{code}", "zh"), t(f"list.{code}", "en")) for code in ("urban", "rural")]
    zh, en = labels(vocabulary, "zh"), labels(vocabulary, "en")
    return [(code, zh[code], en[code]) for code in zh]
