"""A vocabulary to and from CSV (代码, 中文名称, English name, 停用): how an
office keeps its lists in a spreadsheet. UTF-8 with or without a BOM, or
GB18030 as Excel on a Chinese Windows saves it; Chinese or English headers.

Importing goes into the draft: a code the file names is added or renamed
(and retired or brought back when the file has a 停用 column); a code the
file leaves out stays as it is, since codes are never removed. The file is
checked whole first: a bad cell refuses it, naming file, row and column, and
nothing is stored."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from inspector.files import write_whole
from inspector.models.vocabulary import Vocabulary, VocabularyEntry
from inspector.office.names import normal

from . import VocabularyRefused
from . import store as V

MAX_FILE_BYTES = 1024 * 1024
HEADERS = {
    "code": "code", "代码": "code", "编码": "code",
    "中文名称": "zh", "名称": "zh", "name": "zh", "chinesename": "zh", "zh": "zh",
    "englishname": "en", "英文名称": "en", "en": "en",
    "停用": "retired", "retired": "retired", "已停用": "retired",
}
EXPORT_HEADER = ("代码", "中文名称", "English name", "停用")
YES, NO = {"是", "停用", "yes", "y", "true", "1", "x", "✓"}, {"", "否", "no", "n", "false", "0"}


@dataclass(frozen=True)
class Imported:
    added: int
    renamed: int
    unchanged: int


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _decode(raw: bytes, name: str) -> str:
    if raw[:3] == b"\xef\xbb\xbf":
        raw = raw[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise VocabularyRefused("csv_encoding", file=name)


def read_entries(path: Path | str) -> tuple[list[VocabularyEntry], bool]:
    """The file's entries and whether it has a 停用 column, or the refusal
    naming its first bad cell."""
    path = Path(path)
    name = path.name
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise VocabularyRefused("csv_too_big", file=name, mb=MAX_FILE_BYTES // (1024 * 1024))
        raw = path.read_bytes()
    except OSError as exc:
        raise VocabularyRefused("csv_unreadable", file=name, error=exc) from None
    try:
        rows = [r for r in csv.reader(io.StringIO(_decode(raw, name))) if any(c.strip() for c in r)]
    except csv.Error:
        raise VocabularyRefused("csv_not_csv", file=name) from None
    if not rows:
        raise VocabularyRefused("csv_empty", file=name)
    fields: list[str] = []
    for index, column in enumerate(rows[0]):
        field = HEADERS.get(normal(column)) or HEADERS.get(column.strip())
        if field is None:
            raise VocabularyRefused("csv_bad_header", file=name, column=_column_letter(index), value=column.strip())
        if field in fields:
            raise VocabularyRefused("csv_header_twice", file=name, column=_column_letter(index), value=column.strip())
        fields.append(field)
    for field in ("code", "zh"):
        if field not in fields:
            raise VocabularyRefused(f"csv_no_{field}", file=name)
    entries: list[VocabularyEntry] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if len(cells) > len(fields):
            raise VocabularyRefused("csv_extra_cells", file=name, row=number)
        values = {field: " ".join(cell.split()) for field, cell in zip(fields, cells)}

        def bad(field: str, key: str, **params) -> VocabularyRefused:
            return VocabularyRefused(key, file=name, row=number, column=_column_letter(fields.index(field)),
                                     **params)

        code = values.get("code", "")
        if not code:
            raise bad("code", "csv_cell_empty")
        retired = values.get("retired", "").casefold()
        if retired not in YES | NO:
            raise bad("retired", "csv_bad_retired", value=values["retired"])
        try:
            entry = VocabularyEntry(code=code, zh=values.get("zh") or "", en=values.get("en") or None,
                                    retired=retired in YES)
        except ValueError as exc:
            field = str(exc.errors()[0]["loc"][0]) if hasattr(exc, "errors") else "code"
            if field == "code":
                raise bad("code", "csv_bad_code", value=code) from None
            raise bad(field, "csv_cell_empty" if not values.get(field) else "csv_too_long") from None
        if code in seen:
            raise bad("code", "csv_code_twice", value=code, other=seen[code])
        seen[code] = number
        entries.append(entry)
    if not entries:
        raise VocabularyRefused("csv_empty", file=name)
    return entries, "retired" in fields


def import_csv(db, kind: str, path: Path | str) -> Imported:
    """The file's entries into the kind's draft; publish makes them a version."""
    entries, has_retired = read_entries(path)
    with V._writing(db):
        vocabulary = V.draft(db, kind)
        if kind == "unit":
            raise VocabularyRefused("units_elsewhere")
        now = {e.code: e for e in vocabulary.entries}
        added = renamed = unchanged = 0
        result = list(vocabulary.entries)
        for entry in entries:
            old = now.get(entry.code)
            if old is None:
                V._check_kind_may_grow(kind, entry.code)
                result.append(entry)
                added += 1
                continue
            new = entry if has_retired else entry.model_copy(update={"retired": old.retired})
            new = new.model_copy(update={"city": old.city})
            if new == old:
                unchanged += 1
            else:
                renamed += 1
                result[result.index(old)] = new
        V._save(db, Vocabulary(kind=kind, version=vocabulary.version, entries=result))
    return Imported(added, renamed, unchanged)


def export_csv(vocabulary: Vocabulary, path: Path | str) -> int:
    """The vocabulary as a CSV Excel opens as Chinese (UTF-8 with a BOM)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_HEADER)
    for entry in vocabulary.entries:
        writer.writerow((entry.code, entry.zh, entry.en or "", "是" if entry.retired else ""))
    write_whole(Path(path), out.getvalue().encode("utf-8-sig"))
    return len(vocabulary.entries)
