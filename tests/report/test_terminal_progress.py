"""An interactive run: `scrapy crawl statements` with a terminal (a pseudo-terminal) on stdout and
stderr shows a live progress line, the log lines above it, and the summary at the end."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import termios
import time
from pathlib import Path

from crawler.sample_site.content import CONTENT_DIR
from crawler.sample_site.server import SampleServer
from crawler.terminal import progress_wanted
from tests.crawl_support import ROOT, crawl_command

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def run_in_terminal(command: list[str], timeout: float = 300) -> tuple[int, str]:
    """Run a command with a 120x40 pseudo-terminal as stdout and stderr; its exit code and all it wrote."""
    main, side = pty.openpty()
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=side, stderr=side)
    os.close(side)
    chunks = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            chunk = os.read(main, 65536)
        except OSError:   # EIO: the process closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    return process.wait(timeout=max(deadline - time.monotonic(), 1)), b"".join(chunks).decode("utf-8", "replace")


def test_an_interactive_run_shows_progress_and_ends_with_a_summary(sample_site: SampleServer, tmp_path: Path) -> None:
    articles = len(list((CONTENT_DIR / "articles").glob("*.toml")))
    code, output = run_in_terminal(crawl_command("statements", sample_site.url, tmp_path, "-s", "LOG_LEVEL=WARNING"))
    assert code == 0, output[-3000:]
    text = ANSI.sub("", output)
    lines = [line.strip() for line in re.split(r"[\r\n]+", text) if line.strip()]
    progress = [line for line in lines if "pages/s" in line]
    assert progress, text[-3000:]
    final = progress[-1]
    assert re.search(rf"statements\s+\d+ pages\s+{articles} statements read 0 errors\s+[\d.]+ pages/s", final), final
    assert final.startswith("✓"), "the spinner did not give way to a tick when the run ended"
    assert "unknown template, read with generic signals" in text, "the log lines are not shown"
    summary = text[text.index("statements run "):]
    assert re.match(rf"statements run \S+: ok\s+{articles} new, 0 changed, 0 removed, 0 errors;", summary), summary
    assert f"report:  {tmp_path / 'exports' / 'report' / 'index.html'}" in summary


def test_progress_is_shown_on_a_terminal_only_unless_forced() -> None:
    class Stream:
        def __init__(self, tty: bool) -> None:
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    assert progress_wanted("auto", Stream(True)) and not progress_wanted("auto", Stream(False))
    assert progress_wanted("True", Stream(False)) and not progress_wanted("0", Stream(True))
