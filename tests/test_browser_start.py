"""toolkit.browser: what ``import toolkit`` does in Pyodide (checked for real under Node in
tests/browser/test_lite.py); here the path handling, with dateutil 2.9's search list."""

from __future__ import annotations

import os

import tzdata
from dateutil.tz import tz

from toolkit import browser


def test_tzdata_folder_goes_first_once(monkeypatch) -> None:
    searched = ["/usr/share/zoneinfo", "/usr/lib/zoneinfo"]
    monkeypatch.setattr(tz, "TZPATHS", searched, raising=False)
    folder = browser.point_dateutil_at_tzdata()
    assert folder == os.path.join(os.path.dirname(tzdata.__file__), "zoneinfo")
    assert os.path.isfile(os.path.join(folder, "UTC"))
    assert searched == [folder, "/usr/share/zoneinfo", "/usr/lib/zoneinfo"]
    assert browser.point_dateutil_at_tzdata() == folder
    assert searched.count(folder) == 1


def test_nothing_changes_where_dateutil_keeps_no_search_list(monkeypatch) -> None:
    monkeypatch.delattr(tz, "TZPATHS", raising=False)
    assert browser.point_dateutil_at_tzdata() is None


def test_only_the_browser_prepares() -> None:
    assert browser.IN_BROWSER is False  # the host running these tests is not Pyodide
