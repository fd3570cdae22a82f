"""Checklists as XLSForm workbooks, out and back in.

The people who draft checklists work in Excel, often in XLSForm tools; the
office edits what comes back. The workbook has the three XLSForm sheets:

survey    one row a question, `begin_group`/`end_group` around each section.
          XLSForm columns: type, name, label::zh, label::en, hint::zh,
          hint::en, required, relevant, constraint, appearance.
          Ours, for what XLSForm lacks: answer (`score`: a score rather than
          a plain number), unit, step, scenario, evidence (codes separated by
          spaces), max_score, veto, problem_category, innovation_category,
          and applies (JSON; only for the rare rule `relevant` cannot say).
          A `scenario` on a begin_group row is the default of its questions.
choices   list_name, name, label::zh, label::en; ours: score, flag.
settings  form_id (the template id), form_title, version, default_language;
          ours: title_en, kind (problem / innovation), description.

Answer types map as: pass/fail <-> `select_one pass_fail` (the list holding
pass, fail, na); single choice <-> `select_one <list>`; number <-> integer or
decimal with its bounds in `constraint` and its `unit`; score <-> decimal with
`answer` = score and its bounds in `constraint`; text <-> text (`appearance`
multiline); date <-> date. `relevant` is the project-based rule described in
expressions.py.

`relevant` names project attributes, and an XLSForm tool only accepts names
of questions; so the export starts with a group `project` asking for the
attributes its expressions use (creation_type, orientation, setting,
scenario_<code>). A drafter can try the form out in ODK or KoBo, answering
them to see which questions apply; import skips that group (and refuses
anything else put in it).

A plain XLSForm (no columns of ours) imports too: what it does not say gets a
default, and every default is listed as a warning by sheet, row and column.
`note` rows become guidance of the next question in their group. Anything
that cannot be mapped is listed, never dropped silently (a group row holds
only a section's name, title and scenario; a note row only its label; the
rest of their values are listed); merged cells holding a value are refused,
since only their first cell holds it; anything wrong
refuses the whole file with every problem's sheet, row and column.

The workbook is hostile until checked: its size, and the unpacked size of
each part the zip declares, are bounded before openpyxl reads it; openpyxl
then streams it read-only (with defusedxml), and the row limit counts rows
that hold values, not rows that are only formatted.
"""

from __future__ import annotations

from .findings import Finding, Imported, Place, SpreadsheetRefused, grouped_lines
from .reading import read_xlsform
from .writing import workbook_bytes, write_xlsform

__all__ = ["Finding", "Imported", "Place", "SpreadsheetRefused", "grouped_lines", "read_xlsform", "workbook_bytes",
           "write_xlsform"]
