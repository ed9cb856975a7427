"""The one error type for bad input, with a message that says where and what.

Every reader and validator in the toolkit raises :class:`InputError`. Its
message names the file, the line, the column, the value found and what is
allowed, so that a facilitator can fix the file without reading a traceback;
the command line prints it on one line and exits with status 2.

Examples
--------
>>> err = InputError("answer out of range", file="answers.csv", line=7,
...                  column="MV03", value=9, allowed="a whole number from 1 to 5")
>>> print(err)
answers.csv, line 7, column 'MV03': answer out of range: got 9; allowed: a whole number from 1 to 5
>>> print(InputError("the file is empty", file="answers.csv"))
answers.csv: the file is empty
"""

from __future__ import annotations

from typing import Any

__all__ = ["InputError", "InputWarning", "csv_line"]

_UNSET: Any = object()


def csv_line(row_position: int) -> int:
    """Return the line number, in a CSV file with one header line, of data row ``row_position``.

    ``row_position`` counts data rows from 0, so the first data row is on line 2.

    >>> csv_line(0)
    2
    """
    return int(row_position) + 2


class InputWarning(UserWarning):
    """Input that was read, but not exactly as written: the message says what was done.

    For example a CSV whose every row ends with an extra comma, a file read as
    Windows-1252, or two partnership names that differ only in case. The
    command line prints each one on standard error as ``warning: ...``.
    """


class InputError(ValueError):
    """Bad input, described well enough to fix it.

    Parameters
    ----------
    problem : str
        What is wrong, in a few words ("answer out of range").
    file, line, column : optional
        Where it is. ``line`` is the line number a person sees in an editor
        (for a CSV with one header line, data row ``i`` is on line ``i + 2``;
        see :func:`csv_line`). For a YAML file a field path may be given as
        ``column``.
    value : optional
        The value found. Omitted from the message when not given.
    allowed : str, optional
        What would have been accepted.
    """

    def __init__(
        self,
        problem: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: str | None = None,
        value: Any = _UNSET,
        allowed: str | None = None,
    ) -> None:
        self.problem = problem
        self.file = None if file is None else str(file)
        self.line = line
        self.column = column
        self.value = value if value is not _UNSET else None
        self.has_value = value is not _UNSET
        self.allowed = allowed
        super().__init__(self._message())

    def _message(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        text = self.problem
        if self.has_value:
            text += f": got {_show(self.value)}"
        if self.allowed:
            text += f"; allowed: {self.allowed}"
        text = text.replace("\n", " ")
        return f"{', '.join(where)}: {text}" if where else text

    def located(self, *, file: str | None = None) -> InputError:
        """Return a copy of this error that names ``file`` (when it named none)."""
        if self.file or file is None:
            return self
        return self.with_file(file)

    def with_file(self, file: str, *, problem: str | None = None) -> InputError:
        """A copy of this error naming ``file`` (and saying ``problem`` if given), the rest kept."""
        kwargs: dict[str, Any] = {
            "file": file,
            "line": self.line,
            "column": self.column,
            "allowed": self.allowed,
        }
        if self.has_value:
            kwargs["value"] = self.value
        return InputError(self.problem if problem is None else problem, **kwargs)


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 80 else text[:77] + "..."
