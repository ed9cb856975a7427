"""Shared test helpers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def run_cli():
    """Run ``python -m toolkit ARGS`` in a subprocess; return the CompletedProcess."""

    def run(*args: str, cwd: Path | None = None, input: str | None = None):
        return subprocess.run(
            [sys.executable, "-m", "toolkit", *map(str, args)],
            capture_output=True,
            text=True,
            cwd=cwd or ROOT,
            input=input,
            timeout=120,
        )

    return run
