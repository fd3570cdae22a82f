"""The system's own errors (files, disks, the database) said by kind, not in
the platform's words (i18n/said.py)."""

_OS = {
    # kind: (zh, en)
    "missing": ("文件或文件夹不存在", "no such file or folder"),
    "permission": ("没有权限", "permission denied"),
    "disk_full": ("磁盘已满", "the disk is full"),
    "read_only": ("磁盘或文件夹是只读的", "the disk or folder is read-only"),
    "exists": ("已经存在", "it already exists"),
    "is_folder": ("这是一个文件夹，不是文件", "it is a folder, not a file"),
    "not_folder": ("路径中有一部分不是文件夹", "part of the path is not a folder"),
    "busy": ("文件正被其他程序使用", "the file is in use by another program"),
    "name_too_long": ("文件名或路径太长", "the file name or path is too long"),
    "io": ("磁盘读写出错", "a disk read or write failed"),
    "invalid": ("文件名或参数无效", "an invalid file name or argument"),
    "too_many_open": ("打开的文件太多", "too many open files"),
    "other_drive": ("不能跨磁盘移动", "cannot move across drives"),
    "not_empty": ("文件夹不是空的", "the folder is not empty"),
}
_DB = {
    "locked": ("数据库正被另一个程序使用（已锁定）", "the database is in use by another program (locked)"),
    "disk_full": ("磁盘已满", "the disk is full"),
    "not_database": ("这不是本软件的数据库文件", "this is not a database file"),
    "damaged": ("数据库文件已损坏", "the database file is damaged"),
    "io": ("读写数据库时磁盘出错", "a disk error while reading or writing the database"),
    "read_only": ("数据库是只读的", "the database is read-only"),
    "cannot_open": ("无法打开数据库文件", "cannot open the database file"),
}

MESSAGES = {
    "zh": {
        **{f"system.os.{kind}": zh for kind, (zh, _) in _OS.items()},
        **{f"system.db.{kind}": zh for kind, (zh, _) in _DB.items()},
        "system.os.other": "系统错误（编号 {number}）",
        "system.os.at": "{file}：{error}",
        "system.db.other": "数据库出错（{kind}）",
        "system.db.no_row": "数据库中缺少 {name}（数据库来自其他版本，或已损坏）",
        "system.db.no_table": "数据库中没有表 {name}（数据库来自其他版本，或已损坏）",
        "system.db.no_column": "数据库中没有字段 {name}（数据库来自其他版本，或已损坏）",
    },
    "en": {
        **{f"system.os.{kind}": en for kind, (_, en) in _OS.items()},
        **{f"system.db.{kind}": en for kind, (_, en) in _DB.items()},
        "system.os.other": "system error (number {number})",
        "system.os.at": "{file}: {error}",
        "system.db.other": "a database error ({kind})",
        "system.db.no_row": "the database lacks {name} (it comes from another version, or is damaged)",
        "system.db.no_table": "the database has no table {name} (it comes from another version, or is damaged)",
        "system.db.no_column": "the database has no column {name} (it comes from another version, or is damaged)",
    },
}
