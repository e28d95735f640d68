"""Python's garbage collector set for a build, which keeps most of what it makes.

A build holds hundreds of thousands of objects to its end (posts, articles,
listings) while it allocates millions of short-lived ones. With CPython's
defaults the youngest objects are examined every 700 allocations and, as the
kept ones pile up, all of them are walked again and again: measured at
10,000 articles, 4.8 s of a no-change rebuild's main process went to 2,400
collections, 17 of them over everything. Collected less often and with what
exists at the end of each phase frozen (never walked again, and not copied
page by page into forked workers when a walk would touch it), 0.5 s.

Cycles among frozen objects are collected only after :func:`thaw`. A build
ends with its objects still frozen: the interpreter's last collection, when
`python -m pelican` exits, skips them (measured at 10,000 articles: 0.2 s
from the build's return to the process's end, against 1.7 s after a thaw;
the objects are not needed again, and the memory goes back with the
process). A process that builds again (Pelican's autoreload) thaws the
previous build's objects when the next build starts (:func:`thaw_after_a_build`).
"""

from __future__ import annotations

import gc

# Allocations between collections of the youngest objects (CPython: 700),
# and how many of those before the next generation is examined (10, 10).
THRESHOLDS = (50_000, 20, 10)


def tune_for_a_build() -> None:
    gc.set_threshold(*THRESHOLDS)


def freeze_what_exists(*_args) -> None:
    """Everything alive now is kept out of later collections (a signal receiver, hence the arguments)."""
    gc.freeze()


_BUILDS_ENDED = 0


def build_ended(*_args) -> None:
    """A build is over: its objects stay frozen until another build starts in this process."""
    global _BUILDS_ENDED
    _BUILDS_ENDED += 1


def thaw_after_a_build(*_args) -> None:
    """At a build's start: the objects of builds that ended in this process become collectable."""
    if _BUILDS_ENDED:
        thaw()


def thaw(*_args) -> None:
    """Frozen objects become collectable again."""
    gc.unfreeze()
