"""Load a plan file (YAML or JSON) into a :class:`~outcome_graph.model.plan.Plan`.

Pipeline: read bytes (size-limited) -> decode UTF-8 -> parse keeping positions
(:mod:`.tree`) -> validate the shape with the pydantic models (:mod:`..model.document`), turning
every validation error into a :class:`~outcome_graph.errors.Problem` with file, line and column
(:mod:`.validation`) -> flatten nested and flat forms into :class:`Plan` (parents, file order,
implicit indicators: :mod:`.flatten`).

Loading never fails for problems a rule can report (orphans, broken references, cycles). It fails,
with every problem listed, when the file is not a plan: bad syntax, a wrong ``format``, a missing
required field, an unknown field (with the nearest valid one), a value of the wrong type, an
impossible date, a duplicate id.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import ValidationError

from ..errors import PlanError, Problem, UsageError, shown_name
from ..forking import ChildFailed, Forked, auto_allowed, can_fork, check_jobs
from ..model.document import (
    FORMAT_ID,
    PlanDocument,
    invisible_ids,
)
from ..model.plan import Location, Notice, Plan
from ..paths import missing_reason, text_name
from .flatten import build_plan
from .tree import (
    LocMap,
    NotPlain,
    Positions,
    fast_document,
    gc_paused,
    parse_text,
    plain_yaml,
)
from .validation import _raw_problems, _validation_problems, worded

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..forking import Jobs

__all__ = ["load", "load_text", "load_path", "DEFAULT_MAX_BYTES", "document_to_plan", "worded"]

#: Largest plan file read by default (32 MB); ``max_bytes`` changes it.
DEFAULT_MAX_BYTES = 32 * 1024 * 1024


class Readable(Protocol):
    """An open file, binary or text, as :func:`load` reads one: ``open(path, "rb")``, an
    uploaded file's stream, :class:`io.BytesIO`, :class:`io.StringIO`, ``sys.stdin``."""

    def read(self, size: int = ..., /) -> bytes | str: ...


def read_limited(fh: Any, limit: int) -> bytes:
    """Up to ``limit + 1`` bytes of the binary file ``fh``, read in pieces: ``read(limit + 1)``
    sets aside the whole limit first, so a limit far beyond the input (``--max-bytes
    100000000000000000000``) ran out of memory, or overflowed, on a file of a few kilobytes."""
    pieces: list[bytes] = []
    left = limit + 1
    while left > 0:
        asked = min(left, 1 << 23)
        piece = fh.read(asked)
        if piece:
            pieces.append(piece)
            left -= len(piece)
        if len(piece) < asked:
            break  # (the end: a terminal's Ctrl-D ends the input once, so it is not read again)
    return pieces[0] if len(pieces) == 1 else b"".join(pieces)


def load(
    source: str | os.PathLike[str] | bytes | bytearray | Mapping[str, Any] | Readable,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    period: str | None = None,
    jobs: Jobs = 1,
    name: str | None = None,
) -> Plan:
    """Load a plan from a path, from the text of a plan, from an open file, or from its data.

    A :class:`os.PathLike` is always a path; a ``str`` is text when it contains a line break (LF
    or CR) or starts with ``{`` (or is blank: an empty plan), otherwise a path; ``bytes`` are the
    file's content; an object with a ``read()`` method is an open file, binary or text (an upload's
    stream), read to its end; a mapping is the plan's data (:func:`load_data`). Spreadsheets
    (``.xlsx``, a ``.csv`` file, a folder of CSV files) load too where the spreadsheet support is
    installed: a workbook's content is told by itself, a CSV file's by a ``name`` ending in
    ``.csv``. A text that opens as JSON does (``{"format": ...``) is JSON, a slip in it (a trailing
    comma) an error at its line and column; one opening ``{format: ...`` is a YAML flow mapping; a
    ``name`` ending in ``.json``, ``.yaml`` or ``.yml`` says which a text is.

    Parameters
    ----------
    source : str, PathLike, bytes, open file or mapping
        The plan file, its text or content, an open file holding it, or its data.
    max_bytes : int
        Refuse files larger than this (default 32 MB).
    period : str, optional
        ``START..END`` for a flat spreadsheet without a ``plan`` sheet.
    jobs : int or "auto", default 1
        More than 1 lets a forked child find where a large YAML or JSON plan's nodes are written
        while this process validates it (see :mod:`outcome_graph.forking`); ``"auto"`` does so
        for files of 1 MB or more, on Linux. The plan is the same either way.
    name : str, optional
        The file name that problems and findings give for a plan that is not loaded from its path
        (text, bytes, an open file, data): an upload's file name. By default an open file of the
        file system gives its own (``open(path, "rb")``); text, bytes and data none: their
        ``Plan.file`` and findings' file are ``None`` (messages say ``<plan>``), so that JSON and
        SARIF never name a file that is not there. Only a name: nothing is read from it. Such a
        plan has no folder (a catalogue's ``entries`` file is refused), but for an open file of
        the file system given no other name, whose folder is its own.

    Raises
    ------
    PlanError
        The file cannot be read or does not follow the format; every problem is listed, each with
        file, line and column.
    TypeError
        ``source``, ``max_bytes``, ``period`` or ``name`` is of a type it cannot be (a number as
        the path).
    UsageError
        ``name`` given with a path (the path names the plan; a file opened from it takes a name:
        ``load(open(saved_upload, "rb"), name=upload_filename)``).

    Examples
    --------
    >>> plan = load('''
    ... format: outcome-graph/v1
    ... plan: {id: demo, period: {start: 2011-04-01, end: 2012-03-31}}
    ... priorities:
    ...   - id: P1
    ...     title: Excellent schools
    ... ''')
    >>> plan.id, list(plan.nodes)
    ('demo', ['P1'])
    >>> import io
    >>> load(io.BytesIO(b"format: outcome-graph/v1\\nplan: {id: demo}\\n"), name="upload.yaml")
    ... # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    outcome_graph.errors.PlanError: upload.yaml:2:1: the plan is missing the required field
    'period': add period: {start: 2011-04-01, end: 2012-03-31}
    """
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int):
        raise TypeError(
            f"load() takes max_bytes as a whole number of bytes, not {type(max_bytes).__name__}"
        )
    if max_bytes < 1:
        raise UsageError(f"load() takes max_bytes of 1 or more, not {max_bytes}")
    if period is not None and not isinstance(period, str):
        raise TypeError(
            "load() takes period as text, START..END (2011-04-01..2012-03-31), "
            f"not {type(period).__name__}"
        )
    if name is not None and not isinstance(name, str):
        raise TypeError(
            "load() takes name as text, the file name to give in messages, "
            f"not {type(name).__name__}"
        )
    if isinstance(source, str) and (
        "\n" in source or "\r" in source or source.lstrip().startswith("{") or not source.strip()
    ):
        if name is None or not name.lower().endswith(".csv"):
            return load_text(
                source, file=name, max_bytes=max_bytes, jobs=jobs
            )  # (a blank text is an empty plan)
        return _load_content(source.encode("utf-8", "surrogatepass"), name, max_bytes, period, jobs)
    if isinstance(source, (bytes, bytearray)):
        return _load_content(bytes(source), name, max_bytes, period, jobs)
    if isinstance(source, Mapping):
        return load_data(source, name=name)
    if not isinstance(source, (str, os.PathLike)):
        if callable(getattr(source, "read", None)):
            # A file of the file system is the plan it holds, in its folder, as from its path; named
            # otherwise (an upload saved to a temporary file), it is an upload, with no folder.
            own = _own_name(source)
            return _load_content(
                _read_open_file(source, max_bytes, name),
                name or own,
                max_bytes,
                period,
                jobs,
                base_dir=str(Path(own).parent) if own and name is None else None,
            )
        raise TypeError(
            f"load() takes a path, the text or bytes of a plan, an open file, or its data as a "
            f"mapping; not {type(source).__name__}"
        )
    if name is not None:
        raise UsageError(
            f"load() takes name for a plan given as text, bytes, an open file or data; the path "
            f"{os.fspath(source)!r} names its own plan (to name it otherwise, give it open: "
            f"load(open(path, 'rb'), name=...))"
        )
    return load_path(source, max_bytes=max_bytes, period=period, jobs=jobs)


def _load_content(
    data: bytes,
    name: str | None,
    max_bytes: int,
    period: str | None,
    jobs: Jobs,
    *,
    base_dir: str | None = None,
) -> Plan:
    """A plan from a file's content (bytes, an upload): a workbook (an .xlsx, told by its content)
    or a CSV file (by the ``.csv`` of its name) as from its path, anything else as YAML or JSON.
    ``base_dir`` is the plan's folder, where it has one (a catalogue's entries file is read
    there)."""
    is_csv = name is not None and name.lower().endswith(".csv")
    if is_csv or (
        data.startswith(ZIP_MAGIC) and document_kind(data, name) is None and _is_workbook(data)
    ):
        try:
            from .spreadsheet import load_spreadsheet_bytes
        except ImportError:  # pragma: no cover - spreadsheet support not present
            raise PlanError(
                [Problem("is a spreadsheet; spreadsheet plans are not supported here", file=name)]
            ) from None
        return load_spreadsheet_bytes(
            data, name=name, csv=is_csv, max_bytes=max_bytes, period=period, base_dir=base_dir
        )
    return load_bytes(data, file=name, max_bytes=max_bytes, jobs=jobs, base_dir=base_dir)


def _is_workbook(data: bytes) -> bool:
    """Whether a zip file's content is an Excel workbook (has ``xl/workbook.xml``)."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except Exception:  # (a damaged archive: reported as not a plan by load_bytes)  # noqa: BLE001
        return False


def _own_name(stream: object) -> str | None:
    """The name of a file of the file system opened with :func:`open`; ``None`` for anything else
    (an upload's ``name`` may be its form field's, and an open descriptor's is a number)."""
    import io

    own = getattr(stream, "name", None)
    return own if isinstance(stream, io.IOBase) and isinstance(own, str) else None


def _read_open_file(stream: Readable, max_bytes: int, name: str | None) -> bytes:
    """The content of an open file, binary or text (text encoded as UTF-8), read in pieces up to
    one byte past ``max_bytes`` (a larger file is refused by :func:`load_bytes`)."""
    file = name or _own_name(stream)
    pieces: list[bytes] = []
    left = max_bytes + 1
    try:
        while left > 0:
            asked = min(left, 1 << 23)
            piece = stream.read(asked)
            if isinstance(piece, str):
                piece = piece.encode("utf-8", "surrogatepass")
            elif not isinstance(piece, (bytes, bytearray)):
                raise TypeError(
                    "load() reads an open file's read() as bytes or text, "
                    f"not {type(piece).__name__}"
                )
            if not piece:
                break
            pieces.append(bytes(piece))
            left -= len(piece)
    except UnicodeDecodeError as exc:  # (a text stream of another encoding)
        raise PlanError(
            [
                Problem(
                    f"the file is not text in the stream's encoding ({exc.encoding}): open it in "
                    f"binary mode ('rb') and save it as UTF-8",
                    file=file,
                )
            ]
        ) from None
    except OSError as exc:
        raise PlanError(
            [Problem(f"cannot read the file: {exc.strerror or exc}", file=file)]
        ) from None
    if left <= 0:  # (read one byte past the limit: how much more there is is not known)
        raise PlanError(
            [
                Problem(
                    f"the plan is over the {max_bytes:,}-byte limit (max_bytes changes it)",
                    file=file,
                )
            ]
        )
    return b"".join(pieces)


def load_data(data: Mapping[str, Any], *, name: str | None = None) -> Plan:
    """Load a plan from plain data: the mapping a YAML or JSON plan reads as (``json.load`` of a
    plan, :func:`outcome_graph.synth.generate`). Problems name the item and the field in words,
    and the field's path in their ``path`` (there are no lines); numbers are read as in a file
    (``number: 3.10`` should be the text ``"3.10"``). ``name`` is the file name its problems and
    findings give; without one they have no file, as for a plan loaded from text (messages say
    ``<plan>``).

    >>> load_data({"format": "outcome-graph/v1",
    ...            "plan": {"id": "d", "period": {"start": "2011-04-01", "end": "2012-03-31"}},
    ...            "priorities": [{"id": "P1", "title": "Safe", "number": 1}]})
    ... # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    outcome_graph.errors.PlanError: <plan>: the number of priority P1: must be text,
    not the number 1
    """
    with gc_paused():
        return document_to_plan(dict(data), file=name)


def load_path(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    period: str | None = None,
    jobs: Jobs = 1,
) -> Plan:
    """Load a plan file (see :func:`load`)."""
    p = Path(path)
    name = text_name(str(path))
    try:
        if not p.exists():
            raise PlanError([Problem(missing_reason(p), file=name)])
    except (
        OSError
    ) as exc:  # (a name too long for the system, a folder on the way that cannot be read)
        raise PlanError(
            [Problem(f"cannot read the file: {exc.strerror or exc}", file=shown_name(name))]
        ) from None
    suffix = p.suffix.lower()
    if suffix in _RDF_SUFFIXES:
        raise PlanError(
            [
                Problem(
                    "an RDF file is written from a plan (convert --to ttl), not read as one: "
                    "load the plan it was made from",
                    file=name,
                )
            ]
        )
    if p.is_dir() or suffix in {
        ".xlsx",
        ".xlsm",
        ".xls",
        ".csv",
    }:  # (.xls: refused, saying to save as .xlsx)
        try:
            from ..loading import spreadsheet
        except ImportError:  # pragma: no cover - spreadsheet support not present
            raise PlanError(
                [
                    Problem(
                        "is a directory or spreadsheet; spreadsheet plans are not supported here",
                        file=name,
                    )
                ]
            ) from None
        return spreadsheet.load_spreadsheet(p, max_bytes=max_bytes, period=period)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise PlanError(
                [
                    Problem(
                        f"the file is {over_limit(size, max_bytes)} (--max-bytes changes it)",
                        file=name,
                    )
                ]
            )
        with p.open("rb") as fh:
            data = read_limited(fh, max_bytes)
    except OSError as exc:
        raise PlanError(
            [Problem(f"cannot read the file: {exc.strerror or exc}", file=name)]
        ) from None
    try:
        plan = load_bytes(
            data,
            file=name,
            max_bytes=max_bytes,
            json=suffix == ".json",
            base_dir=str(p.parent),
            jobs=jobs,
        )
    except PlanError as exc:
        if suffix in _PLAN_SUFFIXES or not exc.problems[0].message.startswith(
            ("invalid YAML", "not a plan", "the plan has no 'format' field")
        ):
            raise
        # A file of another kind (README.md, a .docx) read as YAML: say what plans are.
        first = exc.problems[0]
        hint = (
            f" (a {suffix} file: is it a plan? Plans are YAML or JSON files, .xlsx workbooks, "
            ".csv files or CSV folders)"
        )
        raise PlanError(
            [dataclasses.replace(first, message=first.message + hint), *exc.problems[1:]]
        ) from None
    plan.sources.insert(0, name)
    if period is not None:  # (for a flat table without a plan sheet)
        plan.notices.append(
            Notice.at(
                Location(name),
                "--period is not used: the plan states its period "
                f"({plan.meta.period.start} to {plan.meta.period.end})",
            )
        )
    return plan


#: Suffixes of the files a plan is read from as text (YAML, or JSON by its suffix); a file without
#: a suffix is read as YAML too.
_PLAN_SUFFIXES = frozenset({".yaml", ".yml", ".json", ""})
#: RDF, which ``convert`` writes and nothing reads.
_RDF_SUFFIXES = frozenset({".ttl", ".nt", ".n3", ".rdf", ".owl", ".jsonld", ".trig", ".nq"})


def human_size(n: int) -> str:
    """A size as people read it: '900 bytes', '12.5 KB', '32 MB', '52.4 MB' (KB and MB of 1,024),
    three figures at most after the first thousand, and never in powers of ten.

    >>> human_size(1_000_000), human_size(1_024_000), human_size(2**20 - 1), human_size(
    ...     1_500 * 2**20
    ... )
    ('977 KB', '1,000 KB', '1 MB', '1,500 MB')
    """
    if n < 10_000:
        return f"{n:,} byte{'' if n == 1 else 's'}"
    kb = n / 2**10
    if round(kb) < 1024:
        return f"{_figures(kb)} KB"
    value = n / 2**20
    return f"{int(value):,} MB" if value == int(value) else f"{_figures(value)} MB"


def _figures(value: float) -> str:
    """A number to three significant figures, written out: 9.77, 977, 1,000, 12,345 (not 1e+03)."""
    return f"{value:.3g}" if value < 999.5 else f"{value:,.0f}"


def over_limit(size: int, limit: int) -> str:
    """'the X, over the Y limit' wording: the two sizes, exact where rounding would make them equal.

    >>> over_limit(33_554_433, 33_554_432), over_limit(2_000, 10)
    ('33,554,433 bytes, over the 33,554,432-byte limit', '2,000 bytes, over the 10-byte limit')
    """
    shown, limit_shown = human_size(size), human_size(limit)
    if shown == limit_shown or limit < 10_000:
        return f"{size:,} bytes, over the {limit:,}-byte limit"
    return f"{shown}, over the {limit_shown} limit"


def read_limit_warning(size: int) -> str | None:
    """The warning for a plan file written larger than the commands read unless told (a plan of
    100,000 nodes in JSON is about 35 MB), with the limit that reads it back; ``None`` below it.

    >>> read_limit_warning(1_000)
    >>> read_limit_warning(40_000_000)  # doctest: +NORMALIZE_WHITESPACE
    'the file is 38.1 MB, over the 32 MB limit of what the commands read by default: read it
    back with --max-bytes 40000000 (og.load(path, max_bytes=40000000) in Python)'
    """
    if size <= DEFAULT_MAX_BYTES:
        return None
    return (
        f"the file is {over_limit(size, DEFAULT_MAX_BYTES)} of what the commands read by default: "
        f"read it back with --max-bytes {size} (og.load(path, max_bytes={size}) in Python)"
    )


#: How a zip file, and so an .xlsx workbook, starts.
ZIP_MAGIC = b"PK\x03\x04"
#: How an OLE compound file (a .doc, .xls or .ppt of Office 97-2003) starts.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: What to do with a document that holds a plan's table but is not a plan file.
_AS_TABLE = (
    "copy the plan's table into an .xlsx workbook (`outcome-graph template plan.xlsx --form flat` "
    "writes one to fill in) or write the plan as YAML"
)


def document_kind(data: bytes, file: str | None = None) -> str | None:
    """What an office document or PDF is, told by its first bytes, with what to do instead, for
    a file read as a YAML or JSON plan (a Word document, a PDF); ``None`` for anything else."""
    suffix = Path(file).suffix.lower() if file else ""
    if data.startswith(b"%PDF"):
        return f"this is a PDF, not a plan: {_AS_TABLE}"
    if data.startswith(OLE_MAGIC):
        if suffix in (".doc", ".ppt"):
            what = "a Word document (.doc)" if suffix == ".doc" else "a PowerPoint file (.ppt)"
            return f"this is {what}, not a plan: {_AS_TABLE}"
        return (
            "this is an Office 97-2003 file (.doc, .xls or .ppt), not a plan: save a workbook as "
            f".xlsx; for a document, {_AS_TABLE}"
        )
    if not data.startswith(ZIP_MAGIC):
        return None
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            mimetype = ""
            if (
                "mimetype" in names
            ):  # (its first bytes only: never a whole member, which could be a zip bomb)
                with archive.open("mimetype") as member:
                    mimetype = member.read(100).decode("ascii", "replace")
    except (
        Exception
    ):  # (a damaged or unusual archive is not told apart: said to be a zip file below)
        return None
    if any(n.startswith("word/") for n in names):
        return f"this is a Word document, not a plan: {_AS_TABLE}"
    if mimetype.endswith(".text"):
        return f"this is an OpenDocument text (.odt), not a plan: {_AS_TABLE}"
    if any(n.startswith("ppt/") for n in names) or mimetype.endswith(".presentation"):
        return f"this is a presentation, not a plan: {_AS_TABLE}"
    if mimetype.endswith(".spreadsheet"):
        return (
            "this is an OpenDocument spreadsheet (.ods), not a plan: save it as an .xlsx workbook"
        )
    return None


def wide_unicode(data: bytes) -> str | None:
    """``"UTF-16"`` or ``"UTF-32"`` when ``data`` is text in that encoding (as Windows editors and
    Excel's "Unicode text" save it): by its byte-order mark, or for UTF-16 without one, by the zero
    byte beside nearly every character of the first lines; else ``None``."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = data[:512]
    pairs = len(head) // 2
    if pairs >= 4 and max(head[0::2].count(0), head[1::2].count(0)) >= 0.9 * pairs:
        return "UTF-16"
    return None


def load_text(
    text: str, *, file: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES, jobs: Jobs = 1
) -> Plan:
    """Load a plan from its YAML or JSON text."""
    return load_bytes(
        text.encode("utf-8", "surrogatepass"), file=file, max_bytes=max_bytes, jobs=jobs
    )


def load_bytes(
    data: bytes,
    *,
    file: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    json: bool | None = None,
    base_dir: str | None = None,
    jobs: Jobs = 1,
) -> Plan:
    """Load a plan from raw bytes (UTF-8 YAML or JSON)."""
    check_jobs(jobs)
    if len(data) > max_bytes:
        raise PlanError([Problem(f"the plan is {over_limit(len(data), max_bytes)}", file=file)])
    if data[:1] in (b"%", b"\xd0", b"P"):  # (a PDF, an Office 97-2003 file, a zip: said what it is)
        kind = document_kind(data, file)
        if kind is not None:
            raise PlanError([Problem(kind, file=file, line=1, column=1)])
    if b"\x00" in data[:8192] or data.startswith(
        ZIP_MAGIC
    ):  # (a zip is never a YAML plan: a control character)
        wide = None if data.startswith(ZIP_MAGIC) else wide_unicode(data)
        named_workbook = file is not None and Path(file).suffix.lower() in (".xlsx", ".xlsm")
        what = (
            f"the file is {wide} text; save it as UTF-8"
            if wide
            else "this is not an Excel workbook (.xlsx); save the plan as .xlsx, CSV, YAML or JSON"
            if named_workbook
            else "this is a workbook (or another zip file), not a YAML or JSON plan: "
            "a workbook's name ends in .xlsx"
            if data.startswith(ZIP_MAGIC)
            else "this is a binary file, not a YAML or JSON plan"
        )
        raise PlanError([Problem(what, file=file, line=1, column=1)])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise PlanError(
            [
                Problem(
                    f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8",
                    file=file,
                    line=line,
                    column=column,
                )
            ]
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if json is None and file is not None:
        # (a name ending in .yaml or .json says which the text is: a plan read from standard input
        # named by --stdin-filename, an upload given its file name)
        json = {".json": True, ".yaml": False, ".yml": False}.get(Path(file).suffix.lower())
    guessed = json is None
    if json is None:
        json = text.lstrip().startswith("{")
    with gc_paused():
        in_child = _positions_in_child(jobs, len(data))
        # With children, the YAML screen (what rapidyaml could read otherwise than PyYAML) runs
        # in one while this process parses, and the positions are found in another while it
        # validates. The document is trusted only once the screen has passed.
        screen = _screen_in_child(text) if in_child and not json else None
        document = fast_document(text, json_input=json, screen=json or not in_child)
        if document is not None:
            positions = Positions(
                text, document, in_child=in_child, screen=not json and in_child and screen is None
            )
            try:
                plan = document_to_plan(document, file=file, base_dir=base_dir, positions=positions)
                if screen is None or _screened(screen, text):
                    return plan
            except (PlanError, NotPlain):
                pass  # reported below, with the precise parser's positions
            finally:
                if screen is not None:
                    screen.cancel()  # (if its answer is no longer wanted)
                positions.close()
        elif screen is not None:
            screen.cancel()
        try:
            tree = parse_text(text, file=file, json_first=json)
        except PlanError as as_json:
            if not (json and guessed) or plainly_json(text):
                # (a text that opens as JSON does, `{"format": ...`, is JSON written with a slip,
                # a trailing comma or a comment, which YAML would read without a word or
                # misreport: the JSON error, at its line and column)
                raise
            # (a text of no known format that opens with '{' and is no JSON: a YAML flow mapping
            # is read as YAML; if it is not YAML either, the error told is that of the reading
            # that went further, JSON's at the same place: unquoted keys fail as JSON at once)
            try:
                tree = parse_text(text, file=file)
            except PlanError as as_yaml:
                if _reached(as_yaml) > _reached(as_json):
                    raise as_yaml from None
                raise as_json from None
            return document_to_plan(tree, file=file, base_dir=base_dir)
        return document_to_plan(tree, file=file, base_dir=base_dir)


#: The opening of a JSON object: ``{`` and a name in double quotes (or ``}``), maybe after comments,
#: which JSON does not have but its writers sometimes put in.
_JSON_OPENING = re.compile(r'\s*\{(?:\s+|//[^\n]*|/\*.*?\*/)*["}]', re.DOTALL)


def plainly_json(text: str) -> bool:
    """Whether a text opens as a JSON object does: ``{`` and a field's name in double quotes
    (a YAML flow mapping, ``{format: outcome-graph/v1, ...}``, leaves its names unquoted).

    >>> plainly_json('{\\n  "format": "outcome-graph/v1",'), plainly_json('{format: x}')
    (True, False)
    >>> plainly_json('{ // a comment\\n "format": 1}'), plainly_json("{'format': 1}")
    (True, False)
    """
    return _JSON_OPENING.match(text) is not None


def _reached(error: PlanError) -> tuple[int, int]:
    """How far into the text a reading went before ``error`` (its first problem's line and
    column; the start where it names none)."""
    return (error.line or 0, error.column or 0)


def _screen_in_child(text: str) -> Forked[bool] | None:
    """:func:`~outcome_graph.loading.tree.plain_yaml` of the text in a forked child (``None``
    where no child can be had)."""
    try:
        return Forked(lambda: plain_yaml(text))
    except ChildFailed:
        return None


def _screened(screen: Forked[bool], text: str) -> bool:
    """The screen's answer (worked out here if the child failed)."""
    try:
        return screen.result()
    except ChildFailed:
        return plain_yaml(text)


# --------------------------------------------------------------------------------------------
# Telling a plan from other YAML and JSON files


_BLOCK_FORMAT = re.compile(r"""^["']?format["']?[ \t]*:[ \t]*["']?outcome-graph/""", re.MULTILINE)
_FLOW_KEY = re.compile(
    r"""(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s:,{}\[\]"'#][^:,{}\[\]\n]*?))[ \t]*:"""
)


def declares_plan_format(head: str) -> bool:
    """Whether the start of a YAML or JSON text has ``format: outcome-graph/...`` at its top
    level: a key at the start of a line in block style, or a key of the outermost mapping in flow
    style and JSON (in any place, on one line or several). A ``format:`` nested deeper, or
    indented in a text block, does not count.

    >>> declares_plan_format('{"plan": {"id": "x", "format": "x"}, "format": "outcome-graph/v1"}')
    True
    >>> declares_plan_format('{"plan": {"format": "outcome-graph/v1"}}')
    False
    >>> declares_plan_format('cases:\\n  - plan: |\\n      format: outcome-graph/v1\\n')
    False
    >>> declares_plan_format('# a plan\\n---\\nformat: outcome-graph/v1\\n')
    True
    """
    body = head.lstrip("\ufeff")
    i = 0
    while i < len(body):  # (blank lines, comments and a document marker before the document)
        if body[i] in " \t\r\n":
            i += 1
        elif body[i] == "#":
            i = body.find("\n", i) + 1 or len(body)
        elif body.startswith("---", i):
            i += 3
        else:
            break
    if not body.startswith("{", i):
        return _BLOCK_FORMAT.search(body) is not None
    depth, k, key_next = 0, i, False
    while k < len(body):
        c = body[k]
        if c in " \t\r\n":
            k += 1
            continue
        if key_next:  # at the start of the outermost mapping, or after one of its commas
            key_next = False
            m = _FLOW_KEY.match(body, k)
            if m is not None:
                key = next(g for g in m.groups() if g is not None).strip()
                if key == "format":
                    return body[m.end() :].lstrip(" \t\"'").startswith("outcome-graph/")
                k = m.end()
                continue
        if c in "{[":
            depth += 1
            key_next = c == "{" and depth == 1
        elif c in "}]":
            depth -= 1
            if depth <= 0:
                return False
        elif c == ",":
            key_next = depth == 1
        elif c in "\"'":
            k = _after_quoted(body, k)
            continue
        elif c == "#" and body[k - 1] in " \t\r\n":  # (a comment, in flow YAML)
            k = body.find("\n", k) + 1 or len(body)
            continue
        k += 1
    return False


def _after_quoted(text: str, start: int) -> int:
    """The index after the quoted text starting at ``start`` (the end of the text if unclosed)."""
    quote, k = text[start], start + 1
    while k < len(text):
        if quote == '"' and text[k] == "\\":
            k += 2
            continue
        if text[k] == quote:
            if quote == "'" and text.startswith("''", k):
                k += 2
                continue
            return k + 1
        k += 1
    return len(text)


#: ``jobs="auto"`` finds positions in a child for files of at least this size (about 4,000
#: nodes): below it, forking costs more than the search.
CHILD_POSITIONS_BYTES = 1_000_000


def _positions_in_child(jobs: Jobs, size: int) -> bool:
    if jobs == "auto":
        return size >= CHILD_POSITIONS_BYTES and auto_allowed() and can_fork()
    return jobs > 1 and can_fork()


# --------------------------------------------------------------------------------------------
# The document into a plan


def document_to_plan(
    tree: Any,
    *,
    file: str | None = None,
    base_dir: str | None = None,
    positions: dict[int, tuple[int, int]] | Callable[[], dict[int, tuple[int, int]]] | None = None,
) -> Plan:
    """Validate a parsed document and build the :class:`Plan` (see the module docs).

    Parameters
    ----------
    tree : dict
        The parsed document: plain data, or :class:`LocMap`/:class:`LocList` from
        :func:`~outcome_graph.loading.tree.parse_text`, which carry the position of every value.
    file, base_dir : str, optional
        The file name used in messages and locations; the folder local catalogues are read from.
    positions : dict or callable, optional
        (line, column) of the node, owner and group mappings of a plain ``tree``, by ``id()``
        (what :func:`~outcome_graph.loading.tree.fast_parse` finds), or a function returning
        them, called once the document is valid (:class:`~outcome_graph.loading.tree.Positions`).

    Raises
    ------
    PlanError
        The document is not a plan of the format (every problem listed).
    """
    if tree is None:
        raise PlanError(
            [
                Problem(
                    "the file is empty: a plan starts with 'format: outcome-graph/v1'",
                    file=file,
                    line=1,
                    column=1,
                )
            ]
        )
    if not isinstance(tree, dict):
        kind = "a list" if isinstance(tree, list) else "a single value"
        raise PlanError(
            [
                Problem(
                    f"the document is {kind}; a plan is a mapping that starts with "
                    f"'format: {FORMAT_ID}'",
                    file=file,
                    line=1,
                    column=1,
                )
            ]
        )
    fmt = tree.get("format")
    if "format" not in tree:
        raise PlanError(
            [
                Problem(
                    f"the plan has no 'format' field; add 'format: {FORMAT_ID}' at the top",
                    file=file,
                    line=1,
                    column=1,
                )
            ]
        )
    if fmt != FORMAT_ID:
        line, col = getattr(tree, "key_pos", {}).get("format", (1, 1))
        raise PlanError(
            [
                Problem(
                    f"format {fmt!r} is not supported; this version reads {FORMAT_ID!r}",
                    file=file,
                    line=line,
                    column=col,
                )
            ]
        )
    with invisible_ids() as invisible:
        try:
            document = PlanDocument.model_validate(tree)
        except ValidationError as exc:
            problems = _validation_problems(exc, tree, file)
            if len(problems) < 50 and isinstance(
                tree, LocMap
            ):  # (and what the plan's build would find)
                problems = sorted(
                    [*problems, *_raw_problems(tree, file)][:50],
                    key=lambda p: (p.line or 0, p.column or 0),
                )
            raise PlanError(problems) from None
    if invisible and positions is not None:
        # (read again with the position of every value, for the notices to say where)
        raise NotPlain
    plan = build_plan(document, tree, file=file, base_dir=base_dir, positions=positions)
    if invisible:
        plan.notices.extend(invisible_notices(tree, set(invisible), file))
    plan.notices.extend(long_lead_notices(plan))
    return plan


def invisible_notices(tree: Any, written: set[str], file: str | None) -> list[Notice]:
    """A notice at each id or code of the parsed document that was read without the characters
    that show nothing in it (``written``: those ids as written, as the format's validation
    gives them), in file order: a reader who sees ``NI 72`` cannot find the zero-width space
    that made it another code, so the notice names the character and what was read."""
    from ..reference.catalogue import invisible_message

    notices: list[Notice] = []

    def visit(value: Any, line: int | None, column: int | None) -> None:
        if isinstance(value, str):
            if value in written:
                notices.append(Notice.at(Location(file, line, column), invisible_message(value)))
        elif isinstance(value, dict):
            keys = getattr(value, "key_pos", {})
            for key, item in value.items():
                visit(item, *keys.get(key, (None, None)))
        elif isinstance(value, list):
            places = getattr(value, "item_pos", [])
            for i, item in enumerate(value):
                visit(item, *(places[i] if i < len(places) else (None, None)))

    visit(tree, None, None)
    return notices


def long_lead_notices(plan: Plan) -> list[Notice]:
    """A notice for each lead kept whole because it has too many separators to be a list of
    owners (:func:`~outcome_graph.analysis.owners.too_many_parts`), at the first node that writes
    it: it is counted as one owner, and without the notice a reader of the findings would not
    know why. The leads are those :func:`build_plan` gathered (``plan.lead_texts``)."""
    from ..analysis.owners import MAX_LEAD_SEPARATORS, too_many_parts
    from ..rules._common import short

    long = {text for text in plan.lead_texts if too_many_parts(text)}
    writers: dict[str, list[str]] = {}  # a lead too long to split -> the nodes that write it
    for node in plan.nodes.values() if long else ():
        lead = node.__dict__.get("lead")
        for text in [lead] if isinstance(lead, str) else lead or ():
            if text in long:
                writers.setdefault(text.strip(), []).append(node.id)
    notices = []
    for text, nodes in writers.items():
        more = (
            f" (and {len(nodes) - 1} more node{'s' if len(nodes) > 2 else ''})"
            if len(nodes) > 1
            else ""
        )
        notices.append(
            Notice.at(
                plan.location(nodes[0]),
                f"the lead of {nodes[0]}{more}, {short(text)!r}, has more "
                f"than {MAX_LEAD_SEPARATORS} separators (commas, 'and', '&', ';', ' / ', "
                "line breaks): too many to be read as joint leads, it is counted as one owner; "
                "give the owners as a list (lead: [..., ...]) to count each",
            )
        )
    return notices
