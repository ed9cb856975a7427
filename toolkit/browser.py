"""What the toolkit does differently when it runs in the browser (Pyodide, in JupyterLite).

Only :func:`prepare` runs there, once, when :mod:`toolkit` is imported; elsewhere nothing here
is used.
"""

from __future__ import annotations

import os
import sys

IN_BROWSER = sys.platform == "emscripten"


def prepare() -> None:
    """Make the in-browser start cheaper; called by ``import toolkit`` under Pyodide."""
    point_dateutil_at_tzdata()


def point_dateutil_at_tzdata() -> str | None:
    """Let dateutil read one time zone's file instead of its whole bundled archive.

    pandas asks ``dateutil.tz.gettz("UTC")`` while it is imported. The browser has no system
    time-zone files, so python-dateutil 2.9 then unpacks its bundled tarball and parses every
    one of its 350-odd zones: 1.1 s of each start, measured in Pyodide under Node (the
    benchmark ``benchmarks/lite.py`` times the whole start). The tzdata package, which pandas
    requires on WebAssembly and the in-browser copy ships, holds the same IANA files one by
    one: putting its folder first in dateutil's search path makes each lookup read one file.
    Returns the folder added, or None where dateutil keeps no such path (newer releases search
    tzdata themselves) or tzdata is missing.
    """
    try:
        import tzdata
        from dateutil.tz import tz
    except ImportError:
        return None
    paths = getattr(tz, "TZPATHS", None)
    if not isinstance(paths, list):
        return None
    folder = os.path.join(os.path.dirname(tzdata.__file__), "zoneinfo")
    if not os.path.isdir(folder):
        return None
    if folder not in paths:
        paths.insert(0, folder)
    return folder
