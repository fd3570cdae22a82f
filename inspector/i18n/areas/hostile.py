"""Words of content that passes a signature and is still refused (issue 14
item 6): keys named twice, images that are not what they claim."""

MESSAGES = {
    "zh": {
        "load.bundle_duplicate_key": "{where}：同一对象里“{key}”出现了两次（两个程序会读出两样内容）",
        "signature.duplicate_key": "同一对象里“{key}”出现了两次（两个程序会读出两样内容）",
        "signature.control_character": "字段 {field} 含控制字符 {character}（可操纵终端显示）；拒收",
        "load.bundle_control_character": "{where}：含控制字符 {character}（可操纵终端显示）；拒收",
        "system.db.folder_read_only": "所在文件夹 {folder} 是只读的（只读的 U 盘或光盘？没有写入权限？）；请把数据放在可写的文件夹",
        "store.assignment_from_future": "签发时间 {issued} 比本电脑的时钟晚一天以上；请核对本电脑的日期，或向专班办公室确认",
        "load.file_duplicate_key": "{where}：同一对象里“{key}”出现了两次（两个程序会读出两样内容）；拒绝载入",
        "load.file_control_character": "{where}：含控制字符 {character}（可操纵终端显示）；拒绝载入",
        "load.bundle_photo_not_jpeg": "{where}：不是 JPEG 照片（实为 {kind}）",
        "load.bundle_line_too_long": "{where}：有一行超过 {limit:,} 字节，不是一条记录",
        "load.bundle_photo_too_many_pixels": "{where}：照片像素超过上限 {limit:,}（不是笔记本电脑导入的照片）",
    },
    "en": {
        "load.bundle_duplicate_key": "{where}: \"{key}\" appears twice in one object (two programs would read two "
                                     "different things)",
        "signature.duplicate_key": "\"{key}\" appears twice in one object (two programs would read two different "
                                   "things)",
        "signature.control_character": "field {field} holds the control character {character} (it could drive "
                                       "the terminal); refused",
        "load.bundle_control_character": "{where}: holds the control character {character} (it could drive the "
                                         "terminal); refused",
        "system.db.folder_read_only": "its folder {folder} is read-only (a locked USB stick or a disc? no "
                                      "permission to write?); keep the data in a folder you can write to",
        "store.assignment_from_future": "issued at {issued}, more than a day ahead of this laptop's clock; check this "
                                        "laptop's date, or ask the office",
        "load.file_duplicate_key": "{where}: \"{key}\" appears twice in one object (two programs would read two "
                                   "different things); not loaded",
        "load.file_control_character": "{where}: holds the control character {character} (it could drive the "
                                       "terminal); not loaded",
        "load.bundle_photo_not_jpeg": "{where}: not a JPEG photo (it is {kind})",
        "load.bundle_line_too_long": "{where}: a line is longer than {limit:,} bytes: no record",
        "load.bundle_photo_too_many_pixels": "{where}: the photo has more pixels than the limit of {limit:,} (no "
                                             "photo a laptop imports)",
    },
}
