"""Words of office backups, restores and checks (office/backup, cli/backup.py)."""

_HELP = {
    "help.office backup": (
        "把办公室（数据库、照片、暂存的同步包、回执、整改佐证）完整备份到一个新文件夹；办公室可照常工作。"
        "写完后逐个文件核对。--with-keys 时连同办公室私钥一起备份（仅本人可读）。",
        "Back the office up (database, photos, held bundles, receipts, rectification evidence) into a new folder "
        "while it keeps working; every file is checked once written. --with-keys: the office's private keys too "
        "(readable by their owner only).",
    ),
    "help.office backup --output": ("新的备份文件夹（必须不存在或为空）。", "The new backup folder (must not exist, or be empty)."),
    "help.office backup --with-keys": ("同时备份办公室私钥。", "Include the office's private keys."),
    "help.office restore": (
        "从备份恢复办公室：先核对整个备份（清单、每个文件的大小和哈希、数据库完整性），有问题就指出并拒绝，什么也不改；"
        "已有办公室时需 --replace，原办公室改名保留。",
        "Restore the office from a backup: the whole backup is checked first (manifest, every file's size and "
        "hash, the database's integrity) and refused, naming what is wrong, with nothing changed; an existing "
        "office needs --replace and is kept aside under a dated name.",
    ),
    "help.office restore --replace": ("替换现有办公室（原办公室改名保留）。", "Replace the existing office (kept aside, renamed)."),
    "help.office check": (
        "核对正在使用的办公室，不做任何修改：数据库完整性、每条记录的哈希、每个照片和佐证文件、回执与同步包是否对应。",
        "Verify the live office, changing nothing: the database's integrity, every record's hash, every photo and "
        "evidence file, receipts against bundles.",
    ),
}

MESSAGES = {
    "zh": {
        "backup.target_exists": "{folder} 已存在且不是空文件夹；请换一个新的备份文件夹",
        "backup.no_folder": "{folder} 不是文件夹",
        "backup.no_manifest": "{folder} 中没有 manifest.json：不是本软件的备份，或不完整",
        "backup.bad_manifest": "{file} 已损坏：{problem}",
        "backup.manifest_too_big": "{file} 大得不像备份清单",
        "backup.listed_twice": "{file} 中有文件被列了两次",
        "backup.duplicate_key": "{file} 中同一对象里“{key}”出现了两次（两个程序会读出两样内容）",
        "backup.missing": "备份不完整：缺少 {file}",
        "backup.size": "备份已被截断或改动：{file} 应有 {expected:,} 字节，实有 {found:,} 字节",
        "backup.altered": "备份已被改动：{file} 的内容与清单中的哈希不符",
        "backup.extra": "备份中有清单未列出的文件 {file}（被人放进去的？）",
        "backup.db_damaged": "备份中的 {file} 已损坏（数据库完整性检查未通过）",
        "backup.not_office": "备份中的 {file} 不是办公室数据库",
        "backup.office_exists": "{db} 已有办公室；确需替换请加 --replace（原办公室会改名保留）",
        "backup.copy_differs": "复制后 {file} 与备份不一致（磁盘出错？）；什么也没有改动",
        "backup.copied_wrong": "{file} 复制到备份后读回的内容与原文件不符（备份盘出错？）；没有留下备份",
        "backup.done": "已备份到 {folder}：{files} 个文件，共 {mb:.1f} MB，均已核对{keys}",
        "backup.with_keys": "；含办公室私钥，请妥善保管",
        "backup.restored": "已从备份恢复办公室到 {db}（{files} 个文件）{keys}",
        "backup.restored_keys": "，含办公室密钥",
        "backup.kept_aside": "原办公室已改名保留在 {folder}",
        "check.clean": "办公室核对无误：数据库完整，{records} 条记录、{photos} 个照片文件、{receipts} 份回执均相符",
        "check.found": "发现 {count} 处不符（什么也没有改动）：",
        "check.db_damaged": "数据库完整性检查未通过",
        "check.record_altered": "记录 {kind} {id} 第 {rev} 版的内容与其哈希不符（被改动过）",
        "check.photo_missing": "照片文件 {sha} 不见了（{file}）",
        "check.photo_altered": "照片文件 {sha} 的内容与其哈希不符（{file}）",
        "check.evidence_missing": "整改佐证文件 {sha} 不见了（{file}）",
        "check.evidence_altered": "整改佐证文件 {sha} 的内容与其哈希不符（{file}）",
        "check.receipt_bad": "回执 {file} 无法读取或签名不符",
        "check.receipt_foreign": "回执 {file} 不是本办公室的密钥签署的",
        "check.receipt_unknown": "回执 {file} 所说的同步包 {bundle} 不在本办公室已接收的同步包中",
        **{key: zh for key, (zh, _) in _HELP.items()},
    },
    "en": {
        "backup.target_exists": "{folder} exists and is not empty; choose a new folder for the backup",
        "backup.no_folder": "{folder} is not a folder",
        "backup.no_manifest": "there is no manifest.json in {folder}: not a backup of this program, or incomplete",
        "backup.bad_manifest": "{file} is damaged: {problem}",
        "backup.manifest_too_big": "{file} is far too big for a backup manifest",
        "backup.listed_twice": "{file} lists a file twice",
        "backup.duplicate_key": "{file} names \"{key}\" twice in one object (two programs would read two different "
                                "things)",
        "backup.missing": "the backup is incomplete: {file} is missing",
        "backup.size": "the backup is truncated or altered: {file} should be {expected:,} bytes, it is {found:,}",
        "backup.altered": "the backup was altered: the content of {file} does not match its hash in the manifest",
        "backup.extra": "the backup holds {file}, which its manifest does not list (put there by someone?)",
        "backup.db_damaged": "{file} in the backup is damaged (the database's integrity check failed)",
        "backup.not_office": "{file} in the backup is not an office database",
        "backup.office_exists": "there is an office at {db} already; add --replace to replace it (it is kept aside, "
                                "renamed)",
        "backup.copy_differs": "{file} differs from the backup once copied (a disk error?); nothing was changed",
        "backup.copied_wrong": "{file} read back from the backup differs from the original (a faulty backup disk?); "
                               "no backup was left",
        "backup.done": "backed up to {folder}: {files} files, {mb:.1f} MB, every one checked{keys}",
        "backup.with_keys": "; it holds the office's private keys: keep it safe",
        "backup.restored": "the office is restored from the backup to {db} ({files} files){keys}",
        "backup.restored_keys": ", with the office's keys",
        "backup.kept_aside": "the office that was there is kept aside in {folder}",
        "check.clean": "the office checks out: the database is whole, and {records} records, {photos} photo files "
                       "and {receipts} receipts all match",
        "check.found": "{count} discrepancies found (nothing was changed):",
        "check.db_damaged": "the database's integrity check failed",
        "check.record_altered": "record {kind} {id} revision {rev} does not match its hash (it was altered)",
        "check.photo_missing": "photo file {sha} is missing ({file})",
        "check.photo_altered": "photo file {sha} does not match its hash ({file})",
        "check.evidence_missing": "evidence file {sha} is missing ({file})",
        "check.evidence_altered": "evidence file {sha} does not match its hash ({file})",
        "check.receipt_bad": "receipt {file} cannot be read or its signature does not match",
        "check.receipt_foreign": "receipt {file} is not signed by this office's key",
        "check.receipt_unknown": "receipt {file} names bundle {bundle}, which this office has not applied",
        **{key: en for key, (_, en) in _HELP.items()},
    },
}
