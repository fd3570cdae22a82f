"""The TUI as a real process in a terminal: type answers, kill it with
SIGKILL, and find everything that was on screen in the database; start it
again and it is back on the same item."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="drives a POSIX pseudo-terminal")


class Terminal:
    def __init__(self, db, size=(100, 30)) -> None:
        import fcntl
        import pty
        import struct
        import termios

        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(size[0]), "LINES": str(size[1])}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "inspector", "--db", str(db)],
            stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True, start_new_session=True,
        )
        os.close(slave)
        os.set_blocking(self.master, False)
        self.screen = b""

    def drain(self) -> None:
        try:
            while chunk := os.read(self.master, 65536):
                self.screen = (self.screen + chunk)[-200_000:]
        except (BlockingIOError, OSError):
            pass

    def wait_for(self, text: str, seconds: float = 30) -> None:
        """Until `text` has been drawn (output since the last wait)."""
        wanted = text.encode()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.drain()
            if wanted in self.screen:
                self.screen = b""
                return
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared on screen")

    def key(self, sequence: str, pause: float = 0.3) -> None:
        """One key that is several bytes (arrows): sent in one write."""
        os.write(self.master, sequence.encode())
        time.sleep(pause)
        self.drain()

    def type(self, text: str, pause: float = 0.15) -> None:
        for ch in text:
            os.write(self.master, ch.encode())
            time.sleep(pause)
            self.drain()

    def kill(self) -> None:
        self.process.kill()  # SIGKILL: no chance to flush anything
        self.process.wait()
        os.close(self.master)


def query(db, sql, *args):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def wait_until(terminal: Terminal, condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        terminal.drain()
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("the program never got there")


def start_visit(terminal: Terminal, db) -> None:
    """瓜沥七彩 by its initials, its page, v, Enter: a visit with today's date
    and the assigned inspector, on the checklist screen."""
    terminal.wait_for("个项目")
    terminal.type("gl")
    terminal.type("\r")
    terminal.wait_for("申报场景")
    terminal.type("v")
    terminal.wait_for("开始现场检查")
    # A dialog drops keys typed before it is shown (so a stray key cannot answer it), and its
    # text can reach the terminal a moment before that: on a loaded machine, Enter again.
    for _ in range(6):
        terminal.type("\r")
        try:
            wait_until(terminal, lambda: query(db, "SELECT count(*) FROM visits") == [(1,)], seconds=5)
            break
        except AssertionError:
            continue
    wait_until(terminal, lambda: query(db, "SELECT count(*) FROM visits") == [(1,)])
    terminal.wait_for("已答")
    time.sleep(0.5)


def test_killed_mid_visit_loses_nothing_and_resumes(fixture_db):
    terminal = Terminal(fixture_db)
    try:
        start_visit(terminal, fixture_db)
        terminal.type("p", pause=0.3)  # party.center: pass
        terminal.type("1", pause=0.3)  # party.mechanism: first option (stays, for a note)
        terminal.key("\x1b[B")  # down to the next item
        terminal.type("e")  # party.members: a number, typed but not yet confirmed
        terminal.type("36", pause=0.1)
        terminal.type("\r", pause=0.3)
        terminal.type("p", pause=0.3)  # party.red_property: pass
        terminal.type("m")
        terminal.type("大门已开放", pause=0.1)  # a note on nb.center_open, still being typed
        time.sleep(0.3)
    finally:
        terminal.kill()

    answers = {json.loads(d)["item"]["item"]: json.loads(d)
               for (d,) in query(fixture_db, "SELECT data FROM answers_current")}
    assert {k: a["value"] for k, a in answers.items()} == {
        "party.center": "pass", "party.mechanism": "effective", "party.members": 36.0,
        "party.red_property": "pass", "nb.center_open": None,
    }
    assert answers["nb.center_open"]["note"] == "大门已开放"
    assert query(fixture_db, "PRAGMA integrity_check") == [("ok",)]
    (item,), = query(fixture_db, "SELECT item FROM visit_positions")
    noted = "nb.center_open"
    assert item.endswith("|" + noted)

    # Started again, it goes straight back to the visit, on the same item.
    terminal = Terminal(fixture_db)
    try:
        terminal.wait_for("已答")
        time.sleep(0.5)
        terminal.type("p")  # answers the item it reopened on
        wait_until(terminal, lambda: any(
            json.loads(d)["item"]["item"] == noted and json.loads(d)["value"] == "pass"
            for (d,) in query(fixture_db, "SELECT data FROM answers_current")))
    finally:
        terminal.kill()


def test_a_half_typed_problem_survives_a_kill(fixture_db):
    terminal = Terminal(fixture_db)
    try:
        start_visit(terminal, fixture_db)
        terminal.type("f", pause=0.5)  # party.center fails: the problem form opens
        terminal.wait_for("问题描述")
        terminal.type("党群服务中心大门紧锁", pause=0.1)  # described, not yet saved
        time.sleep(0.3)
    finally:
        terminal.kill()
    assert query(fixture_db, "SELECT count(*) FROM problems WHERE origin = 'local'") == [(0,)]
    (data,), = query(fixture_db, "SELECT data FROM drafts")
    assert json.loads(data)["fields"]["description"] == "党群服务中心大门紧锁"

    # Started again: back in the visit with the form open as it was; saving it stores the problem.
    terminal = Terminal(fixture_db)
    try:
        terminal.wait_for("问题描述")
        time.sleep(0.5)
        terminal.key("\x13")  # Ctrl+S
        wait_until(terminal, lambda: query(
            fixture_db, "SELECT json_extract(data, '$.description') FROM problems WHERE origin = 'local'"
        ) == [("党群服务中心大门紧锁",)])
        wait_until(terminal, lambda: query(fixture_db, "SELECT count(*) FROM drafts") == [(0,)])
    finally:
        terminal.kill()
