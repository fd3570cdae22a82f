"""The check behind test_zz_refusals: it must fail on a message in the wrong
script and pass the user's own values in any script."""

from __future__ import annotations

from inspector import i18n
from inspector.i18n import t
from script_check import offending, replay


def chain_of(build):
    """What `build()` says, and the t() calls it made."""
    calls = []
    i18n.observers.append(lambda *call: calls.append(call))
    try:
        text = build()
    finally:
        i18n.observers.pop()
    return text, calls


def test_english_sentence_in_a_chinese_message_is_caught():
    text, chain = chain_of(lambda: t("cli.error", "zh", message="field city: Input should be 'hangzhou'"))
    assert offending(text, "zh", chain) == ["field city: Input should be"]


def test_no_such_file_from_the_platform_is_caught():
    text, chain = chain_of(lambda: t("cli.error", "zh", message="/tmp/a.json: No such file or directory"))
    assert offending(text, "zh", chain) == ["No such file or directory"]


def test_chinese_in_an_english_message_is_caught():
    text, chain = chain_of(lambda: t("cli.error", "en", message=t("system.os.missing", "zh")))
    assert offending(text, "en", chain)


def test_the_users_values_may_be_in_any_script():
    text, chain = chain_of(lambda: t("cli.error", "en", message=t(
        "system.os.at", "en", file="/tmp/项目 文件/任务.json", error=t("system.os.missing", "en"))))
    assert "项目" in text
    assert offending(text, "en", chain) == []
    text, chain = chain_of(lambda: t("office.write_failed", "zh", path="My Office Files here", error="磁盘已满"))
    assert offending(text, "zh", chain) == []


def test_quoted_values_and_commands_are_not_words():
    assert offending("错误：城市应为 “hangzhou or ningbo or else”", "zh") == []
    assert offending("请先运行 inspector office init --db x", "zh") == []
    assert offending("error: city must be 「纽约」", "en") == []
    assert offending("错误：the file is bad", "zh") == ["the file is bad"]
    assert offending("第 12 行 C 列：共 3 个 zip 文件，XLSForm 1 2", "zh") == []


def test_replay_says_the_message_in_the_other_language():
    text, chain = chain_of(lambda: t("cli.error", "zh", message=t(
        "system.os.at", "zh", file="/tmp/a.json", error=t("system.os.missing", "zh"))))
    english, replayed = replay(text, "zh", chain)
    assert english == t("cli.error", "en", message=t(
        "system.os.at", "en", file="/tmp/a.json", error=t("system.os.missing", "en")))
    assert offending(english, "en", replayed) == []


def test_replay_keeps_what_no_words_of_ours_said():
    # An English user's message built around a raw str(exc): in Chinese it
    # would still hold the English sentence.
    text, chain = chain_of(lambda: t("cli.error", "en", message="/tmp/a.json: Expecting value: line 1 column 1"))
    assert offending(text, "en", chain) == []
    chinese, replayed = replay(text, "en", chain)
    assert chinese.startswith("错误")
    assert offending(chinese, "zh", replayed) == ["Expecting value: line 1 column 1"]


def test_a_call_in_the_wrong_language_is_not_replayed():
    # A hard-coded zh inside an English message stays Chinese: caught both ways.
    text, chain = chain_of(lambda: t("cli.error", "en", message=t("system.os.missing", "zh")))
    chinese, replayed = replay(text, "en", chain)
    assert offending(text, "en", chain)
    assert t("system.os.missing", "zh") in chinese
