"""Indicator catalogues: the built-in National Indicator Set and local catalogues.

A *catalogue* is a list of indicator codes sharing one prefix (``NI`` for England's National
Indicator Set, a council's own prefix such as ``CSC`` for its local indicators), each with a
title and the Every Child Matters outcomes it measures.

Codes compare ignoring case and spacing (``NI199`` = ``ni 199`` = ``NI 199``) and leading
zeros (``CSC 1`` = ``CSC 001``). A code may end in one lower-case letter naming a
sub-indicator (``NI 102a``). A lettered code that the catalogue lists is that sub-indicator;
an unlisted letter (``NI 102c``, a council's own split of the indicator) *resolves* to its
parent code (``NI 102``) rather than being unknown.

Examples
--------
>>> ni = national_indicators()
>>> ni.lookup("ni112").title
'Under 18 conception rate'
>>> entry, how = ni.resolve("NI 102c")
>>> entry.code, how
('NI 102', 'lettered sub-indicator of NI 102')
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..errors import CatalogueError
from ..loading.csvtext import as_shown

if TYPE_CHECKING:
    from ..model.frameworks import Framework
    from ..model.plan import Notice

__all__ = [
    "Catalogue",
    "CatalogueEntry",
    "as_shown",
    "code_prefix",
    "invisible_message",
    "leading_prefix",
    "load_catalogue_csv",
    "national_indicators",
    "normalise_code",
]

#: Title of the built-in catalogue, as used in messages ("not in the National Indicator Set").
NATIONAL_INDICATOR_SET_TITLE = "National Indicator Set"

# A code: a prefix of letters, optional separators, a number, an optional sub-indicator letter.
_CODE_RE = re.compile(r"^([A-Za-z]{1,6})[\s._-]*(\d{1,5})\s*([A-Za-z]?)$")
#: An indicator's code as a text prints it among other words (``NI 72``, ``NI72``, ``CSC 001``,
#: ``NI 102a``): the prefix in capitals, then its number (grouped: prefix, number).
CODE_IN_TEXT = r"([A-Z]{2,6}) ?(\d{1,4}[a-z]?)"
_OUTCOME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_CSV_COLUMNS = ("code", "title", "ecm_outcome", "outcomes", "parent", "title_verified")
_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0", ""}


@dataclass(frozen=True)
class CatalogueEntry:
    """One indicator of a catalogue.

    Parameters
    ----------
    code : str
        The canonical code, e.g. ``"NI 102a"`` or ``"CSC 001"`` (see :func:`normalise_code`).
    title : str
        The indicator's short title.
    outcomes : tuple of str
        Framework outcome ids the indicator measures (``be_healthy`` ...); ``()`` when none.
    parent : str or None, optional
        For a lettered sub-indicator, the canonical code it belongs to.
    title_verified : bool, optional
        ``False`` when the title's exact wording is approximate (the subject is right but the
        official wording may differ); comparisons of meaning are more lenient with such titles.

    Examples
    --------
    >>> CatalogueEntry("NI 112", "Under 18 conception rate", ("be_healthy",)).outcomes
    ('be_healthy',)
    """

    code: str
    title: str
    outcomes: tuple[str, ...] = ()
    parent: str | None = None
    title_verified: bool = True


def _split_code(code: str) -> tuple[str, str, str] | None:
    """Split a code into (PREFIX, digits, letter), or ``None`` when it is not code-shaped."""
    match = _CODE_RE.match(" ".join(code.split()))
    if match is None:
        return None
    letters, digits, letter = match.groups()
    return letters.upper(), digits, letter.lower()


def normalise_code(code: str) -> str:
    """Return the canonical spelling of an indicator code.

    The prefix is upper-cased and separated from the number by one space, a sub-indicator
    letter is lower-cased; digits are kept as written. A string that is not shaped like a
    code (an uncoded local measure) is returned stripped.

    Parameters
    ----------
    code : str
        A code as written in a plan, e.g. ``"NI199"`` or ``" ni  102A "``.

    Returns
    -------
    str
        The canonical code, e.g. ``"NI 199"`` or ``"NI 102a"``.

    Examples
    --------
    >>> normalise_code("ni199"), normalise_code(" NI  102A "), normalise_code("CSC001")
    ('NI 199', 'NI 102a', 'CSC 001')
    >>> normalise_code("  Obesity in year 6 ")
    'Obesity in year 6'
    """
    parts = _split_code(code)
    if parts is None:
        return code.strip()
    prefix, digits, letter = parts
    return f"{prefix} {digits}{letter}"


def code_prefix(code: str) -> str | None:
    """Return the catalogue prefix of a code, or ``None`` for an uncoded local measure.

    A prefix is the code's leading letters (one to six) followed by a number and at most one
    sub-indicator letter. A capitalised word followed by a number (``Year 6``, ``Tier 3``) is
    read as words, not as a code: prefixes of three letters or more are written in capitals
    (or, carelessly, in lower case).

    Parameters
    ----------
    code : str
        An indicator id as written.

    Returns
    -------
    str or None
        The upper-cased prefix (``"NI"``, ``"CSC"``), or ``None``.

    Examples
    --------
    >>> code_prefix("NI 102a"), code_prefix("csc001"), code_prefix("TELLUS-FE")
    ('NI', 'CSC', None)
    >>> code_prefix("Obesity in year 6") is None, code_prefix("Year 6") is None
    (True, True)
    """
    match = _CODE_RE.match(" ".join(code.split()))
    if match is None:
        return None
    letters = match.group(1)
    if len(letters) > 2 and not (letters.isupper() or letters.islower()):
        return None  # "Year 6", "Tier 3": a capitalised word, not a prefix
    return letters.upper()


_LEADING_PREFIX_RE = re.compile(r"^\s*([A-Za-z]{1,6})[\s._-]*\d")


def leading_prefix(text: str) -> str | None:
    """Return the prefix a text starts with when it starts as a code does (letters, then a
    number), whether or not the rest is a code: ``NI`` for ``NI 102ab`` or ``NI 19, 43``, which
    :func:`code_prefix` does not read as codes. A capitalised word (``Year 6``) is no prefix.

    >>> leading_prefix("NI 19, 43"), leading_prefix("NI 102ab"), leading_prefix("Year 6 obesity")
    ('NI', 'NI', None)
    """
    match = _LEADING_PREFIX_RE.match(text)
    if match is None:
        return None
    letters = match.group(1)
    if len(letters) > 2 and not (letters.isupper() or letters.islower()):
        return None
    return letters.upper()


def _key(code: str) -> tuple[str, int, str] | None:
    """Comparison key of a code: prefix, numeric value, letter (ignores case, spacing, zeros)."""
    parts = _split_code(code)
    if parts is None:
        return None
    prefix, digits, letter = parts
    return prefix, int(digits), letter


class Catalogue:
    """A catalogue of indicators sharing one code prefix.

    Parameters
    ----------
    prefix : str
        The code prefix, e.g. ``"NI"`` or ``"CSC"`` (compared case-insensitively).
    title : str
        A human title, e.g. ``"National Indicator Set"`` or ``"Richmond local indicators"``.
    entries : iterable of CatalogueEntry
        The indicators. Codes must carry the catalogue's prefix and be unique (ignoring case,
        spacing and leading zeros); entry codes are stored in canonical form.

    Raises
    ------
    CatalogueError
        (a ``ValueError``) If the prefix is not one to six letters, or an entry's code is not
        code-shaped, carries another prefix, or is listed twice, or its title is blank (spaces or
        invisible characters alone).

    Examples
    --------
    >>> entry = CatalogueEntry("CSC001", "Children referred to MARAC", ("stay_safe",))
    >>> cat = Catalogue("CSC", "Local indicators", [entry])
    >>> "csc 1" in cat, len(cat), cat.lookup("CSC 001").code
    (True, 1, 'CSC 001')
    """

    prefix: str
    title: str

    def __init__(self, prefix: str, title: str, entries: Iterable[CatalogueEntry]) -> None:
        from ..model.document import is_blank  # (here, not at the top: the model needs pydantic)

        clean_prefix = prefix.strip().upper()
        if not re.fullmatch(r"[A-Z]{1,6}", clean_prefix):
            raise CatalogueError(
                f"catalogue prefix {prefix!r} must be one to six letters, e.g. 'CSC'"
            )
        self.prefix = clean_prefix
        self.title = title
        self._entries: list[CatalogueEntry] = []
        self._by_key: dict[tuple[str, int, str], CatalogueEntry] = {}
        for index, entry in enumerate(entries):
            try:
                key = self._check(entry, title, is_blank)
            except CatalogueError as exc:
                exc.entry = index
                raise
            canonical = normalise_code(entry.code)
            parent = normalise_code(entry.parent) if entry.parent else None
            if canonical != entry.code or parent != entry.parent:
                entry = CatalogueEntry(
                    canonical, entry.title, tuple(entry.outcomes), parent, entry.title_verified
                )
            self._entries.append(entry)
            self._by_key[key] = entry

    def _check(
        self, entry: CatalogueEntry, title: str, is_blank: Callable[[str], bool]
    ) -> tuple[str, int, str]:
        """The key of an entry that can join the catalogue; raises :class:`CatalogueError` if it
        cannot."""
        key = _key(entry.code)
        if is_blank(entry.title):
            raise CatalogueError(
                f"the title of {entry.code!r} must not be blank (catalogue {title!r})"
            )
        if key is None:
            raise CatalogueError(
                f"{entry.code!r} is not an indicator code (expected e.g. '{self.prefix} 12')"
            )
        if key[0] != self.prefix:
            raise CatalogueError(
                f"{entry.code!r} does not belong to the {self.prefix} catalogue {title!r}"
            )
        if key in self._by_key:
            raise CatalogueError(f"{entry.code!r} is listed twice in catalogue {title!r}")
        return key

    def lookup(self, code: str) -> CatalogueEntry | None:
        """Return the entry listed under exactly this code (after normalisation), or ``None``.

        Parameters
        ----------
        code : str
            The code as written (``"NI199"``, ``"ni 102A"``).

        Returns
        -------
        CatalogueEntry or None
            The listed entry; an unlisted sub-indicator letter is *not* looked up to its parent
            (use :meth:`resolve` for that).

        Examples
        --------
        >>> ni = national_indicators()
        >>> ni.lookup("NI 102A").code, ni.lookup("NI 102c") is None
        ('NI 102a', True)
        """
        key = _key(code)
        return None if key is None else self._by_key.get(key)

    def resolve(self, code: str) -> tuple[CatalogueEntry | None, str]:
        """Return the entry a code means, and how it was found.

        Parameters
        ----------
        code : str
            The code as written.

        Returns
        -------
        entry : CatalogueEntry or None
            The listed entry; for an unlisted sub-indicator letter whose base code is listed,
            the base (parent) entry; ``None`` when the code is unknown.
        how : str
            ``"listed"``, ``"lettered sub-indicator of NI 102"``, or why the code is unknown
            (``"not in the National Indicator Set"``, ``"not a code of the National Indicator
            Set"`` for another prefix).

        Examples
        --------
        >>> ni = national_indicators()
        >>> ni.resolve("ni102a")[1], ni.resolve("NI 102c")[1], ni.resolve("NI 245")
        ('listed', 'lettered sub-indicator of NI 102', (None, 'not in the National Indicator Set'))
        """
        key = _key(code)
        title = self.title
        article = "" if title.lower().startswith("the ") else "the "
        if key is None or key[0] != self.prefix:
            return None, f"not a code of {article}{title}"
        entry = self._by_key.get(key)
        if entry is not None:
            return entry, "listed"
        if key[2]:
            base = self._by_key.get((key[0], key[1], ""))
            if base is not None:
                return base, f"lettered sub-indicator of {base.code}"
        return None, f"not in {article}{title}"

    @property
    def entries(self) -> tuple[CatalogueEntry, ...]:
        """All entries, in catalogue order."""
        return tuple(self._entries)

    def __contains__(self, code: object) -> bool:
        if isinstance(code, CatalogueEntry):
            code = code.code
        return isinstance(code, str) and self.lookup(code) is not None

    def __iter__(self) -> Iterator[CatalogueEntry]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Catalogue(prefix={self.prefix!r}, title={self.title!r}, entries={len(self)})"


def _outcome_ids(
    raw: str, where: str, code: str = "", framework: Framework | None = None
) -> tuple[str, ...]:
    """Parse a ``;``-separated outcome list; ``Be Healthy`` is read as ``be_healthy``. With a
    ``framework``, an outcome that is not one of its outcomes is an error naming the nearest one."""
    outcomes: list[str] = []
    for part in raw.split(";"):
        text = part.strip()
        if not text:
            continue
        ident = re.sub(r"[\s-]+", "_", text.lower())
        if not _OUTCOME_RE.match(ident):
            raise CatalogueError(
                f"{where}: outcome {text!r} is not an outcome id (e.g. 'be_healthy')"
            )
        if framework is not None and ident not in framework.ids:
            from ..loading.suggest import unknown_outcome
            from ..model.frameworks import outcome_id

            ident = outcome_id(
                text
            )  # (as a table prints it: "Healthy", "Make a positive contribution")
            if ident not in framework.ids:
                raise CatalogueError(
                    f"{where}: {unknown_outcome(code, text, framework.ids, framework.id)}"
                )
        if ident not in outcomes:
            outcomes.append(ident)
    return tuple(outcomes)


#: The largest catalogue CSV file read (the National Indicators are 30 kB): a larger file beside a
#: plan is refused before it is read, as a plan over ``--max-bytes`` is.
MAX_CATALOGUE_BYTES = 32 * 1024 * 1024


def _read_source(path_or_text: str | os.PathLike[str] | TextIO) -> tuple[str, str]:
    """Return (text, name for messages) of a CSV given as a path, CSV text or open file."""
    if isinstance(path_or_text, str) and ("\n" in path_or_text or "\r" in path_or_text):
        return path_or_text.lstrip("\ufeff"), "<catalogue CSV>"
    if isinstance(path_or_text, (str, os.PathLike)):
        path = Path(path_or_text)
        try:
            with path.open("rb") as fh:
                data = fh.read(MAX_CATALOGUE_BYTES + 1)
        except OSError as exc:
            raise CatalogueError(f"{path}: cannot read: {exc.strerror or exc}") from None
        except ValueError:  # (a character no path may hold: a NUL)
            raise CatalogueError(f"{str(path)!r} is not a path") from None
        if len(data) > MAX_CATALOGUE_BYTES:
            raise CatalogueError(
                f"{path}: over the {MAX_CATALOGUE_BYTES >> 20} MB limit of a catalogue file"
            )
        if b"\x00" in data[:8192]:
            raise CatalogueError(f"{path}: this is a binary file, not a CSV file")
        try:
            return data.decode("utf-8-sig"), str(path)
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise CatalogueError(
                f"{path}, line {line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); "
                "save it as 'CSV UTF-8'"
            ) from None
    text = path_or_text.read()
    return text.lstrip("\ufeff"), getattr(path_or_text, "name", "<catalogue CSV>")


def invisible_message(written: str) -> str:
    r"""What a notice says of a code (or id) read without the format characters it held (see
    :func:`as_shown`): the code as written, each character by its code point and name (a user
    cannot see it to remove it), and what was read.

    >>> print(invisible_message("NI\u200b72"))
    'NI\u200b72' holds an invisible character (U+200B ZERO WIDTH SPACE), left out: read as 'NI72'
    """
    chars = list(dict.fromkeys(c for c in written if unicodedata.category(c) == "Cf"))
    named = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'FORMAT CHARACTER')}" for c in chars)
    some = "an invisible character" if len(chars) == 1 else "invisible characters"
    return f"{written!r} holds {some} ({named}), left out: read as {as_shown(written)!r}"


def _shows_nothing(char: str) -> bool:
    """Whether a character shows nothing but space: whitespace, or a format character."""
    return char.isspace() or unicodedata.category(char) == "Cf"


def _trimmed(title: str) -> str:
    r"""A title cell without the spaces and format characters around it (see :func:`as_shown`);
    those inside are kept, as a title written in the plan keeps them (a soft hyphen is a place to
    break the line).

    >>> _trimmed("\u00a0Referrals\u00ad to MARAC\u200b ")
    'Referrals\xad to MARAC'
    """
    start, end = 0, len(title)
    while start < end and _shows_nothing(title[start]):
        start += 1
    while end > start and _shows_nothing(title[end - 1]):
        end -= 1
    return title[start:end]


def _invisible_codes(
    row: list[str], header: list[str], cells: dict[str, str], name: str, line: int
) -> list[Notice]:
    """A notice for each code of a CSV row (its ``code`` and ``parent``) read without invisible
    characters it held; spaces around it show, and are no news."""
    from ..model.plan import Location, Notice

    return [
        Notice.at(Location(name, line), invisible_message(row[i].strip()))
        for i, col in enumerate(header)
        if col in ("code", "parent") and i < len(row) and cells[col] != row[i].strip()
    ]


def load_catalogue_csv(
    path_or_text: str | os.PathLike[str] | TextIO,
    prefix: str,
    title: str,
    *,
    framework: Framework | None = None,
    notices: list[str] | None = None,
) -> Catalogue:
    """Read a catalogue from CSV.

    The columns are ``code,title,ecm_outcome`` and optionally ``parent`` and
    ``title_verified`` (``yes``/``no``), as in the built-in National Indicator file and the
    plan format's local catalogue CSV; ``outcomes`` is accepted for ``ecm_outcome``, and headers
    are read ignoring case and spacing (``ECM outcome``). Several outcomes are separated by ``;``;
    blank lines are skipped. Cells are read as they show: a code, an outcome or a header without
    its invisible characters (:func:`as_shown`), a title without those around it.

    Parameters
    ----------
    path_or_text : str, path-like or text file
        A path to the CSV file, the CSV text itself (a string containing a line break), or an
        open text file.
    prefix : str
        The catalogue's code prefix; every code must carry it.
    title : str
        The catalogue's title.
    framework : Framework, optional
        The plan's outcome framework: an entry's outcome
        that is not one of its outcomes is an error.
    notices : list, optional
        Where to add a :class:`~outcome_graph.Notice` (the file and line) for each code or
        ``parent`` read without the invisible characters it held (:func:`invisible_message`), as
        the loader does for a plan's own codes (a plan's catalogue file adds them to
        ``plan.notices``).

    Returns
    -------
    Catalogue

    Raises
    ------
    CatalogueError
        (a ``ValueError``) Naming the file and line, for a file that cannot be read or is not
        UTF-8 text, a missing or unknown column, a blank code or title (spaces or invisible
        characters alone), a code with another prefix, a repeated code, a bad outcome or
        ``title_verified`` value, or a ``parent`` that the catalogue does not list.

    Examples
    --------
    >>> text = "code,title,ecm_outcome\\nCSC 001,Children referred to MARAC,stay_safe\\n"
    >>> cat = load_catalogue_csv(text, "CSC", "Richmond local indicators")
    >>> cat.lookup("CSC1").outcomes
    ('stay_safe',)
    """
    from ..loading.csvtext import CsvProblem, csv_rows, header_key
    from ..model.document import is_blank

    text, name = _read_source(path_or_text)
    header: list[str] | None = None
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        numbered = list(csv_rows(text))
    except CsvProblem as exc:
        raise CatalogueError(f"{name}, line {exc.line}: {exc.message}") from None
    for line, row in numbered:
        if all(is_blank(cell) for cell in row):
            continue
        if header is None:
            # (case, spacing and invisible characters forgiven,
            # as a flat table's headers are: `ECM outcome`)
            header = [header_key(cell) for cell in row]
            unknown = [col for col in header if col not in _CSV_COLUMNS]
            if unknown:
                raise CatalogueError(
                    f"{name}, line {line}: unknown column(s) {', '.join(unknown)}; "
                    f"expected code,title,ecm_outcome[,parent][,title_verified]"
                )
            for required in ("code", "title"):
                if required not in header:
                    raise CatalogueError(
                        f"{name}, line {line}: the header has no {required!r} column"
                    )
            if len(set(header)) != len(header):
                raise CatalogueError(f"{name}, line {line}: a column is named twice")
            continue
        if len(row) > len(header):
            raise CatalogueError(
                f"{name}, line {line}: {len(row)} cells but the header names "
                f"{len(header)} columns (quote a title that contains a comma)"
            )
        cells = {
            col: ((_trimmed if col == "title" else as_shown)(row[i]) if i < len(row) else "")
            for i, col in enumerate(header)
        }
        if notices is not None:
            notices.extend(_invisible_codes(row, header, cells, name, line))
        rows.append((line, cells))
    if header is None:
        raise CatalogueError(
            f"{name}: the catalogue CSV is empty (expected a code,title,ecm_outcome header)"
        )

    want = prefix.strip().upper()
    entries: list[CatalogueEntry] = []
    seen: dict[tuple[str, int, str], int] = {}
    parents: list[tuple[int, str]] = []
    for line, cells in rows:
        where = f"{name}, line {line}"
        raw_code = cells["code"]
        if is_blank(raw_code):
            raise CatalogueError(f"{where}: the code must not be blank")
        key = _key(raw_code)
        if key is None:
            raise CatalogueError(
                f"{where}: {raw_code!r} is not an indicator code (expected e.g. '{want} 12')"
            )
        if key[0] != want:
            raise CatalogueError(
                f"{where}: {raw_code!r} does not have the catalogue's prefix {want}"
            )
        if key in seen:
            raise CatalogueError(f"{where}: {raw_code!r} is already listed on line {seen[key]}")
        seen[key] = line
        if is_blank(cells["title"]):
            raise CatalogueError(f"{where}: the title of {raw_code!r} must not be blank")
        entry_outcomes = _outcome_ids(
            cells.get("ecm_outcome", "") or cells.get("outcomes", ""),
            where,
            raw_code.strip(),
            framework,
        )
        parent = cells.get("parent", "") or None
        if parent is not None:
            pkey = _key(parent)
            if pkey is None or pkey[0] != want:
                raise CatalogueError(f"{where}: parent {parent!r} is not a {want} code")
            parents.append((line, parent))
        verified_raw = cells.get("title_verified", "").lower()
        if verified_raw not in _TRUE | _FALSE:
            raise CatalogueError(f"{where}: title_verified must be yes or no, not {verified_raw!r}")
        verified = verified_raw not in _FALSE - {""}
        entries.append(
            CatalogueEntry(
                normalise_code(raw_code),
                cells["title"],
                entry_outcomes,
                normalise_code(parent) if parent else None,
                verified,
            )
        )
    for line, parent in parents:
        pkey = _key(parent)
        if pkey not in seen:
            raise CatalogueError(
                f"{name}, line {line}: parent {parent!r} is not listed in the catalogue"
            )
    return Catalogue(want, title, entries)


@functools.cache
def national_indicators() -> Catalogue:
    """Return the built-in National Indicator Set (England, 2008-2010), read once and cached.

    Returns
    -------
    Catalogue
        Prefix ``NI``: NI 1 to NI 199 (NI 31 was withdrawn) and the lettered sub-indicators
        that published data uses (NI 102a/b, NI 157a/b/c).

    Examples
    --------
    >>> ni = national_indicators()
    >>> ni.prefix, len(ni) >= 198, "NI 31" in ni
    ('NI', True, False)
    """
    text = (resources.files("outcome_graph.reference") / "national_indicators.csv").read_text(
        encoding="utf-8-sig"
    )
    return load_catalogue_csv(text, "NI", NATIONAL_INDICATOR_SET_TITLE)
