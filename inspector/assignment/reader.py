"""Turning a file someone handed us into a checked Assignment, or one clear error.

Files are hostile until checked: sizes are bounded before reading, a zip's
member names are never used as paths, the office's signature is checked
before the content is even parsed, and every cross-reference is verified
before anything reaches the database.

An assignment file is a signed envelope (models.Signed, kind "assignment")
whose payload is the assignment JSON text exactly as the office signed it.
Here the signature is checked against the key the envelope names; whether
that key belongs to the office this laptop trusts is decided by
inspector.assignment.trust, which needs the database.
"""

from __future__ import annotations

import json
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from inspector.bulk import paused_gc
from inspector.identity import SignatureError, is_signed, open_document
from inspector.models import Assignment, Signed, Signer

from .errors import InputFileError, describe, field_path

AssignmentFileError = InputFileError

MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_JSON_BYTES = 256 * 1024 * 1024
MAX_ZIP_RATIO = 100  # JSON compresses ~10x; far beyond that is a bomb
MAX_ZIP_MEMBERS = 16


@dataclass(frozen=True)
class SignedAssignment:
    """A checked assignment and who signed it (signature verified, trust not yet decided)."""

    assignment: Assignment
    signer: Signer
    file: str


def read_assignment(path: Path | str) -> Assignment:
    """The checked assignment in a signed file. Its signature is verified, but
    not whose it is: loading onto a laptop goes through inspector.assignment.trust."""
    return read_signed_assignment(path).assignment


def read_signed_assignment(path: Path | str) -> SignedAssignment:
    path = Path(path)
    name = str(path)
    raw = read_bounded(path, name)
    if raw[:4] == b"PK\x03\x04" or path.suffix.lower() == ".zip":
        raw = _json_from_zip(raw, name)
    envelope = _open_envelope(decode_text(raw, name), name)
    # The payload is a JSON string, already decoded; a BOM an editor put at
    # the start of the signed text is as harmless here as in a file.
    assignment = parse_assignment(envelope.payload.removeprefix("\ufeff"), name)
    return SignedAssignment(assignment, envelope.signer, name)


def parse_assignment(text: str, name: str) -> Assignment:
    """Validate assignment JSON text; errors name `name`, the record and the field."""
    try:
        with paused_gc():
            assignment = Assignment.model_validate_json(text)
    except ValidationError as exc:
        raise _explain(exc, text, name) from None
    _check_references(assignment, name)
    return assignment


def _open_envelope(text: str, name: str) -> Signed:
    if not is_signed(text):
        _refuse_unsigned(text, name)  # returns only for an envelope with its keys in another order
    try:
        return open_document(text, "assignment")
    except SignatureError as exc:
        raise _signature_refusal(text, name, exc) from None


def _refuse_unsigned(text: str, name: str) -> None:
    data = json_or_refuse(text, name)
    if not isinstance(data, dict):
        raise InputFileError(name, "not an assignment: the file must hold one JSON object", code="file_not_object")
    kind = data.get("format")
    if kind == "inspector-signed":
        return
    if kind == "inspector-assignment":
        # The content may well be fine; what is missing is the office's word for it.
        raise InputFileError(name, "the assignment is not signed; ask the office for a signed one "
                             "(inspector office assign writes it)", code="unsigned")
    raise InputFileError(
        name, f"not an assignment file (format is {json.dumps(kind, ensure_ascii=False)}, "
        "expected a signed assignment, \"inspector-signed\")", field="format", code="file_not_assignment",
        value=json.dumps(kind, ensure_ascii=False),
    )


def _signature_refusal(text: str, name: str, exc: SignatureError) -> InputFileError:
    """Say precisely why an envelope was refused; only runs on refusal, so it
    may parse the text again."""
    if exc.key == "signature.duplicate_key":
        return InputFileError(name, str(exc), code="file_duplicate_key", key=exc.params["key"])
    if exc.key == "signature.control_character":
        path = exc.params["field"]
        return InputFileError(name, str(exc), field=path if path != "-" else None, code="file_control_character",
                              character=exc.params["character"])
    data = json_or_refuse(text, name)
    try:
        envelope = Signed.model_validate(data)
    except ValidationError as bad:
        first = bad.errors(include_url=False)[0]
        return InputFileError(name, str(exc), field=field_path(tuple(first["loc"])) or None, error=first,
                              more=bad.error_count() - 1, what="signed")
    if envelope.kind != "assignment":
        return InputFileError(name, str(exc), field="kind", code="signed_other_kind", kind=envelope.kind)
    return InputFileError(
        name, f"the signature does not match the content (altered after {envelope.signer.name} signed it?)",
        field="signature", code="tampered", signer=envelope.signer.name,
    )


def json_or_refuse(text: str, name: str) -> Any:
    """Parsed JSON, or one line saying where the text stops being JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as bad:
        raise InputFileError(name, f"not valid JSON: {bad.msg} at line {bad.lineno} column {bad.colno}",
                             code="file_json_invalid", line=bad.lineno, column=bad.colno) from None
    except RecursionError:
        raise InputFileError(name, "not valid JSON: nested too deeply", code="file_json_deep") from None


def read_bounded(path: Path, name: str) -> bytes:
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputFileError(name, "not a file", code="file_not_a_file")
        if size > MAX_FILE_BYTES:
            raise InputFileError(name, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}", code="file_too_big",
                                 size=f"{size:,}", limit=f"{MAX_FILE_BYTES:,}")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputFileError(name, "no such file", code="file_missing") from None
    except PermissionError:
        raise InputFileError(name, "permission denied", code="file_permission") from None
    except OSError as exc:
        raise InputFileError(name, f"cannot read: {exc.strerror or exc}", code="file_unreadable",
                             error=exc.strerror or str(exc)) from None
    if not raw:
        raise InputFileError(name, "file is empty", code="file_empty")
    return raw


def _json_from_zip(raw: bytes, name: str) -> bytes:
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise InputFileError(name, f"not a readable zip archive ({exc})", code="zip_unreadable") from None
    if len(infos) > MAX_ZIP_MEMBERS:
        raise InputFileError(name, f"zip holds {len(infos)} files; an assignment zip holds one JSON file",
                             code="zip_too_many", count=len(infos))
    candidates = [i for i in infos if i.filename.lower().endswith(".json")]
    if len(candidates) != 1:
        found = ", ".join(i.filename for i in infos) or "nothing"
        raise InputFileError(name, f"zip must hold exactly one .json file, found: {found}", code="zip_not_one_json",
                             found=found)
    info = candidates[0]
    member = f"{name}!{info.filename}"
    if info.flag_bits & 0x1:
        raise InputFileError(member, "encrypted zip entries are not supported", code="zip_encrypted")
    if info.file_size > MAX_JSON_BYTES:
        raise InputFileError(member, f"declares {info.file_size:,} bytes; the limit is {MAX_JSON_BYTES:,}",
                             code="file_too_big", size=f"{info.file_size:,}", limit=f"{MAX_JSON_BYTES:,}")
    if info.compress_size and info.file_size / info.compress_size > MAX_ZIP_RATIO:
        raise InputFileError(member, "compression ratio is implausibly high (zip bomb?)", code="zip_bomb")
    try:
        with archive.open(info) as stream:
            data = stream.read(info.file_size + 1)
    except (zipfile.BadZipFile, EOFError, zlib.error, OSError, NotImplementedError) as exc:
        raise InputFileError(member, f"damaged or truncated zip entry ({exc})", code="zip_damaged") from None
    if len(data) != info.file_size:
        raise InputFileError(member, "entry size differs from the size the zip declares", code="zip_damaged")
    if not data:
        raise InputFileError(member, "file is empty", code="file_empty")
    return data


def decode_text(raw: bytes, name: str) -> str:
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InputFileError(name, "file is UTF-16 encoded; save it as UTF-8", code="file_utf16")
    if raw[:3] == b"\xef\xbb\xbf":  # Windows editors add a BOM; harmless
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":
            raise InputFileError(name, "file is truncated (it ends inside a character)", code="file_truncated") from None
        raise InputFileError(
            name,
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8 (GBK/GB2312 is not accepted)",
            code="file_not_utf8", byte=f"0x{raw[exc.start]:02x}", offset=exc.start,
        ) from None


def _explain(exc: ValidationError, text: str, name: str) -> InputFileError:
    error = exc.errors(include_url=False)[0]
    if error["type"] == "json_invalid":
        try:
            json.loads(text)
        except json.JSONDecodeError as bad:
            return InputFileError(name, f"not valid JSON: {bad.msg} at line {bad.lineno} column {bad.colno}",
                                  code="file_json_invalid", line=bad.lineno, column=bad.colno)
        except RecursionError:
            return InputFileError(name, "not valid JSON: nested too deeply", code="file_json_deep")
        return InputFileError(name, f"not valid JSON: {error['msg']}", code="file_json_bad")
    try:
        data: Any = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        data = None
    if not isinstance(data, dict):
        return InputFileError(name, "not an assignment: the file must hold one JSON object", code="file_not_object")
    if data.get("format") != "inspector-assignment":
        shown = json.dumps(data.get("format"), ensure_ascii=False)
        return InputFileError(
            name, f"not an assignment file (format is {shown}, expected \"inspector-assignment\")", field="format",
            code="payload_not_assignment", value=shown,
        )
    record, field = _locate(data, error["loc"])
    message = describe(error)
    more = exc.error_count() - 1
    if more:
        message += f" (and {more} more problem{'s' if more > 1 else ''})"
    return InputFileError(name, message, record=record, field=field, error=error, more=more, what="assignment")


_NAMING_KEYS = ("code", "id", "title")


def _locate(data: Any, loc: tuple) -> tuple[str | None, str | None]:
    """Split a pydantic location into the record (a top-level list entry, named
    by its code or id where it has one) and the field path within it."""
    loc = tuple(loc)
    if not loc:
        return None, None
    if len(loc) >= 2 and isinstance(loc[1], int):
        record = f"{loc[0]}[{loc[1]}]"
        try:
            entry = data[loc[0]][loc[1]]
        except (KeyError, IndexError, TypeError):
            entry = None
        if isinstance(entry, dict):
            for key in _NAMING_KEYS:
                if isinstance(entry.get(key), (str, int)):
                    record += f" ({entry[key]})"
                    break
            if "version" in entry and loc[0] == "templates":
                record = record[:-1] + f" v{entry['version']})"
        rest = loc[2:]
        return record, field_path(rest) or None
    return None, field_path(loc)


def _check_references(assignment: Assignment, name: str) -> None:
    codes: dict[str, int] = {}
    for index, project in enumerate(assignment.projects):
        if project.code in codes:
            raise InputFileError(
                name, f"project code '{project.code}' is also used by projects[{codes[project.code]}]",
                record=f"projects[{index}] ({project.code})", field="code", code="ref_code_twice",
                project=project.code, other=f"projects[{codes[project.code]}]",
            )
        codes[project.code] = index

    templates: dict[tuple[str, int], Any] = {}
    for index, template in enumerate(assignment.templates):
        key = (template.id, template.version)
        if key in templates:
            raise InputFileError(
                name, f"template {template.id} version {template.version} appears twice",
                record=f"templates[{index}] ({template.id} v{template.version})", field="version",
                code="ref_template_twice", template=template.id, version=template.version,
            )
        templates[key] = template

    used: dict[tuple[str, int], int] = {}
    for index, ref in enumerate(assignment.checklists):
        if (ref.id, ref.version) in used:
            raise InputFileError(
                name, f"template {ref.id} version {ref.version} is listed twice (also checklists[{used[ref.id, ref.version]}])",
                record=f"checklists[{index}]", field="version", code="ref_checklist_twice", template=ref.id,
                version=ref.version, other=f"checklists[{used[ref.id, ref.version]}]",
            )
        used[ref.id, ref.version] = index
        if (ref.id, ref.version) not in templates:
            raise InputFileError(
                name, f"template {ref.id} version {ref.version} is referenced but not included in templates",
                record=f"checklists[{index}]", field="id", code="ref_template_missing", template=ref.id,
                version=ref.version,
            )

    seen: set = set()
    for index, problem in enumerate(assignment.open_problems):
        record = f"open_problems[{index}] ({problem.id})"
        if problem.id in seen:
            raise InputFileError(name, "problem id appears twice", record=record, field="id", code="ref_problem_twice")
        seen.add(problem.id)
        if problem.project_code not in codes:
            raise InputFileError(
                name, f"project '{problem.project_code}' is not among this assignment's projects",
                record=record, field="project_code", code="ref_unknown_project", project=problem.project_code,
            )
        if problem.item is not None:
            template = templates.get((problem.item.template, problem.item.version))
            if template is not None and template.item(problem.item.item) is None:
                raise InputFileError(
                    name,
                    f"item '{problem.item.item}' does not exist in {problem.item.template} v{problem.item.version}",
                    record=record, field="item.item", code="ref_unknown_item", item=problem.item.item,
                    template=problem.item.template, version=problem.item.version,
                )

    # A record sent back is the inspector's own, on a project given to them:
    # the office signs the file, but the laptop checks what it may take.
    sent: set = set()
    for index, entry in enumerate(assignment.sent_back):
        record = f"sent_back[{index}] ({entry.kind} {entry.id})"
        if (entry.kind, entry.id) in sent:
            raise InputFileError(name, "record sent back twice", record=record, field="id", code="ref_sent_back_twice")
        sent.add((entry.kind, entry.id))
        if entry.project_code not in codes:
            raise InputFileError(
                name, f"project '{entry.project_code}' is not among this assignment's projects",
                record=record, field="project_code", code="ref_unknown_project", project=entry.project_code,
            )
        author = entry.record.author
        if author != assignment.inspector.id and not author.startswith("office:"):
            raise InputFileError(
                name, f"revision {entry.rev} was written by '{author}': only the inspector's own records "
                f"({assignment.inspector.id}) are sent back to them", record=record, field="record.author",
                code="ref_sent_back_author", rev=entry.rev, author=author, inspector=assignment.inspector.id,
            )
