"""Rows of a CSV text with the line each starts on, a clear error for a broken quote, and headers
read as they are matched.

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

__all__ = ["CsvProblem", "csv_rows", "header_key"]


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
    Traceback (most recent call last):
    ...
    outcome_graph.loading.csvtext.CsvProblem: line 2: a quoted cell opens here and is never closed (a missing ")
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
                raise CsvProblem('a quoted cell opens here and is never closed (a missing ")', start) from None
            if "field limit" in str(exc):
                # (most often a quote never closed in a long file: the cell takes in every line after it)
                raise CsvProblem(f"a cell of the row starting here holds over {csv.field_size_limit():,} characters; "
                                 'is a quoted cell never closed (a missing ")?', start) from None
            raise CsvProblem(f"{exc} (a quote inside a cell is written twice: \"\")", reader.line_num) from None
        yield start, row
        start = reader.line_num + 1


def header_key(text: str) -> str:
    """A header as matched: lower case, runs of spaces, ``-`` and ``_`` as one ``_``, no outer space,
    and no format characters (a zero-width space or a byte order mark pasted from a web page with
    the header shows nothing, so the header reads as it shows).

    >>> header_key("  Lead  person "), header_key("Baseline.Value"), header_key("see-also")
    ('lead_person', 'baseline.value', 'see_also')
    >>> header_key("Key\u200b milestones\ufeff")
    'key_milestones'
    """
    text = str(text)
    if not text.isascii():
        text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    key = re.sub(r"[\s_\-]+", "_", text.strip().lower())
    key = re.sub(r"_?\._?", ".", key)
    return key.strip("_")
