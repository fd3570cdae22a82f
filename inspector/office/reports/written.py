"""What a finished report says it wrote, for the command and the office
interface alike: the folder, its files (relative), and the counts. A folder
of many files (the photos) is one line with its count: 12,000 photo names
tell nobody anything."""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePath

from inspector.i18n import t

MANY = 12  # files in one folder beyond which the folder is shown as one line


def outline(files: list[PurePath], lang: str) -> list[str]:
    """Each file, in the order written; a folder holding more than MANY files
    as `照片/（240 个文件）` where its first file was."""
    by_folder: dict[PurePath, list[PurePath]] = defaultdict(list)
    for file in files:
        by_folder[PurePath(file).parent].append(PurePath(file))
    lines, said = [], set()
    for file in files:
        folder = PurePath(file).parent
        if len(by_folder[folder]) <= MANY:
            lines.append(PurePath(file).as_posix())
        elif folder not in said:
            said.add(folder)
            lines.append(t("report_cli.folder_files", lang, folder=folder.as_posix(), count=len(by_folder[folder])))
    return lines


def photo_count(report) -> int:
    return len({p.name for row in (*report.problems, *report.innovations) for p in row.photos})


def counts_line(written, lang: str) -> str:
    report = written.report
    return t("report_cli.counts", lang, problems=len(report.problems), innovations=len(report.innovations),
             photos=photo_count(report),
             left_out=sum(n for key, n in report.coverage.left_out.items() if key.startswith(("problem.", "innovation."))),
             seconds=f"{written.seconds:.1f}")


def summary_lines(written, lang: str) -> list[str]:
    """The folder, each file (indented), then the counts."""
    lines = [t("report_cli.wrote", lang, folder=written.folder, count=len(written.files))]
    lines += ["  " + line for line in outline(written.files, lang)]
    lines.append(counts_line(written, lang))
    return lines
