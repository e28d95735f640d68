"""collector.py: a build's objects stay frozen past its end, and are thawed when another build starts.

Frozen at the end, they are skipped by the interpreter's last collection
when `python -m pelican` exits; a process that builds again (autoreload)
must not keep the previous build's cycles forever.
"""

from __future__ import annotations

import gc

import pytest

from sangrah_lang import collector


@pytest.fixture(autouse=True)
def _fresh_collector(monkeypatch):
    monkeypatch.setattr(collector, "_BUILDS_ENDED", 0)
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_a_build_ends_with_what_it_froze_still_frozen():
    kept = [[index] for index in range(1000)]
    collector.thaw_after_a_build()  # the first build starts: nothing to thaw
    collector.freeze_what_exists()
    frozen = gc.get_freeze_count()
    assert frozen >= len(kept)
    collector.build_ended()
    assert gc.get_freeze_count() == frozen


def test_the_next_build_in_the_same_process_thaws_the_last_ones_objects():
    collector.freeze_what_exists()
    collector.build_ended()
    assert gc.get_freeze_count() > 0
    collector.thaw_after_a_build()
    assert gc.get_freeze_count() == 0
