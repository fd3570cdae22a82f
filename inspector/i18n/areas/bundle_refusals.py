"""Refusals of a sync bundle (bundle/archive.py, bundle/reading.py): the zip
itself, the signature and manifest, and each record line. Each starts with
{where}: the file, the member or line, the field, in the reader's language."""

_WHY = {
    # code: (zh, en)
    "missing": ("没有这个文件", "no such file"),
    "not_a_file": ("不是文件", "not a file"),
    "too_big": ("文件有 {size:,} 字节，上限为 {limit:,} 字节", "the file is {size:,} bytes; the limit is {limit:,}"),
    "permission": ("没有读取权限", "permission denied"),
    "unreadable": ("无法读取（{cause}）", "cannot read it ({cause})"),
    "more_than_declared": ("内容多于声明的 {size:,} 字节（压缩炸弹？）",
                           "holds more than the {size:,} bytes it declares (a zip bomb?)"),
    "size_differs": ("实有 {size:,} 字节，而声明为 {declared:,} 字节", "holds {size:,} bytes, not the {declared:,} it declares"),
    "crc": ("已损坏（校验码不符）", "damaged (its CRC does not match)"),
    "ends_inside": ("文件在这个成员中间就结束了（不完整）", "the file ends inside this member (truncated)"),
    "inflate": ("压缩数据已损坏", "damaged compressed data"),
    "inflate_past_end": ("压缩数据超出了应有的结尾（已损坏）", "compressed data goes on past its end (damaged)"),
    "inflate_early": ("压缩数据提前结束（不完整或已损坏）", "compressed data ends early (truncated or damaged)"),
    "zip_too_short": ("不是 zip 压缩包（太短，不完整？）", "not a zip archive (too short; truncated?)"),
    "zip_no_end": ("不是 zip 压缩包，或不完整（没有中央目录结尾）", "not a zip archive, or truncated (no end of central directory)"),
    "zip64_end": ("zip64 结尾记录已损坏", "damaged zip64 end record"),
    "zip64_sizes": ("zip64 大小记录已损坏", "damaged zip64 sizes"),
    "zip_multi_part": ("分卷 zip 压缩包不是同步包", "multi-part zip archives are not bundles"),
    "zip_too_many": ("有 {count:,} 个成员，上限为 {limit:,} 个", "holds {count:,} entries; the limit is {limit:,}"),
    "zip_directory_too_big": ("目录有 {size:,} 字节，上限为 {limit:,} 字节", "its directory is {size:,} bytes; the limit is {limit:,}"),
    "zip_directory_misplaced": ("zip 目录不在结尾记录所说的位置（不完整，或在后面附加了数据？）",
                                "the zip directory is not where the end record says (truncated, or data appended?)"),
    "zip_directory_truncated": ("zip 目录不完整", "the zip directory is truncated"),
    "zip_directory_extra": ("zip 目录中有成员以外的内容", "the zip directory holds more than its entries"),
    "zip_entry_damaged": ("zip 目录中的一项已损坏", "damaged zip directory entry"),
    "zip_name_not_allowed": ("成员名“{name}”不是同步包可以有的成员（名称从不当作路径使用）",
                             "entry name '{name}' is not a member a bundle may hold (names are never used as paths)"),
    "zip_name_control": ("成员名 {name} 含有控制字符", "entry name {name} holds control characters"),
    "zip_name_absolute": ("成员“{name}”是绝对路径，拒收（压缩包中的名称从不当作路径使用）",
                          "entry '{name}' is an absolute path: refused (an archive's names are never used as paths)"),
    "zip_name_backslash": ("成员“{name}”的名称含反斜杠，拒收（压缩包中的名称从不当作路径使用）",
                           "entry '{name}' is a name with a backslash: refused (an archive's names are never used as paths)"),
    "zip_name_climbs": ("成员“{name}”的名称跳出了所在文件夹（..），拒收",
                        "entry '{name}' climbs out of its folder ('..'): refused"),
    "zip_name_folder": ("成员“{name}”是文件夹，拒收", "entry '{name}' is a folder: refused"),
    "zip_name_unknown": ("成员“{name}”不是同步包可以有的成员，拒收", "entry '{name}' is not a member a bundle may hold: refused"),
    "zip_name_twice": ("名称“{name}”在压缩包中出现了两次", "the name '{name}' appears twice in the zip"),
    "zip_entry_link": ("成员是符号链接，拒收", "the entry is a symbolic link: refused"),
    "zip_entry_special": ("成员不是普通文件，拒收", "the entry is not a regular file: refused"),
    "zip_entry_folder": ("成员是文件夹，拒收", "the entry is a folder: refused"),
    "zip_entry_encrypted": ("成员是加密的，拒收", "the entry is encrypted: refused"),
    "zip_method": ("不允许压缩方式 {method}（只允许不压缩或 deflate）",
                   "compression method {method} is not allowed (stored or deflated only)"),
    "zip_photo_compressed": ("照片应原样存放，不应压缩", "photos must be stored, not compressed"),
    "zip_entry_too_big": ("声明有 {size:,} 字节，上限为 {limit:,} 字节", "declares {size:,} bytes; the limit is {limit:,}"),
    "zip_stored_sizes": ("未压缩成员的两个大小不一致", "a stored entry whose sizes disagree"),
    "zip_ratio": ("压缩比 {ratio}:1 大得不合理（压缩炸弹？）", "compression ratio {ratio}:1 is implausible (a zip bomb?)"),
    "zip_unpacked_too_big": ("各成员解压后合计超过 {limit:,} 字节", "its entries declare more than {limit:,} bytes in all"),
    "zip_entry_outside": ("成员指向压缩包数据以外", "the entry points outside the archive's data"),
    "zip_local_header": ("本地文件头已损坏（不在目录所说的位置）", "damaged local header (not where the directory says)"),
    "zip_entry_overlaps_directory": ("成员与 zip 目录重叠", "the entry runs into the zip directory (overlapping entries)"),
    "zip_entries_overlap": ("成员“{first}”与“{second}”重叠（压缩炸弹？）", "entries '{first}' and '{second}' overlap (a zip bomb?)"),
    "zip_local_disagrees": ("本地文件头与 zip 目录不一致", "its local header disagrees with the zip directory"),
    # the signed parts
    "changed": ("接收过程中文件被改动了", "changed while it was being ingested"),
    "photo_unreferenced": ("同步包中没有任何照片记录指向这个照片文件", "no photo record in this bundle refers to this photo file"),
    "member_hash": ("SHA-256 与签名清单中的不同（签名后被改动或损坏）",
                    "its SHA-256 differs from the one in the signed manifest (altered or damaged after signing)"),
    "not_a_bundle": ("缺少 {member}：不是同步包", "{member} is missing: not a sync bundle"),
    "not_enrolled": ("签名人“{signer}”没有在本办公室登记（inspector office enrol）",
                     "signed by '{signer}', who is not enrolled at this office (inspector office enrol)"),
    "other_key": ("所用密钥 {key} 不是为 {inspector} 登记的密钥（{enrolled}）；重装过的电脑须重新登记（office enrol --replace）",
                  "signed with key {key}, not the key enrolled for {inspector} ({enrolled}); a reset laptop must be "
                  "enrolled again (office enrol --replace)"),
    "signature_mismatch": ("{inspector} 的签名与 manifest.json 不符（签名后被改动，或由他人签名）",
                           "the signature of {inspector} does not match manifest.json (altered after it was signed, "
                           "or signed by someone else)"),
    "manifest_other_inspector": ("清单写的是“{inspector}”，签名的却是“{signer}”",
                                 "the manifest speaks for '{inspector}' but '{signer}' signed it"),
    "since_not_below": ("起始序号（{since}）应小于本包序号（{sequence}）", "since ({since}) must be below the sequence ({sequence})"),
    "member_twice": ("{member} 列了两次", "lists {member} twice"),
    "member_hash_name": ("{member} 所列的 SHA-256 与其名称不符", "{member} is listed with another SHA-256 than its name"),
    "records_unlisted": ("没有列出 {member}（每个记录文件都应随包发送）", "does not list {member} (every record file is always sent)"),
    "members_missing": ("清单中列出、压缩包中却没有：{members}", "listed in the manifest but not in the zip: {members}"),
    "members_missing_more": ("清单中列出、压缩包中却没有：{members}（另有 {more} 个）",
                        "listed in the manifest but not in the zip: {members} ({more} more)"),
    "member_unlisted": ("在压缩包中，却不在签名清单中，拒收", "in the zip but not listed in the signed manifest: refused"),
    "member_size": ("压缩包声明 {declared:,} 字节，签名清单为 {size:,} 字节", "the zip declares {declared:,} bytes, the signed manifest {size:,}"),
    # record lines
    "no_last_newline": ("最后一行没有以换行结束（不完整？）", "the last line does not end with a newline (truncated?)"),
    "not_utf8": ("不是 UTF-8 文本（字节 {byte}）", "not UTF-8 text (byte {byte})"),
    "empty_line": ("空行", "empty line"),
    "json_invalid": ("不是有效的 JSON", "not valid JSON"),
    "other_author": ("由“{author}”填写，而不是本包的督导员“{inspector}”（同步包只带督导员本人的修订）",
                     "written by '{author}', not by '{inspector}' whose bundle this is (a bundle carries only its "
                     "inspector's own revisions)"),
    "other_device": ("在设备“{device}”上填写，而不是发出本包的“{sender}”（一台电脑只发送在它上面做的修订）",
                     "written on device '{device}', not on '{sender}' that sent this bundle (a laptop sends only the "
                     "revisions made on it)"),
    "base_not_older": ("所依据的第 {base} 版并不更早", "based on revision {base}, which is not older"),
    "first_with_base": ("第一版不应有所依据的版本", "a first revision has no base revision"),
    "revision_twice": ("这一版出现了两次", "this revision appears twice"),
    # what a record claims, checked against the office (office/claims.py)
    "not_assigned": ("项目 {project} 没有分配给督导员 {inspector}", "project {project} is not assigned to inspector {inspector}"),
    "moved_project_held": ("办公室已有的这条记录在项目 {project} 上：记录不能改到另一个项目",
                           "the office holds it on project {project}: a record never moves to another project"),
    "moved_project_first": ("这条记录在本包中的第一版在项目 {project} 上：记录不能改到另一个项目",
                            "its first revision in this bundle is on project {project}: a record never moves to "
                            "another project"),
    "not_its_author": ("办公室收到的这条{record_kind}（第一版）由“{author}”填写：只有作者本人能修改",
                       "the office holds this {record_kind} from '{author}' (its first revision): only its author "
                       "revises it"),
    "moved_visit_held": ("办公室已有的这个问题属于走访 {visit}：问题不能改到另一次走访",
                         "the office holds it on visit {visit}: a problem never moves to another visit"),
    "moved_visit_first": ("这个问题在本包中的第一版属于走访 {visit}：问题不能改到另一次走访",
                          "its first revision in this bundle is on visit {visit}: a problem never moves to another "
                          "visit"),
    "visit_nowhere": ("走访 {visit} 既不在本包中，也不在办公室", "visit {visit} is neither in this bundle nor at the office"),
    "visit_of_another": ("走访 {visit} 由“{author}”记录，而不是“{inspector}”",
                         "visit {visit} was recorded by '{author}', not by '{inspector}'"),
    "project_not_visits": ("项目 {project} 与所属走访 {visit} 的项目（{visit_project}）不同",
                           "project {project} differs from that of its visit {visit} ({visit_project})"),
    "problem_nowhere": ("问题 {problem} 既不在本包中，也不在办公室", "problem {problem} is neither in this bundle nor at the office"),
    "problem_other_project": ("问题 {problem} 在项目 {project} 上，不在其走访的项目 {visit_project} 上",
                              "problem {problem} is on project {project}, not on its visit's project {visit_project}"),
    "target_nowhere": ("{record_kind} {target} 既不在本包中，也不在办公室",
                       "{record_kind} {target} is neither in this bundle nor at the office"),
    "photo_other_visit": ("{record_kind} {target} 不属于这张照片的走访 {visit}（照片只能证明本次走访的记录）",
                          "{record_kind} {target} does not belong to the photo's visit {visit} (a photo proves a record "
                          "of its own visit)"),
    "reply_not_at_office": ("办公室没有{record_kind} {target}", "{record_kind} {target} is not at the office"),
    "reply_not_theirs": ("{record_kind} {target} 是“{author}”的，不是“{inspector}”的：督导员只能答复自己的记录",
                         "{record_kind} {target} is '{author}''s, not '{inspector}''s: an inspector answers for their "
                         "own records"),
    "reply_other_project": ("{record_kind} {target} 在项目 {project} 上", "{record_kind} {target} is on project {project}"),
    "reply_no_revision": ("办公室没有{record_kind} {target} 的第 {rev} 版", "the office holds no revision {rev} of {record_kind} {target}"),
    "reply_never_sent_back": ("办公室从未退回{record_kind} {target}", "the office never sent {record_kind} {target} back"),
    "photo_file_nowhere": ("照片文件 {sha} 既不在本包中，也不在办公室", "photo file {sha} is neither in this bundle nor at the office"),
    # the office's own checks of a bundle (office/ingest.py)
    "held_changed": ("暂存的同步包 {releasing} 现在装的是同步包 {bundle}", "the held copy of bundle {releasing} now holds bundle {bundle}"),
    "sequence_taken": ("{inspector} 在设备 {device} 上的第 {sequence} 号已作为同步包 {other} 收到（{status}）",
                       "sequence {sequence} of {inspector} on device {device} was already received as bundle {other} "
                       "({status})"),
    "enrolment_changed": ("检查期间 {inspector} 的登记变了；请重新接收", "the enrolment of {inspector} changed while this "
                          "bundle was checked; ingest it again"),
    "rewritten": ("办公室已有同一督导员、同一设备的这一版，内容却不同（已发出的版本被改写了）",
                  "the office already holds this revision with different content from the same inspector and device "
                  "(a sent revision was rewritten)"),
    "cannot_store": ("无法保存其中的内容（{cause}）", "cannot store what it brings ({cause})"),
    "office_failed": ("办公室无法接收（{cause}），其中的内容一概未用", "the office could not ingest it ({cause}); nothing of it was applied"),
}

MESSAGES = {
    "zh": {f"load.bundle_{code}": "{where}：" + zh for code, (zh, _) in _WHY.items()},
    "en": {f"load.bundle_{code}": "{where}: " + en for code, (_, en) in _WHY.items()},
}

MESSAGES["zh"].update({
    "load.where_member_line": "{member} 第 {row} 行",
    "load.where_record": "（记录 {id}）",
    "load.where_record_rev": "（记录 {id} 第 {rev} 版）",
})
MESSAGES["en"].update({
    "load.where_member_line": "{member} line {row}",
    "load.where_record": " (id {id})",
    "load.where_record_rev": " (id {id} rev {rev})",
})
MESSAGES["zh"].update({"field.target_id": "所答复的记录", "field.target_rev": "所答复的版本", "field.since": "起始序号",
                       "field.members": "成员"})
MESSAGES["en"].update({"field.target_id": "record answered", "field.target_rev": "revision answered",
                       "field.since": "since", "field.members": "members"})
