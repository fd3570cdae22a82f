"""The command line's own words in the user's language: every command's and
option's help (keys `help.<command path>` and `help.<command path> <option>`
in i18n/areas/cli_help*.py), click's headings, and click's usage errors.

Click words its help and errors itself, in English, through gettext bound at
import; there is no supported hook to swap those words per run. So the root
group (`WordedGroup`) decides the language before click parses anything (the
--lang flag, else the environment, as Settings resolves it), puts our words on
the command tree, formats help with a formatter that measures cells (a
Chinese character is two) and breaks lines by kinsoku, and says usage errors
itself by their kind instead of letting click print them.
"""

from __future__ import annotations

import re
import sys

import click
from rich.cells import cell_len

from inspector.i18n import has, t
from inspector.text.kinsoku import wrap

LANG = "zh"  # the language of this run, set by WordedGroup.main before parsing


def language_of(args: list[str]) -> str:
    """--lang en / --lang=en among the arguments, else what Settings resolves."""
    from inspector.settings import Settings

    given = None
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            given = args[index + 1]
        elif arg.startswith("--lang="):
            given = arg.split("=", 1)[1]
    return Settings.resolve(lang=given).lang


# -- help texts -----------------------------------------------------------------------


def help_key(path: list[str], option: str | None = None) -> str:
    key = "help." + " ".join(path) if path else "help.inspector"
    return f"{key} {option}" if option else key


def short(text: str) -> str:
    """The first sentence, for the list of commands."""
    first = re.split(r"(?<=[。！？])|(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return first.strip()


def commands(group: click.Command, path: list[str] | None = None):
    """(path, command) of `group` and every command under it."""
    path = path or []
    yield path, group
    if isinstance(group, click.Group):
        for name, command in sorted(group.commands.items()):
            yield from commands(command, [*path, name])


def option_name(param: click.Parameter) -> str:
    """How an option is keyed: its longest flag (--city); an argument by its name."""
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    return param.name or ""


def word_tree(root: click.Command, lang: str) -> None:
    """Put the help texts of `lang` on every command and option under `root`."""
    global LANG
    LANG = lang
    for path, command in commands(root):
        command.context_class = WordedContext
        key = help_key(path)
        if has(key, lang):
            command.help = t(key, lang)
            command.short_help = short(command.help)
        for param in command.params:
            if isinstance(param, click.Option) and param.hidden:
                continue
            if not isinstance(param, click.Option):
                continue
            for key in (help_key(path, option_name(param)), f"help.* {option_name(param)}"):
                if has(key, lang):
                    param.help = t(key, lang)
                    break


# -- the formatter ----------------------------------------------------------------------

_HEADINGS = {"Options": "options", "Commands": "commands", "Arguments": "arguments"}
# click's own phrases inside the option list, said in our words.
_PHRASES = (("Show this message and exit.", "show_help"), ("[default: ", "default_open"),
            ("[required]", "required"), ("[env var: ", "env_open"))


class WordedFormatter(click.HelpFormatter):
    """click's help layout, measured in terminal cells and worded by LANG."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        said = t("cli.words.usage", LANG)
        args = args.replace("[OPTIONS]", t("cli.words.options_marker", LANG))
        self.write(f"{'':>{self.current_indent}}{said}{prog} {args}\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{t('cli.words.heading', LANG, heading=heading)}\n")

    def section(self, name: str):
        return super().section(t(f"cli.words.{_HEADINGS[name]}", LANG) if name in _HEADINGS else name)

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        width = max(self.width - self.current_indent, 20)
        for number, paragraph in enumerate(p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()):
            if number:
                self.write("\n")
            joined = " ".join(line.strip() for line in paragraph.replace("\b", "").splitlines())
            for line in wrap(joined, width):
                self.write(f"{indent}{line.rstrip()}\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(first, _ours(second)) for first, second in rows]
        first_width = min(max((cell_len(first) for first, _ in rows), default=0), col_max)
        start = self.current_indent + first_width + col_spacing
        width = max(self.width - start, 20)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if cell_len(first) <= first_width:
                self.write(" " * (first_width - cell_len(first) + col_spacing))
            else:
                self.write("\n" + " " * start)
            lines = [line.rstrip() for line in wrap(" ".join(second.split()), width)] or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * start + line + "\n")


def _ours(text: str) -> str:
    for phrase, key in _PHRASES:
        text = text.replace(phrase, t(f"cli.words.{key}", LANG))
    return text


class WordedContext(click.Context):
    formatter_class = WordedFormatter


# -- usage errors -------------------------------------------------------------------------

_BAD_VALUE = (
    (re.compile(r"'(?P<value>.*)' is not one of (?P<choices>.+)\.$"), "not_one_of"),
    (re.compile(r"'(?P<value>.*)' is not '(?P<choices>.+)'\.$"), "not_one_of"),
    (re.compile(r"(?:File|Directory|Path) '(?P<value>.*)' does not exist\.$"), "path_missing"),
    (re.compile(r"(?:File|Directory|Path) '(?P<value>.*)' is a directory\.$"), "path_is_folder"),
    (re.compile(r"(?:File|Directory|Path) '(?P<value>.*)' is a file\.$"), "path_is_file"),
    (re.compile(r"(?:File|Directory|Path) '(?P<value>.*)' is not readable\.$"), "path_unreadable"),
    (re.compile(r"(?:File|Directory|Path) '(?P<value>.*)' is not writable\.$"), "path_unwritable"),
    (re.compile(r"'(?P<value>.*)' is not a valid integer(?: range)?\.$"), "not_integer"),
    (re.compile(r"'(?P<value>.*)' is not a valid float(?: range)?\.$"), "not_number"),
    (re.compile(r"(?P<value>\S+) is not in the range (?P<choices>.+)\.$"), "out_of_range"),
)


def usage_error(exc: click.UsageError, lang: str) -> str:
    """click's usage error in `lang`: the usage line, where to find help, and what is wrong."""
    ctx = exc.ctx
    lines = []
    if ctx is not None:
        pieces = " ".join(ctx.command.collect_usage_pieces(ctx)).replace(
            "[OPTIONS]", t("cli.words.options_marker", lang))
        lines.append(t("cli.words.usage", lang) + f"{ctx.command_path} {pieces}".rstrip())
        lines.append(t("cli.words.try_help", lang, command=f"{ctx.command_path} --help"))
        lines.append("")
    lines.append(t("cli.error", lang, message=_what(exc, lang)))
    return "\n".join(lines)


def _what(exc: click.UsageError, lang: str) -> str:
    if isinstance(exc, click.NoSuchOption):
        known = exc.possibilities or []
        return t("cli.words.no_such_option" + ("_maybe" if known else ""), lang, option=exc.option_name,
                 known=", ".join(sorted(known)))
    if isinstance(exc, click.MissingParameter):
        param = exc.param
        name = param.human_readable_name if param is not None else ""
        return t(f"cli.words.missing_{'option' if isinstance(param, click.Option) else 'argument'}", lang,
                 name=name)
    if isinstance(exc, click.BadParameter):
        name = exc.param.get_error_hint(exc.ctx).replace("'", "") if exc.param is not None and exc.ctx else ""
        for pattern, kind in _BAD_VALUE:
            found = pattern.search(exc.message)
            if found:
                values = found.groupdict()
                return t(f"cli.words.bad_{kind}", lang, name=name, value=values.get("value", ""),
                         choices=values.get("choices", "").replace("'", ""))
        return t("cli.words.bad_value", lang, name=name)
    if isinstance(exc, click.BadOptionUsage):
        return t("cli.words.option_needs_value", lang, option=exc.option_name)
    message = exc.message
    found = re.match(r"No such command '(?P<name>.*)'\.$", message)
    if found:
        return t("cli.words.no_such_command", lang, name=found["name"])
    found = re.match(r"Got unexpected extra arguments? \((?P<args>.*)\)$", message)
    if found:
        return t("cli.words.extra_arguments", lang, args=found["args"])
    if message == "Missing command.":
        return t("cli.words.missing_command", lang)
    return t("cli.words.usage_other", lang)


class WordedGroup(click.Group):
    """The root group: words the tree before click parses, and says click's
    errors in the user's language (exit codes as click gives them)."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        from inspector.text.terminal import safe_output

        with safe_output():  # nothing we print can drive the terminal (text/terminal.py)
            return self._main(args, prog_name, complete_var, standalone_mode, **extra)

    def _main(self, args, prog_name, complete_var, standalone_mode, **extra):
        args = list(sys.argv[1:] if args is None else args)
        lang = language_of(args)
        word_tree(self, lang)
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            click.echo(usage_error(exc, lang), err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo(t("cli.words.aborted", lang), err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)
