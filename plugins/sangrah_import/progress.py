"""Progress of a long import on the console, and nothing in logs.

On a terminal, a tqdm bar appears once the import has run for a moment
(short imports print nothing). When stderr is a file or a pipe (CI logs,
tests), a bar's carriage returns would be garbage, so a long import prints a
plain line every half minute instead.
"""

from __future__ import annotations

import sys
import time

from tqdm import tqdm

# A bar appears only after this many seconds: quick imports stay quiet.
BAR_DELAY = 1.0
# Without a terminal, a progress line this often (and only after the first).
LINE_EVERY = 30.0


class Progress:
    def __init__(self, total: int, stream=None, enabled: bool = True):
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.done = 0
        self.started = self.last_line = time.monotonic()
        tty = enabled and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.bar = tqdm(total=total, unit="dump", desc="sangrah import", file=self.stream, delay=BAR_DELAY, leave=False,
                        dynamic_ncols=True) if tty else None
        self.lines = enabled and not tty

    def update(self, count: int = 1) -> None:
        self.done += count
        if self.bar is not None:
            self.bar.update(count)
        elif self.lines:
            now = time.monotonic()
            if now - self.last_line >= LINE_EVERY:
                self.last_line = now
                print(f"sangrah import: {self.done}/{self.total} dumps read", file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False
