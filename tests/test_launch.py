"""The repository address for launch links: found at build time, never a placeholder."""

from __future__ import annotations

import subprocess
from pathlib import Path

from toolkit.launch import github_repository, repository_url


def git_repo(where: Path, remote: str | None) -> Path:
    subprocess.run(["git", "init", "-q", str(where)], check=True)
    if remote:
        subprocess.run(["git", "-C", str(where), "remote", "add", "origin", remote], check=True)
    return where


def test_actions_environment_comes_first(tmp_path: Path) -> None:
    env = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "someone/course"}
    repo = git_repo(tmp_path, "git@github.com:other/fork.git")
    assert (
        repository_url(repo, "https://github.com/x/y", env) == "https://github.com/someone/course"
    )


def test_git_remote_on_github_then_configuration(tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "a", "git@github.com:someone/course.git")
    assert repository_url(repo, None, {}) == "https://github.com/someone/course"
    elsewhere = git_repo(tmp_path / "b", "https://gitlab.com/someone/course.git")
    assert repository_url(elsewhere, "https://github.com/team/course", {}) == (
        "https://github.com/team/course"
    )
    assert repository_url(git_repo(tmp_path / "c", None), "", {}) is None


def test_placeholders_are_unknown(tmp_path: Path) -> None:
    repo = git_repo(tmp_path, None)
    assert (
        repository_url(repo, "https://github.com/your-org/collaborative-partnerships", {}) is None
    )
    assert repository_url(repo, "https://jupyterhub.example.org", {}) is None


def test_remote_forms() -> None:
    for remote in (
        "https://github.com/someone/course",
        "https://github.com/someone/course.git",
        "git@github.com:someone/course.git",
        "ssh://git@github.com/someone/course.git",
    ):
        assert github_repository(remote) == "https://github.com/someone/course", remote
    assert github_repository("/srv/git/course.git") is None


def test_notebooks_install_from_the_configured_repository() -> None:
    """The install cell (Colab) names the repository of _config.yml, never a placeholder."""
    import json
    import re

    import yaml

    root = Path(__file__).resolve().parents[1]
    configured = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    url = (configured.get("repository") or {}).get("url") or ""
    for notebook in sorted((root / "exercises").glob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        sources = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
        found = [re.findall(r'^REPOSITORY = "(.*)"$', s, re.M) for s in sources]
        assert [f for f in found if f] == [[url]], f"{notebook.name}: {found}"
        assert "example.org" not in "".join(sources) and "your-org" not in "".join(sources)


def test_build_options_follow_the_repository(tmp_path: Path, monkeypatch) -> None:
    """The Sphinx hook: buttons on with a known repository, hub only when configured."""
    from types import SimpleNamespace

    from toolkit import launch

    def configure(found: str | None, hub: str) -> dict:
        monkeypatch.setattr(launch, "repository_url", lambda *a, **k: found)
        config = SimpleNamespace(
            html_theme_options={
                "repository_url": "",
                "launch_buttons": {
                    "binderhub_url": "https://mybinder.org",
                    "colab_url": "https://colab.research.google.com",
                    "jupyterhub_url": hub,
                },
            }
        )
        app = SimpleNamespace(confdir=str(tmp_path), config=config)
        launch._configure(app, config)
        return config.html_theme_options

    known = configure("https://github.com/someone/course", "")
    assert known["repository_url"] == "https://github.com/someone/course"
    assert known["use_repository_button"] and known["launch_buttons"]["colab_url"]
    assert known["launch_buttons"]["jupyterhub_url"] == ""
    hub = configure("https://github.com/someone/course", "https://hub.university.edu")
    assert hub["launch_buttons"]["jupyterhub_url"] == "https://hub.university.edu"
    unknown = configure(None, "https://hub.university.edu")
    assert unknown["repository_url"] == "" and not unknown["use_repository_button"]
    assert not any(unknown["launch_buttons"][k] for k in ("binderhub_url", "colab_url"))
    assert unknown["launch_buttons"]["jupyterhub_url"] == ""
