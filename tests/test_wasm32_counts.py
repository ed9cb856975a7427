"""Scoring and network measures on a platform whose native integer is 32 bits (WebAssembly).

In the browser (JupyterLite, Pyodide) ``np.intp`` is ``int32`` and ``np.bincount`` refuses
``int64`` input ("Cannot cast array data from dtype('int64') to dtype('int32') according to
the rule 'safe'"). These tests run the real scoring with a numpy whose ``intp`` and
``bincount`` behave as they do there, and with ``np.int32`` group codes, and compare every
result with the ordinary 64-bit run.
"""

from __future__ import annotations

import types

import numpy as np
import pandas as pd
import pytest

import toolkit.classification as classification
import toolkit.classification.scoring as scoring
import toolkit.classification.summary as summary_module
import toolkit.counts as counts
import toolkit.stakeholders as stakeholders
import toolkit.stakeholders.network as network


def _wasm32_numpy() -> types.ModuleType:
    """numpy as seen on wasm32: ``intp`` is int32 and ``bincount`` only takes what casts to it."""
    fake = types.ModuleType("numpy_wasm32")
    fake.__getattr__ = lambda name: getattr(np, name)  # type: ignore[method-assign]

    def bincount(x, weights=None, minlength=0):
        x = np.asarray(x)
        if not np.can_cast(x.dtype, np.int32, "safe"):
            raise TypeError(
                f"Cannot cast array data from dtype('{x.dtype}') to dtype('int32') "
                "according to the rule 'safe'"
            )
        return np.bincount(x.astype(np.int32), weights=weights, minlength=minlength)

    fake.bincount = bincount
    fake.intp = np.int32
    return fake


def test_the_fake_platform_rejects_int64_like_webassembly():
    with pytest.raises(TypeError, match="int64"):
        _wasm32_numpy().bincount(np.array([0, 1], dtype=np.int64))


def _int32_factorize(real):
    def factorize(*args, **kwargs):
        codes, uniques = real(*args, **kwargs)
        return codes.astype(np.int32), uniques

    return factorize


def test_scoring_and_summaries_run_with_int32_codes(monkeypatch):
    answers = classification.example_responses()
    expected_scored = classification.score_responses(answers)
    expected_summary = classification.summarize_partnerships(expected_scored)
    expected_orgs = classification.summarize_organizations(expected_scored)

    for module in (counts, scoring, summary_module):
        monkeypatch.setattr(module, "np", _wasm32_numpy())
    monkeypatch.setattr(pd, "factorize", _int32_factorize(pd.factorize))
    scored = classification.score_responses(answers)
    summary = classification.summarize_partnerships(scored)
    orgs = classification.summarize_organizations(scored)

    pd.testing.assert_frame_equal(scored, expected_scored)
    pd.testing.assert_frame_equal(summary, expected_summary)
    pd.testing.assert_frame_equal(orgs, expected_orgs)
    assert summary["respondents"].sum() > 0


def test_measurement_runs_with_int32_codes(monkeypatch):
    """Exercise 3 classifies the example (intervals, reliability) on the 32-bit platform."""
    import toolkit.classification.measurement.intervals as intervals
    import toolkit.classification.measurement.reliability as reliability

    answers = classification.example_responses()
    expected = classification.classify(answers)
    for module in (counts, scoring, summary_module, intervals, reliability):
        monkeypatch.setattr(module, "np", _wasm32_numpy())
    monkeypatch.setattr(pd, "factorize", _int32_factorize(pd.factorize))
    result = classification.classify(answers)
    assert result.reliability is not None
    assert result.to_dict() == expected.to_dict()


def test_network_measures_run_on_the_32_bit_platform(monkeypatch):
    register = stakeholders.example_register()
    relationships = stakeholders.example_relationships()
    expected = stakeholders.network_measures(register, relationships)

    for module in (counts, network):
        monkeypatch.setattr(module, "np", _wasm32_numpy())
    got = stakeholders.network_measures(register, relationships)

    pd.testing.assert_frame_equal(got, expected)


def test_every_count_goes_through_the_one_helper():
    """No module calls np.bincount itself: toolkit.counts.bincount casts for every platform."""
    from pathlib import Path

    package = Path(counts.__file__).parent
    callers = [
        str(path.relative_to(package))
        for path in sorted(package.rglob("*.py"))
        if path.name != "counts.py" and "np.bincount(" in path.read_text(encoding="utf-8")
    ]
    assert callers == []
