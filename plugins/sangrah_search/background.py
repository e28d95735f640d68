"""The search files built in a forked process while the pages are rendered.

Pages need only the search *version* (output.py: a hash of what the index is
made from), not the index: so once the documents are known, the index build
and the page rendering need not wait for each other. The build's main process
mostly waits on its page workers meanwhile, so on two cores the index takes
time that was idle. The process inherits the finished context (fork), writes
the search files itself, and the build waits for it at ``finalized`` and
fails when it failed.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import sys
import time
import traceback
from typing import Callable

log = logging.getLogger("sangrah.search")

_PENDING: list[int] = []  # search processes not yet waited for


class SearchBuildError(SystemExit):
    """The build stops with this message (no traceback: the reason was printed by the process that failed)."""


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


# What building the index of one document takes at its peak, in bytes (the
# scale benchmark: 718 MiB at 10,000 articles, 2,739 MiB at 50,000, the
# interpreter included), rounded up.
INDEX_BYTES_PER_DOCUMENT = 64 * 1024


def available_memory(meminfo: str | None = None) -> int | None:
    """Bytes the system can give without swapping (Linux's MemAvailable), or None when unknown."""
    if meminfo is None:
        try:
            with open("/proc/meminfo", encoding="ascii") as handle:
                meminfo = handle.read()
        except OSError:
            return None
    for line in meminfo.splitlines():
        name, _, value = line.partition(":")
        if name == "MemAvailable":
            amount, _, unit = value.strip().partition(" ")
            if amount.isdigit():
                return int(amount) * (1024 if unit.strip().lower() == "kb" else 1)
    return None


def fits_beside_the_pages(documents: int, available: int | None) -> bool:
    """Whether the index build may run while the pages are rendered.

    Beside the pages, its memory adds to theirs: at 50,000 articles the
    build's peak went from 6.4 to 9.9 GB (PSS). Half of what is free is left
    to the page workers; when less is free, the index is built first, in
    the build's own process (same files, a longer build).
    """
    return available is None or documents * INDEX_BYTES_PER_DOCUMENT <= available // 2


def start(task: Callable[[], None]) -> None:
    """Run ``task`` in a forked process; :func:`wait` collects it."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: do the task, never return into Pelican
        status = 0
        try:
            task()
        except SystemExit as stop:  # a clean stop with its reason (a bad setting)
            if stop.code not in (None, 0):
                print(stop.code if isinstance(stop.code, str) else f"sangrah search: stopped ({stop.code})",
                      file=sys.stderr)
                status = 1
        except BaseException as error:  # noqa: BLE001 - reported, and the build fails in the parent
            print(f"sangrah search: building the search files failed: {type(error).__name__}: {error}",
                  file=sys.stderr)
            log.debug("sangrah search: %s", traceback.format_exc())
            status = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    _PENDING.append(pid)


def wait(*_args) -> None:
    """finalized: wait for the search process; raise when it failed."""
    failed = 0
    waited = 0.0
    while _PENDING:
        pid = _PENDING.pop()
        before = time.perf_counter()
        _, status = os.waitpid(pid, 0)
        waited += time.perf_counter() - before
        if os.waitstatus_to_exitcode(status) != 0:
            failed += 1
    if failed:
        raise SearchBuildError("sangrah search: the search files were not built (the reason is above)")
    if waited >= 0.05:
        print(f"sangrah search: the pages were done {waited:.1f} s before the search files", file=sys.stderr)


def _wait_quietly() -> None:
    # Pelican stopped before finalized (an error elsewhere): the search
    # process is not left writing into the output after the build returned.
    try:
        wait()
    except SearchBuildError:
        pass


atexit.register(_wait_quietly)
