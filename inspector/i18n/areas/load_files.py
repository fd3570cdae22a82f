"""Refusals of a file before its content is looked at (assignment/reader.py's
reading, decoding and unzipping, shared by every JSON and CSV file we read)."""

MESSAGES = {
    "zh": {
        "load.file_not_object": "{where}：文件中应为一个 JSON 对象 {{…}}",
        "load.file_not_assignment": "{where}：不是任务包（格式为 {value}，应为签名的任务包 \"inspector-signed\"）",
        "load.file_json_invalid": "{where}：不是有效的 JSON（第 {line} 行第 {column} 列）",
        "load.file_json_deep": "{where}：不是有效的 JSON（嵌套层数过多）",
        "load.file_json_bad": "{where}：不是有效的 JSON",
        "load.payload_not_assignment": "{where}：签名的内容不是任务包（格式为 {value}，应为 \"inspector-assignment\"）",
        "load.file_not_a_file": "{where}：不是文件",
        "load.file_too_big": "{where}：文件有 {size} 字节，上限为 {limit} 字节",
        "load.file_missing": "{where}：没有这个文件",
        "load.file_permission": "{where}：没有读取权限",
        "load.file_unreadable": "{where}：无法读取（{error}）",
        "load.file_empty": "{where}：文件是空的",
        "load.file_utf16": "{where}：文件是 UTF-16 编码；请另存为 UTF-8",
        "load.file_truncated": "{where}：文件不完整（在一个字符中间结束）",
        "load.file_not_utf8": "{where}：不是 UTF-8 文本（第 {offset} 字节为 {byte}）；请另存为 UTF-8（不接受 GBK/GB2312）",
        "load.zip_unreadable": "{where}：不是可读取的 zip 压缩包",
        "load.zip_too_many": "{where}：压缩包中有 {count} 个文件；任务包的压缩包中只应有一个 JSON 文件",
        "load.zip_not_one_json": "{where}：压缩包中应恰好有一个 .json 文件，实际为：{found}",
        "load.zip_encrypted": "{where}：不支持加密的压缩包",
        "load.zip_bomb": "{where}：压缩比大得不合理（压缩炸弹？）",
        "load.zip_damaged": "{where}：压缩包中的文件已损坏或不完整",
    },
    "en": {
        "load.file_not_object": "{where}: the file must hold one JSON object {{…}}",
        "load.file_not_assignment": "{where}: not an assignment file (format is {value}, expected a signed "
                                    "assignment, \"inspector-signed\")",
        "load.file_json_invalid": "{where}: not valid JSON (line {line}, column {column})",
        "load.file_json_deep": "{where}: not valid JSON (nested too deeply)",
        "load.file_json_bad": "{where}: not valid JSON",
        "load.payload_not_assignment": "{where}: what was signed is not an assignment (format is {value}, expected "
                                       "\"inspector-assignment\")",
        "load.file_not_a_file": "{where}: not a file",
        "load.file_too_big": "{where}: the file is {size} bytes; the limit is {limit}",
        "load.file_missing": "{where}: no such file",
        "load.file_permission": "{where}: permission denied",
        "load.file_unreadable": "{where}: cannot read it ({error})",
        "load.file_empty": "{where}: the file is empty",
        "load.file_utf16": "{where}: the file is UTF-16 encoded; save it as UTF-8",
        "load.file_truncated": "{where}: the file is truncated (it ends inside a character)",
        "load.file_not_utf8": "{where}: not UTF-8 text (byte {byte} at offset {offset}); save the file as UTF-8 "
                              "(GBK/GB2312 is not accepted)",
        "load.zip_unreadable": "{where}: not a readable zip archive",
        "load.zip_too_many": "{where}: the zip holds {count} files; an assignment zip holds one JSON file",
        "load.zip_not_one_json": "{where}: the zip must hold exactly one .json file, found: {found}",
        "load.zip_encrypted": "{where}: encrypted zip entries are not supported",
        "load.zip_bomb": "{where}: the compression ratio is implausibly high (zip bomb?)",
        "load.zip_damaged": "{where}: a damaged or truncated zip entry",
    },
}
