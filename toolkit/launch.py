"""Where the course's repository lives, found at build time, and the launch links from it.

:func:`repository_url` is the one place the address comes from, in this order:

1. in GitHub Actions, the workflow's ``GITHUB_SERVER_URL`` and ``GITHUB_REPOSITORY``;
2. else ``git remote get-url origin``, when it names a repository on GitHub;
3. else ``repository.url`` in ``_config.yml`` (empty by default).

An address on a placeholder host (``example.org``, ``your-org``...) counts as unknown.

As a Sphinx extension (listed in ``_config.yml``) it sets the theme's repository and
launch options from that address before the build starts:

* no address known: no repository, issues or launch buttons at all, and exercise pages
  say how to run them on your own computer instead;
* Binder and Colab buttons only on pages that are notebooks (``.ipynb``): a chapter
  written in Markdown opens in neither as a notebook;
* a JupyterHub button only when ``launch_buttons.jupyterhub_url`` is set to a real hub.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

__all__ = ["github_repository", "repository_url"]

ROOT = Path(__file__).resolve().parents[1]

_GITHUB = re.compile(
    r"^(?:https://github\.com/|git@github\.com:|ssh://git@github\.com/)"
    r"(?P<owner>[A-Za-z0-9_.-]+)/(?P<name>[A-Za-z0-9_.-]+?)(?:\.git)?/?$"
)
_PLACEHOLDERS = re.compile(r"example\.(?:org|com|net)|your-org|your-name|\bOWNER\b", re.I)


def github_repository(remote: str) -> str | None:
    """``https://github.com/OWNER/NAME`` for a GitHub remote address, else None.

    >>> github_repository("git@github.com:someone/course.git")
    'https://github.com/someone/course'
    >>> github_repository("https://gitlab.com/someone/course") is None
    True
    """
    match = _GITHUB.match(remote.strip())
    if not match:
        return None
    return f"https://github.com/{match['owner']}/{match['name']}"


def _real(url: str | None) -> str | None:
    url = (url or "").strip().rstrip("/")
    if not url.startswith("https://") or _PLACEHOLDERS.search(url):
        return None
    return url


def repository_url(
    root: Path = ROOT, configured: str | None = None, environ: dict[str, str] | None = None
) -> str | None:
    """The course repository's address, or None when it is not known (see the module)."""
    env = os.environ if environ is None else environ
    server, repository = env.get("GITHUB_SERVER_URL"), env.get("GITHUB_REPOSITORY")
    if server and repository:
        return _real(f"{server.rstrip('/')}/{repository}")
    try:
        done = subprocess.run(
            ["git", "remote", "get-url", "origin"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        done = None
    if done is not None and done.returncode == 0:
        found = github_repository(done.stdout)
        if found:
            return found
    return _real(configured)


# --- the Sphinx extension ----------------------------------------------------------------

_LOCAL_NOTE = (
    '<div class="admonition note toolkit-run-locally"><p class="admonition-title">'
    "Run this exercise</p><p>Download the notebook (the download button at the top, "
    "<em>.ipynb</em>), or get the whole course folder, and on your own computer run "
    "<code>make venv</code> in that folder, then "
    "<code>.venv/bin/jupyter lab</code> and open the notebook from "
    "<code>exercises/</code>. Everything runs without a network.</p></div>"
)


def _configure(app: Any, config: Any) -> None:
    options = config.html_theme_options
    url = repository_url(Path(app.confdir), options.get("repository_url"))
    launch = dict(options.get("launch_buttons") or {})
    hub = _real(launch.get("jupyterhub_url"))
    if url:
        options["repository_url"] = url
        options["use_repository_button"] = True
        options["use_issues_button"] = True
        launch["jupyterhub_url"] = hub or ""
    else:
        options["repository_url"] = ""
        for key in ("use_repository_button", "use_issues_button", "use_edit_page_button"):
            options[key] = False
        for key in ("binderhub_url", "colab_url", "jupyterhub_url", "deepnote_url"):
            launch[key] = ""
    options["launch_buttons"] = launch
    app.config.toolkit_repository_url = url or ""


def _is_ipynb(app: Any, pagename: str) -> bool:
    if pagename not in app.env.all_docs:  # search, genindex: no source
        return False
    return Path(app.env.doc2path(pagename)).suffix == ".ipynb"


def _page(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any):
    buttons = context.get("header_buttons")
    notebook = _is_ipynb(app, pagename)
    if isinstance(buttons, list) and not notebook:
        buttons[:] = [b for b in buttons if b.get("label") != "launch-buttons"]
    if notebook and not app.config.toolkit_repository_url and isinstance(context.get("body"), str):
        context["body"] = _LOCAL_NOTE + context["body"]


def setup(app: Any) -> dict[str, Any]:
    """Sphinx extension: repository and launch options from :func:`repository_url`."""
    app.add_config_value("toolkit_repository_url", "", "html")
    app.connect("config-inited", _configure)
    # after sphinx-book-theme adds its launch buttons (priority 501)
    app.connect("html-page-context", _page, priority=502)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
