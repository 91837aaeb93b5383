"""Shared fixtures: the seed documents."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Tests keep parsed-dictionary caches to themselves, not in the user's ~/.cache.
os.environ.setdefault("CLEANER_CACHE_DIR", tempfile.mkdtemp(prefix="cleaner-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def seed_text(prefix: str) -> str:
    """The seed whose file name starts with ``prefix`` (e.g. ``"000"``)."""
    [path] = [p for p in SEEDS if p.name.startswith(prefix)]
    return path.read_text(encoding="utf-8")


@pytest.fixture(params=SEEDS, ids=lambda p: p.name[:3])
def seed(request: pytest.FixtureRequest) -> str:
    return request.param.read_text(encoding="utf-8")
