"""Rows of a CSV text with the line each starts on, a clear error for a broken quote, and cells and
headers read as they show and as they are matched.

Python's :mod:`csv` reader is lenient by default: a quoted cell that is never closed takes in
every line after it, so the rest of the file is silently lost into one cell. Read strictly, that
is an error, reported here at the line where the cell opens.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator

__all__ = ["CsvProblem", "as_shown", "csv_rows", "header_key"]


class CsvProblem(ValueError):
    """A CSV text that cannot be read: ``line`` (1-based) and ``message``."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"line {line}: {message}")
        self.message = message
        self.line = line


def csv_rows(text: str, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """(the line the row starts on, its cells) for each row of ``text``.

    >>> list(csv_rows('code,title\\nNI 1,"Two\\nlines"\\nNI 2,x\\n'))
    [(1, ['code', 'title']), (2, ['NI 1', 'Two\\nlines']), (4, ['NI 2', 'x'])]
    >>> list(csv_rows('code,title\\nNI 1,"never closed\\nNI 2,x\\n'))
    ... # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    outcome_graph.loading.csvtext.CsvProblem: line 2: a quoted cell opens here and is never closed
    (a missing ")
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "end of data" in str(exc):
                raise CsvProblem(
                    'a quoted cell opens here and is never closed (a missing ")', start
                ) from None
            if "field limit" in str(exc):
                # (most often a quote never closed in a long
                # file: the cell takes in every line after it)
                raise CsvProblem(
                    f"a cell of the row starting here holds over {csv.field_size_limit():,} "
                    'characters; is a quoted cell never closed (a missing ")?',
                    start,
                ) from None
            raise CsvProblem(
                f'{exc} (a quote inside a cell is written twice: "")', reader.line_num
            ) from None
        yield start, row
        start = reader.line_num + 1


def header_key(text: str) -> str:
    """A header as matched: lower case, runs of spaces, ``-`` and ``_`` as one ``_``, no outer
    space, and no format characters (a zero-width space or a byte order mark pasted from a web page
    with the header shows nothing, so the header reads as it shows).

    >>> header_key("  Lead  person "), header_key("Baseline.Value"), header_key("see-also")
    ('lead_person', 'baseline.value', 'see_also')
    >>> header_key("Key\u200b milestones\ufeff")
    'key_milestones'
    """
    key = re.sub(r"[\s_\-]+", "_", as_shown(str(text)).lower())
    key = re.sub(r"_?\._?", ".", key)
    return key.strip("_")


def as_shown(cell: str) -> str:
    r"""A code, outcome or ``title_verified`` cell of a catalogue CSV as it shows: without the
    format characters (Unicode category Cf: a zero-width space or joiner, a word joiner, a byte
    order mark, a soft hyphen) that a file saved by Excel or a code pasted from a web page holds,
    and without the spaces around it (a non-breaking one too). ``CSC\u200b001`` is then the code
    ``CSC 001`` the plan refers to, not "no indicator code" to a user who sees ``CSC 001``.

    >>> as_shown("\ufeff\u00a0CSC\u200b 001\u2060 ")
    'CSC 001'
    """
    if not cell.isascii():
        cell = "".join(c for c in cell if unicodedata.category(c) != "Cf")
    return cell.strip()
