"""The command line's own words in the user's language: every command's and
option's help from the language tables, click's headings and usage errors,
and the last-line internal error; help laid out in terminal cells."""

from __future__ import annotations

import re
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from inspector.cli import cli, main
from inspector.cli.words import commands, help_key, option_name
from inspector.i18n import LANGS

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def run(*args, env=None):
    return CliRunner().invoke(cli, list(args), env={"COLUMNS": "80", **(env or {})})


def test_every_command_and_option_has_help_in_both_languages():
    missing = []
    for lang in ("zh", "en"):
        words = LANGS[lang].MESSAGES
        for path, command in commands(cli):
            if not words.get(help_key(path), "").strip():
                missing.append((lang, help_key(path)))
            for param in command.params:
                if isinstance(param, click.Option) and not param.hidden:
                    keys = (help_key(path, option_name(param)), f"help.* {option_name(param)}")
                    if not any(words.get(key, "").strip() for key in keys):
                        missing.append((lang, keys[0]))
    assert not missing, missing


def _all_helps(lang):
    for path, _command in commands(cli):
        result = run(*( ["--lang", lang] if lang == "en" else []), *path, "--help")
        assert result.exit_code == 0, (path, result.output)
        yield path, result.output


def test_help_is_in_chinese_by_default_and_fits_80_columns():
    for path, text in _all_helps("zh"):
        assert text.startswith("用法：") and "选项：" in text, path
        assert "Show this message" not in text and "Usage:" not in text, path
        too_wide = [line for line in text.splitlines() if cell_len(line) > 80]
        assert not too_wide, (path, too_wide)


def test_help_in_english_says_no_chinese_of_its_own():
    for path, text in _all_helps("en"):
        assert text.startswith("Usage: ") and "Options:" in text, path
        # Chinese appears only as values one may type (杭州, 待整改) or names (专班办公室), never as a heading
        assert not CJK.search(text.split("\n\n")[0]), path
        assert "用法" not in text and "选项：" not in text, path
    root = run("--lang", "en", "--help").output
    assert not CJK.search(root), root


@pytest.mark.parametrize("args, zh, en", [
    (["load", "--nope"], "错误：没有选项 --nope", "error: no such option: --nope"),
    (["load"], "错误：缺少参数 FILES", "error: missing argument FILES"),
    (["office", "report", "R2026-2", "--city"], "错误：选项 --city 需要一个值", "error: option --city needs a value"),
    (["nosuch"], "错误：没有命令“nosuch”", "error: no such command 'nosuch'"),
    (["identity", "show", "extra"], "错误：多出了参数：extra", "error: unexpected extra arguments: extra"),
])
def test_click_usage_errors_in_both_languages(args, zh, en, tmp_path):
    said_zh = run(*args, env={"INSPECTOR_DATA_DIR": str(tmp_path)})
    said_en = run("--lang", "en", *args, env={"INSPECTOR_DATA_DIR": str(tmp_path)})
    assert said_zh.exit_code == 2 and said_en.exit_code == 2
    assert zh in said_zh.output and en in said_en.output, (said_zh.output, said_en.output)
    assert "Error:" not in said_zh.output and "Usage:" not in said_zh.output
    assert not CJK.search(said_en.output.replace("nosuch", ""))


def test_a_bad_choice_and_a_folder_for_a_file(tmp_path):
    said = run("--lang", "fr", "load", str(tmp_path))
    assert said.exit_code == 2 and "--lang 不能是“fr”；可选：zh, en" in said.output
    said = run("load", str(tmp_path), env={"INSPECTOR_DATA_DIR": str(tmp_path)})
    assert said.exit_code == 2 and "是文件夹，应为文件" in said.output
    said = run("--lang", "en", "load", str(tmp_path), env={"INSPECTOR_DATA_DIR": str(tmp_path)})
    assert "is a folder, not a file" in said.output


@pytest.mark.parametrize("lang, words", [("zh", "内部错误：RuntimeError（设置 INSPECTOR_DEBUG=1 可查看详情）"),
                                         ("en", "internal error: RuntimeError (set INSPECTOR_DEBUG=1 for details)")])
def test_the_last_line_of_defence_in_both_languages(lang, words, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("boom: a secret path /x")

    monkeypatch.setattr(cli, "main", broken)
    monkeypatch.delenv("INSPECTOR_DEBUG", raising=False)
    with pytest.raises(SystemExit) as ended:
        main(["--lang", lang, "load", "x"])
    assert ended.value.code == 1
    assert capsys.readouterr().err.strip() == words


def test_a_real_process_says_its_help_in_the_chosen_language():
    for lang, heading in (("zh", "用法："), ("en", "Usage: ")):
        done = subprocess.run([sys.executable, "-m", "inspector", "--lang", lang, "--help"], capture_output=True,
                              text=True, encoding="utf-8", env={"COLUMNS": "80", "PATH": ""}, timeout=60)
        assert done.returncode == 0 and done.stdout.startswith(heading), done.stderr
