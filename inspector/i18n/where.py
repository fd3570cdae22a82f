"""Where in a file a refusal points (file, row or record, column or field) and
the refusal itself, in the user's language: for the command line and the
interface alike."""

from __future__ import annotations

import re

from inspector.i18n import t


def input_error(exc, lang: str) -> str:
    """An InputFileError in the user's language where it names its refusal.
    Texts that start with {where} get the file, row or record, and column or
    field in that language too (params named *_record likewise)."""
    if exc.code:
        return t(f"load.{exc.code}", lang, file=exc.file, where=where(exc, lang), **said_params(exc.params, lang))
    error = getattr(exc, "error", None)
    if error is not None:
        from inspector.i18n.validation import explain, more

        what = t(f"validation.what.{exc.what}", lang) if exc.what else ""
        return t("validation.invalid", lang, where=where(exc, lang), problem=explain(error, lang, what=what),
                 more=more(exc.more, lang))
    return str(exc)


def said_params(params: dict, lang: str) -> dict:
    """A refusal's values in `lang`: `*_record` a place in a file, `*_kind` a
    kind of record (问题, 走访 …), an error by what it is; the rest as given."""
    from inspector.i18n import _table
    from inspector.i18n.said import say

    kinds = _table(lang).LABELS.get("RecordKind", {})
    return {key: record(value, lang) if key.endswith("_record") else
            kinds.get(value, value) if key.endswith("_kind") else
            say(value, lang) if isinstance(value, BaseException) or hasattr(value, "say") else value
            for key, value in params.items()}


_ROW = re.compile(r"(row|line) (\d+)(?: \((.+)\))?")
_MEMBER_LINE = re.compile(r"(\S+) line (\d+)(?: \(id (\S+?)(?: rev (\d+))?\))?")


def record(text: str, lang: str) -> str:
    """`row 3 (HZ-GL-001)`, `line 4` as the user's language says them; a JSON
    record (projects[0]) is a path, the same in every language."""
    found = _MEMBER_LINE.fullmatch(text)
    if found is not None:  # a line of a bundle's records file: records/problems.jsonl line 3 (id … rev 1)
        member, row, record_id, rev = found.groups()
        said = t("load.where_member_line", lang, member=member, row=row)
        if record_id is not None:
            said += t("load.where_record_rev" if rev else "load.where_record", lang, id=record_id, rev=rev)
        return said
    found = _ROW.fullmatch(text)
    if found is None:
        return text
    kind, row, code = found.groups()
    if code:
        return t("load.where_row_code", lang, row=row, code=code)
    return t(f"load.where_{kind}", lang, row=row)


def where(exc, lang: str) -> str:
    parts = [exc.file]
    if exc.record:
        parts.append(record(exc.record, lang))
    if exc.field:
        in_a_row = exc.record is not None and _ROW.fullmatch(exc.record) is not None  # a CSV column
        field = exc.field
        if not in_a_row:  # a JSON field by the name people know (城市); a CSV column by the file's own header
            from inspector.i18n.validation import field_name

            field = field_name(exc.field, lang)
        parts.append(t("load.where_column" if in_a_row else "load.where_field", lang, field=field))
    return t("load.where_sep", lang).join(parts)

