"""Words of the office demo (`inspector office demo`, office/demo.py)."""

MESSAGES = {
    "zh": {
        "office_demo.building": "正在生成演示办公室：两名督导员走访两轮，导出数据包，由办公室接收并审核……",
        "office_demo.built": "演示办公室已生成（{seconds} 秒），以{name}（{user}）的身份打开；退出后全部删除，"
                             "不会写入您的数据目录。",
        "office_demo.failed": "演示办公室生成失败：{error}",
    },
    "en": {
        "office_demo.building": "Making the demo office: two inspectors visit in two rounds, export their bundles, "
                                "and the office ingests and reviews them…",
        "office_demo.built": "Demo office ready ({seconds} s), opened as {name} ({user}); everything is deleted on "
                             "exit, and nothing goes into your data folder.",
        "office_demo.failed": "The demo office could not be made: {error}",
    },
}
