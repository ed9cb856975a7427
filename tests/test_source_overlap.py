"""The course is written in its own words: no long run of words copied from a source unquoted.

Rule (issue 11): no run of ten or more consecutive words that a source also has may appear in
the learner-facing text unless it is marked as a quotation ("...", a block quote ``> ...`` or
a YAML ``quote:`` field) with a citation nearby. Checked text: every page of ``book/``, the
Markdown cells of the exercise notebooks and the data files learners read
(``toolkit/data/*.yaml`` and ``*.csv``; ``source`` fields are citations and are skipped).

The sources are the seed documents, kept outside the repository in ``../shared/seeds`` (beside
the clone; the folder can be pointed elsewhere with the environment variable
``COURSE_SOURCES``). This test is skipped only when that folder is absent, and says so.

How words are compared: lower case, accents and apostrophes dropped, British ``-ise``/``-isation``
spellings folded to ``-ize``/``-ization``, hyphenated words taken both joined and split. One
source (the encyclopedia article) is stored as content words only (no "the", "of", ...), so
for it the check runs on content words, and a run of seven content words (about ten words of
running text) counts as shared.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SOURCES = Path(os.environ.get("COURSE_SOURCES", ROOT.parent / "shared" / "seeds"))
#: Run length (words) that counts as copied.
RUN = 10
#: The same for a source stored without stop words (content words only).
RUN_CONTENT = 7

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself
    yourselves""".split()  # noqa: SIM905 (a word list reads better as text)
)

QUOTE = re.compile(r"“[^”]*”|\"[^\"]*\"")
CITE = re.compile(r"\{cite(?::[a-z]+)?\}`[^`]*`")
ROLE = re.compile(r"\{[a-z:-]+\}`([^`<]*)(?:<[^`]*>)?`")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
TAG = re.compile(r"<[^>]+>")
CODE_FENCE = re.compile(r"^(```+|:::+)\s*(\{code-cell\}|[a-z0-9_+-]+)?.*?^\1\s*$", re.M | re.S)
BREAK = " \x00 "
#: Proper names and named concepts a source also uses: naming is not copying prose.
NAMES = (
    "University of Massachusetts Boston",
    "UMass Boston",
    "College of Nursing and Health Sciences",
    "Dana-Farber/Harvard Cancer Center",
    # the names of the six big ideas, listed together in the course as in its source
    "co-production",
    "shared governance",
    "community engagement",
    "social impact measurement",
)
#: Keys of the data files whose values are citations (authors, titles, venues), not prose.
CITATION_KEYS = ("source",)
CITED = " \x01 "  # a citation: also ends a run of words


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"['’‘]", "", text)
    return re.sub(r"(?<=[a-z])is(e|es|ed|ing|ation|ations)\b", r"iz\1", text)


def _token_runs(text: str) -> list[list[str]]:
    """Runs of words (a run ends at a break marker), hyphenated words joined and split."""
    for name in NAMES:
        text = re.sub(r"\s+".join(map(re.escape, name.split())), BREAK, text, flags=re.I)
    out = []
    for part in re.split("[\x00\x01]", _fold(text)):
        for joiner in ("", " "):
            words = re.findall(r"[a-z0-9]+", re.sub(r"[-‐‑–]", joiner, part))
            if words:
                out.append(words)
    return out


def _shingles(runs: list[list[str]], n: int, content_only: bool) -> dict[tuple[str, ...], str]:
    found: dict[tuple[str, ...], str] = {}
    for words in runs:
        if content_only:
            words = [w for w in words if w not in STOPWORDS]
        for i in range(len(words) - n + 1):
            found.setdefault(tuple(words[i : i + n]), " ".join(words[i : i + n]))
    return found


def _source_sets() -> list[tuple[str, set[tuple[str, ...]], bool]]:
    assert any(SOURCES.glob("*.txt")), f"{SOURCES} holds no source texts (*.txt)"
    sets = []
    for path in sorted(SOURCES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        words = re.findall(r"[a-z]+", _fold(text))
        # A source stored as content words only has (almost) no stop words.
        content_only = sum(w in STOPWORDS for w in words) < 0.05 * max(len(words), 1)
        n = RUN_CONTENT if content_only else RUN
        sets.append((path.name, set(_shingles(_token_runs(text), n, content_only)), content_only))
    return sets


def _plain(text: str) -> str:
    """Markdown/MyST to prose: code removed, citations and quotations turned into breaks."""
    text = CODE_FENCE.sub(lambda m: BREAK if m.group(2) else m.group(0), text)
    text = CITE.sub(CITED, text)
    text = ROLE.sub(r"\1", text)
    text = re.sub(r"``[^`]*``|`[^`{}]*`(?!`)", BREAK, text)
    text = LINK.sub(r"\1", text)
    text = TAG.sub(BREAK, text)
    # Directive options, labels and targets are not prose.
    text = re.sub(r"^\s*:[a-z-]+:.*$|^\(.*\)=\s*$", BREAK, text, flags=re.M)
    return text


def _paragraphs(text: str) -> list[str]:
    """Paragraphs of a page; a block quote is joined to the line that follows it."""
    paras = re.split(r"\n\s*\n", text)
    merged: list[str] = []
    for para in paras:
        if merged and merged[-1].lstrip().startswith(">") and not para.lstrip().startswith(">"):
            merged[-1] += "\n" + para
        else:
            merged.append(para)
    return merged


def _unquote(para: str) -> tuple[str, list[str]]:
    """The paragraph without its quotations, and the quotations."""
    quotes = [q for q in QUOTE.findall(para)]
    lines = para.split("\n")
    quotes += [line for line in lines if line.lstrip().startswith(">")]
    rest = "\n".join(BREAK if line.lstrip().startswith(">") else line for line in lines)
    return QUOTE.sub(BREAK, rest), quotes


def _yaml_strings(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _yaml_strings(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _yaml_strings(value, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


def _units() -> list[tuple[str, str, bool]]:
    """(where, text, cited) for every paragraph or data string learners read."""
    units = []
    for page in sorted((ROOT / "book").glob("*.md")):
        if page.stem == "references":
            continue
        plain = _plain(page.read_text(encoding="utf-8"))
        for i, para in enumerate(_paragraphs(plain)):
            units.append((f"book/{page.name} paragraph {i + 1}", para, False))
    for notebook in sorted((ROOT / "exercises").glob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        for i, cell in enumerate(cells):
            if cell["cell_type"] == "markdown":
                plain = _plain("".join(cell["source"]))
                for j, para in enumerate(_paragraphs(plain)):
                    units.append(
                        (f"exercises/{notebook.name} cell {i} paragraph {j + 1}", para, False)
                    )
    for data in sorted((ROOT / "toolkit" / "data").glob("*.yaml")):
        doc = yaml.safe_load(data.read_text(encoding="utf-8"))
        for where, text in _yaml_strings(doc):
            key = re.sub(r"\[\d+\]$", "", where.rsplit(".", 1)[-1])
            if key in CITATION_KEYS:
                continue
            quoted = key.startswith("quote")
            units.append((f"toolkit/data/{data.name} {where}", text, quoted))
    for data in sorted((ROOT / "toolkit" / "data").glob("*.csv")):
        for i, line in enumerate(data.read_text(encoding="utf-8").splitlines()):
            units.append((f"toolkit/data/{data.name} line {i + 1}", line, False))
    return units


pytestmark = pytest.mark.skipif(
    not SOURCES.is_dir(),
    reason=f"the course's source texts are not beside the clone ({SOURCES} is absent): "
    "set COURSE_SOURCES to the folder of seed documents to run this check",
)


def _shared_runs(text: str, sources) -> list[str]:
    hits = []
    runs = _token_runs(text)
    for name, shingles, content_only in sources:
        n = RUN_CONTENT if content_only else RUN
        for key, words in _shingles(runs, n, content_only).items():
            if key in shingles:
                hits.append(f"{name}: {words}")
    return hits


def test_no_unquoted_run_shared_with_a_source():
    sources = _source_sets()
    problems = []
    for where, text, quoted in _units():
        if quoted:
            continue
        prose, _quotes = _unquote(text)
        for hit in _shared_runs(prose, sources):
            problems.append(f"{where}: {hit}")
    assert not problems, "Unquoted runs shared with a source:\n" + "\n".join(problems)


def test_quotations_of_a_source_are_cited():
    """A quotation that copies a source needs its citation in the same paragraph (or entry)."""
    sources = _source_sets()
    problems = []
    for where, text, _quoted in _units():
        if not where.startswith(("book/", "exercises/")):
            continue
        _prose, quotes = _unquote(text)
        copied = [q for q in quotes if _shared_runs(q, sources)]
        if copied and CITED not in text:
            problems.append(f"{where}: {copied[0][:80]}")
    assert not problems, "Quotations without a citation:\n" + "\n".join(problems)


def test_the_checker_finds_a_copied_run_and_ignores_a_quoted_one():
    sources = _source_sets()
    copied = (
        "Partnership working is hard, and there has been little progress towards a general "
        "theory of collaboration, they say."
    )
    assert _shared_runs(copied, sources)
    prose, quotes = _unquote(
        'They write that "there has been little progress towards a general theory of '
        'collaboration" since then.'
    )
    assert not _shared_runs(prose, sources) and _shared_runs(quotes[0], sources)
