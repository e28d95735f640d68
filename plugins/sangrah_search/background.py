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
