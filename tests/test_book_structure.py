"""The book's sources teach as a course: checked from the Markdown, without building the site.

* Every content chapter has learning objectives (before its first section), key takeaways (at
  the end), an ``{exercise}`` with a worked ``{solution}`` in a dropdown, at least one citation,
  a pointer to an exercise notebook and at least one thing to do without a kernel (a
  ``{self-check}`` or an Altair chart with parameters).
* Every self-check is valid and its label unique; every citation names an entry of
  ``book/references.bib``; every entry is cited somewhere; the bibliography has at least 25
  entries, each with an author (or editor), a year and a title or description.
* The glossary has at least 20 terms; every term is linked from the text with ``{term}`` and
  every ``{term}`` link names a glossary term.
* ``_toc.yml`` lists only files that exist, and every chapter of ``book/`` is listed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
BIB = BOOK / "references.bib"

#: The teaching chapters (issue 6), in order, and the exercise notebook each points to.
CONTENT_CHAPTERS = {
    "what-is-a-partnership": "01-continuum",
    "big-ideas": "03-many-views",
    "mandatory-or-voluntary": "02-classify",
    "contract-or-trust": "04-trust-game",
    "complying-constraining-creating": "02-classify",
    "reading-the-numbers": "03-many-views",
    "stakeholders": "05-stakeholders",
    "failure-and-learning": "06-why-did-it-fail",
    "six-steps": "07-six-steps",
    "evaluation": "07-six-steps",
}
#: Chart builders whose charts carry Vega-Lite parameters (sliders): kernel-free interaction.
INTERACTIVE_CHARTS = ("heuristic_explorer(",)

CITE = re.compile(r"\{cite:[pt]\}`([^`]+)`")
TERM = re.compile(r"\{term\}`([^`]+)`")
DOC = re.compile(r"\{doc\}`(?:[^`<]*<)?([^`>]+)>?`")
CODE_SPAN = re.compile(r"``.+?``")
SELF_CHECK = re.compile(r"^```\{self-check\}\n(.*?)^```\s*$", re.M | re.S)


def chapter(name: str) -> str:
    return (BOOK / f"{name}.md").read_text(encoding="utf-8")


def all_markdown() -> dict[str, str]:
    """Every page of ``book/``, with ``code spans`` (examples of the syntax) removed."""
    return {
        p.stem: CODE_SPAN.sub("", p.read_text(encoding="utf-8")) for p in sorted(BOOK.glob("*.md"))
    }


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [entry["file"] for entry in part.get("chapters", [])]
    return files


def bib_entries() -> dict[str, dict[str, str]]:
    """Parse ``references.bib`` (flat fields, as the file is written) into key -> fields."""
    text = BIB.read_text(encoding="utf-8")
    entries: dict[str, dict[str, str]] = {}
    for match in re.finditer(r"^@(\w+)\{([^,\s]+),\n(.*?)^\}", text, re.M | re.S):
        kind, key, body = match.groups()
        assert key not in entries, f"duplicate bib key {key}"
        fields = dict(re.findall(r"^\s*(\w+)\s*=\s*\{(.*)\},?\s*$", body, re.M))
        fields["_type"] = kind.lower()
        entries[key] = fields
    return entries


def glossary_terms() -> list[str]:
    text = chapter("glossary")
    body = text.split(":::{glossary}", 1)[1].split("\n:::", 1)[0]
    return [line.strip() for line in body.splitlines() if line and not line[0].isspace()]


def term_target(link: str) -> str:
    inner = re.search(r"<([^>]+)>$", link)
    return (inner.group(1) if inner else link).strip().lower()


def test_content_chapters_are_in_the_toc_in_order() -> None:
    listed = [f.removeprefix("book/") for f in toc_files() if f.startswith("book/")]
    chapters = [name for name in listed if name in CONTENT_CHAPTERS]
    assert chapters == list(CONTENT_CHAPTERS)


def test_toc_lists_only_existing_files_and_every_chapter() -> None:
    files = toc_files()
    for entry in files:
        assert any((ROOT / f"{entry}{ext}").exists() for ext in (".md", ".ipynb")), entry
    listed = {f.removeprefix("book/") for f in files}
    for path in BOOK.glob("*.md"):
        assert path.stem in listed, f"book/{path.name} is not in _toc.yml"


@pytest.mark.parametrize("name", list(CONTENT_CHAPTERS))
def test_chapter_has_learning_objectives_first_and_takeaways_last(name: str) -> None:
    text = chapter(name)
    first_section = text.find("\n## ")
    objectives = text.find(":::{admonition} Learning objectives")
    assert 0 <= objectives < first_section, f"{name}: learning objectives must open the chapter"
    assert text[objectives:first_section].count("\n- ") >= 2, f"{name}: at least two objectives"
    takeaways = text.rfind(":::{admonition} Key takeaways")
    assert takeaways > 0, f"{name}: no key takeaways"
    assert takeaways > text.rfind(":::{exercise}"), f"{name}: takeaways must close the chapter"
    assert text[takeaways:].count("\n- ") >= 2


@pytest.mark.parametrize("name", list(CONTENT_CHAPTERS))
def test_chapter_has_an_exercise_with_a_dropdown_solution(name: str) -> None:
    text = chapter(name)
    labels = re.findall(r":::\{exercise\}\n:label: (\S+)", text)
    assert labels, f"{name}: no {{exercise}} with a :label:"
    for label in labels:
        solution = re.search(r":::\{solution\} " + re.escape(label) + r"\n:class: dropdown\n", text)
        assert solution, f"{name}: exercise {label} has no dropdown solution"
        body = text[solution.end() :].split("\n:::", 1)[0]
        assert len(body.split()) >= 40, f"{name}: the solution to {label} is not worked"


@pytest.mark.parametrize("name", list(CONTENT_CHAPTERS))
def test_chapter_cites_sources(name: str) -> None:
    assert CITE.search(chapter(name)), f"{name}: no citation"


@pytest.mark.parametrize(("name", "notebook"), list(CONTENT_CHAPTERS.items()))
def test_chapter_points_to_its_exercise_notebook(name: str, notebook: str) -> None:
    text = chapter(name)
    assert f"exercises/{notebook}" in text, f"{name}: no pointer to exercises/{notebook}"


@pytest.mark.parametrize("name", list(CONTENT_CHAPTERS))
def test_chapter_has_something_to_do_without_a_kernel(name: str) -> None:
    text = chapter(name)
    checks = SELF_CHECK.findall(text)
    assert checks or any(c in text for c in INTERACTIVE_CHARTS), f"{name}: nothing interactive"


def test_self_checks_are_valid_and_labels_unique() -> None:
    from toolkit.book import selfcheck_html

    labels: list[str] = []
    for name, text in all_markdown().items():
        for block in SELF_CHECK.findall(text):
            lines = block.splitlines()
            assert lines[0].startswith(":label: "), f"{name}: self-check without :label:"
            label = lines[0].removeprefix(":label: ").strip()
            labels.append(label)
            spec = yaml.safe_load("\n".join(lines[1:]))
            assert spec["question"].strip(), f"{name}/{label}: empty question"
            assert all(o.get("feedback") for o in spec["options"]), (
                f"{label}: option lacks feedback"
            )
            assert f'id="{label}"' in selfcheck_html(spec, ident=label)
    assert len(labels) == len(set(labels)), "duplicate self-check labels"
    assert len(labels) >= 2 * len(CONTENT_CHAPTERS) - 2


def test_bibliography_has_enough_complete_entries() -> None:
    entries = bib_entries()
    assert len(entries) >= 25
    for key, fields in entries.items():
        assert fields.get("author") or fields.get("editor"), f"{key}: no author or editor"
        year = fields.get("year", "")
        assert re.fullmatch(r"\d{4}|n\.d\.", year), f"{key}: year must be four digits or n.d."
        assert fields.get("title") or fields.get("note"), f"{key}: no title or description"


def test_existing_keys_are_kept() -> None:
    entries = bib_entries()
    for key in (
        "armistead2007partnerships",
        "himmelman1996",
        "himmelman2002",
        "wikipedia-collaborative-partnership",
        "pulidogomez2025",
        "oleary-bigideas",
        "roberts-strategy",
        "huxham2005managing",
        "gray1991collaborative",
        "sullivan2002working",
    ):
        assert key in entries


def test_every_citation_resolves_and_every_entry_is_cited() -> None:
    entries = set(bib_entries())
    cited: set[str] = set()
    for name, text in all_markdown().items():
        for group in CITE.findall(text):
            keys = {k.strip() for k in group.split(",")}
            assert keys <= entries, f"{name}: unknown citation {keys - entries}"
            cited |= keys
    assert entries - cited == set(), f"never cited: {sorted(entries - cited)}"
    assert ":all:" in chapter("references"), "the references page lists every entry"


def test_glossary_has_twenty_terms_all_linked() -> None:
    terms = glossary_terms()
    assert len(terms) >= 20
    assert len({t.lower() for t in terms}) == len(terms)
    linked: set[str] = set()
    for name, text in all_markdown().items():
        for link in TERM.findall(text):
            target = term_target(link)
            assert target in {t.lower() for t in terms}, f"{name}: no glossary term {target!r}"
            linked.add(target)
    unlinked = [t for t in terms if t.lower() not in linked]
    assert unlinked == [], f"glossary terms never linked from the text: {unlinked}"


def test_doc_links_name_existing_pages() -> None:
    for name, text in all_markdown().items():
        for target in DOC.findall(text):
            path = (BOOK / target).resolve()
            assert path.with_suffix(".md").exists() or path.with_suffix(".ipynb").exists(), (
                f"{name}: {{doc}} link to missing {target}"
            )


def test_questions_with_several_answers_are_worded_for_several() -> None:
    """A question that needs several ticks never reads "Which of these is one of..."."""
    several = 0
    for name, text in all_markdown().items():
        for block in SELF_CHECK.findall(text):
            lines = block.splitlines()
            spec = yaml.safe_load("\n".join(lines[1:]))
            if sum(bool(o.get("correct")) for o in spec["options"]) < 2:
                continue
            several += 1
            question = " ".join(spec["question"].lower().split())
            assert not re.search(r"\bone of\b", question), f"{name} {lines[0]}: {question}"
    assert several >= 3
