"""Fixtures for the search tests (helpers in tests/search/node_harness.py)."""

from __future__ import annotations

import pytest

from tests.search.node_harness import NodeDriver


@pytest.fixture(scope="session")
def js():
    """sangrah-lang.js under node, one process for the whole session."""
    driver = NodeDriver("lang_driver.js")
    yield driver
    driver.close()
