"""Load a plan file (YAML or JSON) into a :class:`~outcome_graph.model.plan.Plan`.

Pipeline: read bytes (size-limited) -> decode UTF-8 -> parse keeping positions
(:mod:`.tree`) -> validate the shape with the pydantic models (:mod:`..model.document`), turning
every validation error into a :class:`~outcome_graph.errors.Problem` with file, line and column ->
flatten nested and flat forms into :class:`Plan` (parents, file order, implicit indicators).

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

from pydantic import BaseModel, ValidationError

from ..errors import CatalogueError, PlanError, Problem, UsageError, shown_name, with_article
from ..forking import ChildFailed, Forked, auto_allowed, can_fork, check_jobs
from ..model.document import (
    CHILD_LISTS,
    FORMAT_ID,
    ID_PATTERN,
    VISIBLE,
    Aim,
    Indicator,
    NodeSpec,
    Objective,
    PlanDocument,
    Priority,
    invisible_ids,
    is_blank,
)
from ..model.plan import Location, Notice, Plan, code_key
from ..paths import missing_reason, text_name
from .places import KIND_OF_LIST, path_text, place_in_plan
from .suggest import (
    catalogue_title,
    duplicate_code,
    duplicate_id,
    nearest,
    unknown_framework,
    unknown_outcome,
)
from .tree import (
    LocList,
    LocMap,
    NotPlain,
    Positions,
    fast_document,
    gc_paused,
    parse_text,
    plain_yaml,
)

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
    or CR) or starts with ``{`` (or is blank: an empty plan), otherwise a path; ``bytes`` are the file's
    content; an object with a ``read()`` method is an open file, binary or text (an upload's
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
        SARIF never name a file that is not there. Only a name: nothing is read from it. Such a plan has no folder (a
        catalogue's ``entries`` file is refused), but for an open file of the file system given
        no other name, whose folder is its own.

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
    Traceback (most recent call last):
    ...
    outcome_graph.errors.PlanError: upload.yaml:2:1: the plan is missing the required field 'period': add period: {start: 2011-04-01, end: 2012-03-31}
    """
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int):
        raise TypeError(
            f"load() takes max_bytes as a whole number of bytes, not {type(max_bytes).__name__}"
        )
    if max_bytes < 1:
        raise UsageError(f"load() takes max_bytes of 1 or more, not {max_bytes}")
    if period is not None and not isinstance(period, str):
        raise TypeError(
            f"load() takes period as text, START..END (2011-04-01..2012-03-31), not {type(period).__name__}"
        )
    if name is not None and not isinstance(name, str):
        raise TypeError(
            f"load() takes name as text, the file name to give in messages, not {type(name).__name__}"
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
    ``base_dir`` is the plan's folder, where it has one (a catalogue's entries file is read there)."""
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
                    f"load() reads an open file's read() as bytes or text, not {type(piece).__name__}"
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
    and the field's path in their ``path`` (there are no lines); numbers are read as in a file (``number: 3.10`` should be the text ``"3.10"``).
    ``name`` is the file name its problems and findings give; without one they have no file, as
    for a plan loaded from text (messages say ``<plan>``).

    >>> load_data({"format": "outcome-graph/v1", "plan": {"id": "d", "period": {"start": "2011-04-01", "end": "2012-03-31"}},
    ...            "priorities": [{"id": "P1", "title": "Safe", "number": 1}]})
    Traceback (most recent call last):
    ...
    outcome_graph.errors.PlanError: <plan>: the number of priority P1: must be text, not the number 1
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
                    "an RDF file is written from a plan (convert --to ttl), not read as one: load the plan "
                    "it was made from",
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
        hint = f" (a {suffix} file: is it a plan? Plans are YAML or JSON files, .xlsx workbooks, .csv files or CSV folders)"
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

    >>> human_size(1_000_000), human_size(1_024_000), human_size(2**20 - 1), human_size(1_500 * 2**20)
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
    >>> read_limit_warning(40_000_000)
    'the file is 38.1 MB, over the 32 MB limit of what the commands read by default: read it back with --max-bytes 40000000 (og.load(path, max_bytes=40000000) in Python)'
    """
    if size <= DEFAULT_MAX_BYTES:
        return None
    return (
        f"the file is {over_limit(size, DEFAULT_MAX_BYTES)} of what the commands read by default: read it "
        f"back with --max-bytes {size} (og.load(path, max_bytes={size}) in Python)"
    )


#: How a zip file, and so an .xlsx workbook, starts.
ZIP_MAGIC = b"PK\x03\x04"
#: How an OLE compound file (a .doc, .xls or .ppt of Office 97-2003) starts.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: What to do with a document that holds a plan's table but is not a plan file.
_AS_TABLE = (
    "copy the plan's table into an .xlsx workbook (`outcome-graph template plan.xlsx --form flat` writes "
    "one to fill in) or write the plan as YAML"
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
            f"this is an Office 97-2003 file (.doc, .xls or .ppt), not a plan: save a workbook as .xlsx; for a "
            f"document, {_AS_TABLE}"
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
            else "this is a workbook (or another zip file), not a YAML or JSON plan: a workbook's name ends "
            "in .xlsx"
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
# Validation with positions


def _position(tree: Any, loc: tuple[Any, ...]) -> tuple[int | None, int | None, tuple[Any, ...]]:
    """Walk a pydantic error location through the parsed tree: the position of the deepest
    element that exists, and the part of the location that matched data."""
    node = tree
    line, col = (tree.line, tree.column) if isinstance(tree, (LocMap, LocList)) else (None, None)
    matched: list[Any] = []
    for part in loc:  # (plain data, from the API, has no positions: the path alone is kept)
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            if isinstance(node, LocMap):
                line, col = node.key_pos[part]
            node = node[part]
            matched.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            if isinstance(node, LocList):
                line, col = node.item_pos[part]
            node = node[part]
            matched.append(part)
        else:
            continue
    return line, col, tuple(matched)


def model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class whose fields are valid at a location (for 'did you mean')."""
    import typing

    model: type[BaseModel] | None = PlanDocument
    for part in loc:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        fld = model.model_fields.get(part)
        if fld is None:
            # alias ('from')
            fld = next((f for f in model.model_fields.values() if f.alias == part), None)
        if fld is None:
            return model
        model = _find_model(fld.annotation, typing)
    return model


def _find_model(annotation: Any, typing: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _find_model(arg, typing)
        if found is not None:
            return found
    return None


def financial_year(text: str) -> int | None:
    """The year a financial year written as plans write it starts in (``2011-12``, ``2011/12``,
    ``2011-2012``, ``2011/2012``: 2011), or ``None`` for any other text.

    >>> financial_year("2011/12"), financial_year(" 2011-2012 "), financial_year("2011-13")
    (2011, 2011, None)
    """
    m = re.fullmatch(r"\s*(\d{4})\s*[-/]\s*(\d{2}|\d{4})\s*", text)
    if m and int(m.group(2)) == (int(m.group(1)) + 1) % (100 if len(m.group(2)) == 2 else 10_000):
        return int(m.group(1))
    return None


def _period_example(value: object) -> str:
    """The plan period written as the format wants it: ``{start: 2011-04-01, end: 2012-03-31}``
    for the financial year a text such as ``2011/12`` or ``2011-2012`` names, else an example."""
    start = financial_year(value) if isinstance(value, str) else None
    if start is not None:
        return f"{{start: {start}-04-01, end: {start + 1}-03-31}}"
    return "start and end dates, such as {start: 2011-04-01, end: 2012-03-31}"


def field_of_other_levels(field: str, model: type[BaseModel]) -> str:
    """``" on a milestone: it is a field of priorities, aims and objectives"`` for a field written
    at a level of the plan that does not take it but others do (indicators on a milestone, a
    timescale on an objective); ``""`` otherwise."""
    from ..model.document import Aim, Indicator, Milestone, Objective, Priority, Vision

    levels: list[tuple[type[BaseModel], str]] = [
        (Priority, "priorities"),
        (Aim, "aims"),
        (Objective, "objectives"),
        (Milestone, "milestones"),
    ]
    if model not in [m for m, _ in levels] and model not in (Vision, Indicator):
        return ""
    kind = str(getattr(model, "kind"))  # noqa: B009 (a class variable of the node models, not of BaseModel)
    others = [words for m, words in levels if m is not model and field in field_names(m)]
    if not others:
        return ""
    listed = others[0] if len(others) == 1 else ", ".join(others[:-1]) + " and " + others[-1]
    return f" on {with_article(kind)}: it is a field of {listed}"


def field_names(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _kind_of(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"the value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    return f"the text {str(value)[:40]!r}"


#: A number as written in YAML or JSON (``2.5``, ``-3``, ``1e3``).
_NUMBER_TEXT = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")

#: What a field's pattern asks for, in words (the patterns of the format's models).
_PATTERN_WORDS = {
    r"^[A-Za-z0-9._-]+$": "may hold only letters, digits, '.', '_' and '-'",
    r"^[A-Za-z]{1,6}$": "must be one to six letters (e.g. CSC)",
}


def worded(err: Mapping[str, Any], *, show_input: bool = True) -> str | None:
    """A validation error about a value's type or range in words (``must be a number, not the
    text '60%'``), or ``None`` when pydantic's own message is kept. Without ``show_input`` the
    value is left out (a spreadsheet's message names the cell's content itself)."""
    etype, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    if etype in ("float_parsing", "float_type"):
        words = "must be a number"
    elif etype == "finite_number":
        words = "must be a number, not infinity or NaN"
        return f"{words} ({value})" if show_input else words
    elif etype in ("int_parsing", "int_type", "int_from_float"):
        words = "must be a whole number"
        if show_input and isinstance(value, str) and _NUMBER_TEXT.fullmatch(value.strip()):
            return f"{words}, not {value.strip()}"  # (a number as written: `capacity: 2.5` is read as text)
    elif etype == "greater_than_equal" and "ge" in ctx:
        words = f"must be {ctx['ge']} or more"
        return (
            f"{words}, not {value}"
            if show_input and isinstance(value, (str, int, float))
            else words
        )
    elif etype == "string_pattern_mismatch" and ctx.get("pattern") in (VISIBLE, ID_PATTERN):
        if not isinstance(value, str) or is_blank(value):
            return "must not be blank"
        words = "must be on one line, with no line break, tab or other control character"
        return f"{words}: {str(value)[:40]!r}" if show_input else words
    elif etype == "string_pattern_mismatch" and ctx.get("pattern") in _PATTERN_WORDS:
        words = _PATTERN_WORDS[ctx["pattern"]]
        return (
            f"{str(value)[:40]!r} {words}"
            if show_input and isinstance(value, str)
            else f"it {words}"
        )
    else:
        return None
    return f"{words}, not {_kind_of(value)}" if show_input else words


def _raw_problems(tree: LocMap, file: str | None) -> list[Problem]:
    """An unknown framework, duplicate ids and unknown outcomes, found in a document that did not validate, so that a
    file's problems are all reported at once (for a valid document the plan's build finds them)."""
    from ..model.frameworks import frameworks

    problems: list[Problem] = []
    meta = tree.get("plan")
    framework = meta.get("framework", "ecm") if isinstance(meta, dict) else "ecm"
    known = frameworks()
    valid = known[framework].ids if isinstance(framework, str) and framework in known else None
    if isinstance(framework, str) and framework not in known:
        line, col = getattr(meta, "key_pos", {}).get("framework", (None, None))
        problems.append(
            Problem(unknown_framework(framework, known), file=file, line=line, column=col)
        )
    first: dict[str, int | None] = {}
    codes: dict[str, tuple[str, int | None]] = {}  # indicators' codes: the first id and line
    for item in tree.get("indicators") or []:
        code = item.get("id") if isinstance(item, LocMap) else None
        if isinstance(code, str) and code.strip():
            code = code.strip()
            seen = codes.setdefault(code_key(code), (code, item.line))
            if seen[0] != code:
                problems.append(
                    Problem(
                        duplicate_code(code, seen[0], f"line {seen[1]}"),
                        file=file,
                        line=item.line,
                        column=item.column,
                    )
                )
    stack: list[tuple[str, Any]] = [
        (name, tree.get(name))
        for name in ("indicators", "milestones", "objectives", "aims", "priorities")
    ]
    stack.append(("vision", [tree.get("vision")]))
    nodes: list[LocMap] = []
    kinds: dict[int, str] = {}  # id() of a node -> its kind
    while stack:
        list_name, items = stack.pop()
        if not isinstance(items, list):
            continue
        for item in items:
            if isinstance(item, LocMap):
                nodes.append(item)
                kinds[id(item)] = KIND_OF_LIST.get(list_name, "vision")
                stack.extend(
                    (name, item.get(name)) for name in ("aims", "objectives", "milestones")
                )
    for node in sorted(nodes, key=lambda n: (n.line or 0, n.column or 0)):
        node_id = node.get("id")
        if not isinstance(node_id, str) or not node_id.strip():
            continue
        node_id = node_id.strip()
        if node_id in first:
            problems.append(
                Problem(
                    duplicate_id(node_id, f"line {first[node_id]}"),
                    file=file,
                    line=node.line,
                    column=node.column,
                )
            )
        else:
            first[node_id] = node.line
        outcomes = node.get("outcomes")
        if valid is not None and isinstance(outcomes, list):
            for outcome in outcomes:
                if isinstance(outcome, str) and outcome not in valid:
                    problems.append(
                        Problem(
                            unknown_outcome(
                                f"{kinds[id(node)]} {node_id}", outcome, valid, str(framework)
                            ),
                            file=file,
                            line=node.line,
                            column=node.column,
                        )
                    )
    return problems


def _validation_problems(exc: ValidationError, tree: Any, file: str | None) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        line, col, matched = _position(tree, loc)
        etype = err["type"]
        path = matched
        if etype == "extra_forbidden":
            field = str(loc[-1])
            owner = matched[:-1] if matched[-1:] == (loc[-1],) else matched
            model = model_at(loc[:-1])
            msg = f"unknown field {field!r} {_in_place(tree, owner)}"
            if model is not None:
                # (a field of other levels, written exactly, says so before any near spelling:
                # `parent` on an indicator is not a misspelt `target`)
                elsewhere = field_of_other_levels(field, model).partition(": ")[2]
                guess = None if elsewhere else nearest(field, field_names(model))
                msg += (
                    f": did you mean {guess!r}?" if guess else f": {elsewhere}" if elsewhere else ""
                )
        elif etype == "missing":
            field = str(loc[-1])
            path = (*matched, field)
            msg = f"{place_in_plan(tree, matched)} is missing the required field {field!r}"
            if field == "title" and loc[:1] == ("indicators",) and len(matched) == 2:
                item = tree["indicators"][
                    matched[1]
                ]  # (a National Indicator's: the set's title to copy)
                msg += catalogue_title(item.get("id") if isinstance(item, Mapping) else None)
            elif matched == ("plan",) and field in ("id", "period"):
                msg += f": add {field}: {'{start: 2011-04-01, end: 2012-03-31}' if field == 'period' else 'my-plan'}"
        else:
            where = place_in_plan(tree, matched)
            text = err["msg"]
            if text.startswith("Value error, "):
                text = text[len("Value error, ") :]
            if etype == "literal_error" and "expected" in err.get("ctx", {}):
                text = f"must be one of {err['ctx']['expected']}"
            elif (words := worded(err)) is not None:
                text = words
                if etype in ("float_parsing", "float_type") and (
                    hint := _percent_hint(tree, matched, err.get("input"), whole=False)
                ):
                    text += f": {hint}"
            elif etype in ("model_type", "dict_type", "model_attributes_type"):
                text = (
                    f"must be a mapping of fields (field: value), not {_kind_of(err.get('input'))}"
                )
                if loc == ("plan", "period"):
                    text += f": write it as {_period_example(err.get('input'))}"
                elif hint := _percent_hint(tree, matched, err.get("input"), whole=True):
                    text += f": {hint}"
            elif etype == "list_type":
                text = f"must be a list, not {_kind_of(err.get('input'))}"
            elif etype == "string_type":
                text = f"must be text, not {_kind_of(err.get('input'))}"
            elif text.startswith(
                "Input should be "
            ):  # (pydantic's words for a check not worded above)
                text = (
                    f"must be {text[len('Input should be ') :]}, not {_kind_of(err.get('input'))}"
                )
            msg = f"{where}: {text}"
        key = (matched, msg)
        if key in seen:
            continue
        seen.add(key)
        problems.append(
            Problem(msg, file=file, line=line, column=col, path=path_text(path) or None)
        )
        if len(problems) >= 50:
            problems.append(Problem("(more problems not shown)", file=file))
            break
    return problems


#: A percentage written as text (``74%``, ``12.5 %``): the number and the sign (the spreadsheet
#: reader's test of a typed cell too).
PERCENT_TEXT = re.compile(r"\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+))\s*%\s*")
#: The fields that hold a value (a baseline, a target, the items of targets and actuals).
_VALUE_FIELDS = ("baseline", "target", "targets", "actuals")


def _percent_hint(tree: Any, path: tuple[Any, ...], value: Any, *, whole: bool) -> str | None:
    """What to write for a value's figure written as a percentage (``value: 74%``, or ``target:
    74%`` for the whole value): the format's value is a number, and a percentage is the number
    with the unit ``percent`` on its indicator (as a workbook's ``74%`` cell reads). ``None`` for
    any other value. ``path``: where the value is in the document (``whole``: the value itself,
    else its ``value`` field)."""
    m = PERCENT_TEXT.fullmatch(value) if isinstance(value, str) else None
    at = path if whole else path[:-1]  # (the value)
    if at[-1:] and isinstance(at[-1], int):
        at = at[:-1]  # (an item of targets or actuals: the list)
    if m is None or len(at) < 2 or at[-1] not in _VALUE_FIELDS:
        return None
    field, owner, number = at[-1], at[:-1], m.group(1)
    indicator = _item_at(tree, owner)
    code = indicator.get("id") if isinstance(indicator, Mapping) else None
    name = f"indicator {code}" if isinstance(code, str) and code.strip() else "the indicator"
    declared = indicator
    if owner[:1] != ("indicators",) and isinstance(code, str):
        # (a node's reference to an indicator: the unit is the declared indicator's)
        declared = next(
            (
                i
                for i in (tree.get("indicators") or [] if isinstance(tree, Mapping) else [])
                if isinstance(i, Mapping) and i.get("id") == code
            ),
            None,
        )
    unit = declared.get("unit") if isinstance(declared, Mapping) else None
    if whole:
        example = f"{{period: {_plan_year(tree)}, value: {number}}}"
        write = (
            f"write it as {example}"
            if field in ("targets", "actuals")
            else f"write {field}: {example}"
        )
    else:
        write = f"write value: {number}"
    if unit == "percent":
        return f"{write} ({name}'s unit, percent, makes it a percentage)"
    if isinstance(unit, str):
        return f"{write}, and if it is a percentage give {name} the unit percent (not {unit!r})"
    if declared is None:
        return f"{write}, and declare {name} under indicators: with unit: percent"
    return f"{write} and give {name} unit: percent (a plan writes a percentage as its number, the unit on the indicator)"


def _item_at(tree: Any, path: tuple[Any, ...]) -> Any:
    """The value at ``path`` in the document, or ``None`` where it has none."""
    node = tree
    for part in path:
        if isinstance(node, Mapping) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return None
    return node


def _plan_year(tree: Any) -> str:
    """The financial year the plan's period ends in (``2011-12``), for an example of a value."""
    end = _item_at(tree, ("plan", "period", "end"))
    m = re.match(r"(\d{4})-(\d{2})", str(end)) if end is not None else None
    if m is None:
        return "2011-12"
    year = int(m.group(1)) - (1 if int(m.group(2)) <= 3 else 0)
    return f"{year}-{(year + 1) % 100:02d}"


def _in_place(tree: Any, path: tuple[Any, ...]) -> str:
    """Where an unknown field is, after its name: ``in objective O1``, ``at the top level``."""
    if not path:
        return "at the top level of the plan"
    if path == ("plan",):
        return "in the plan's details (under plan:)"
    return f"in {place_in_plan(tree, path)}"


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
                    f"the document is {kind}; a plan is a mapping that starts with 'format: {FORMAT_ID}'",
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
        raise NotPlain  # (read again with the position of every value, for the notices to say where)
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
                f"than {MAX_LEAD_SEPARATORS} separators (commas, 'and', '&', ';', ' / ', line breaks): "
                "too many to be read as joint leads, it is counted as one owner; give the owners as a "
                "list (lead: [..., ...]) to count each",
            )
        )
    return notices


# --------------------------------------------------------------------------------------------
# Flattening


def _problem_at(raw: Any, key: str, message: str, file: str | None) -> Problem:
    """A problem at a mapping of the parsed document: at its ``key`` when it has one, else at
    itself (a workbook's row: its sheet and cell; a YAML or JSON mapping: its line and column)."""
    sheet = getattr(raw, "sheet", None)
    if sheet is not None:  # (a row of a workbook or CSV file)
        return Problem(
            message,
            file=getattr(raw, "file", None) or file,
            sheet=sheet,
            cell=getattr(raw, "key_cell", {}).get(key, getattr(raw, "cell", None)),
        )
    if isinstance(raw, LocMap):
        line, column = raw.key_pos.get(key, (raw.line, raw.column))
        return Problem(message, file=file, line=line, column=column)
    return Problem(message, file=file)


def _written_at(raw: Any, key: str) -> str:
    """Where a mapping of the parsed document is written, for a message: ``on line 4``, or a
    workbook's ``at owners!A3`` (the cell of its ``key``)."""
    if hasattr(raw, "written_at"):  # (a row of a workbook or CSV file)
        return f"at {raw.written_at(key)}"
    if isinstance(raw, LocMap):
        return f"on line {raw.line}"
    return "above"


def _declared_twice(
    document: PlanDocument, tree: dict[str, Any], file: str | None
) -> list[Problem]:
    """Two owners or two groups with one id, and two catalogues with one prefix (or one with the
    built-in National Indicator Set's): the second would silently replace the first."""
    problems: list[Problem] = []
    for what, ids, raws in (
        ("owner", [o.id for o in document.owners], tree.get("owners") or []),
        ("group", [g.id for g in document.groups], tree.get("groups") or []),
    ):
        first: dict[str, Any] = {}
        for spec_id, raw in zip(ids, raws):
            prev = first.setdefault(spec_id, raw)
            if prev is not raw:
                problems.append(
                    _problem_at(
                        raw,
                        "id",
                        f"duplicate {what} id {spec_id!r} (first declared "
                        f"{_written_at(prev, 'id')}); {what}s' ids must be unique",
                        file,
                    )
                )
    prefixes: dict[str, Any] = {}
    for spec, raw in zip(document.catalogues, tree.get("catalogues") or []):
        key = spec.prefix.upper()
        if key == "NI":
            problems.append(
                _problem_at(
                    raw,
                    "prefix",
                    f"catalogue prefix {spec.prefix!r} is the built-in National "
                    "Indicator Set's; a local catalogue needs a prefix of its own "
                    "(e.g. CSC)",
                    file,
                )
            )
            continue
        prev = prefixes.setdefault(key, raw)
        if prev is not raw:
            problems.append(
                _problem_at(
                    raw,
                    "prefix",
                    f"catalogue prefix {spec.prefix!r} is declared twice (first "
                    f"{_written_at(prev, 'prefix')}); prefixes compare ignoring case",
                    file,
                )
            )
    return problems


def build_plan(
    document: PlanDocument,
    tree: dict[str, Any],
    *,
    file: str | None,
    base_dir: str | None,
    positions: dict[int, tuple[int, int]] | Callable[[], dict[int, tuple[int, int]]] | None = None,
) -> Plan:
    """Flatten a validated document into a :class:`Plan`: every node with its parents, file order
    and position (from the parsed ``tree``'s marks, or ``positions`` by the id of each raw mapping),
    the owners' and groups' lines, the catalogues and the indicators referred to but not written.
    Duplicate ids, unknown outcomes and catalogues that cannot be built raise :class:`PlanError`."""
    from ..model.frameworks import frameworks

    plan = Plan(document=document, file=file, base_dir=base_dir)
    problems: list[Problem] = []
    order = 0

    where = positions() if callable(positions) else positions or {}

    def pos(raw: Any) -> tuple[int | None, int | None]:
        if isinstance(raw, (LocMap, LocList)):
            return raw.line, raw.column
        return where.get(id(raw), (None, None))

    nodes = plan.nodes
    parents_of = plan.parents
    lead_texts = plan.lead_texts
    no_position = (None, None)
    meta = document.plan
    known = frameworks()
    valid = known[meta.framework].ids if meta.framework in known else None
    bad_outcomes: list[NodeSpec] = []  # nodes naming an outcome the framework does not have
    referring: list[NodeSpec] = []  # nodes listing indicators

    def add(node: NodeSpec, raw: Any, parent: str | None, container: str) -> None:
        # Called once per node of the plan: written for speed (no per-node helper calls).
        nonlocal order
        if isinstance(raw, (LocMap, LocList)):
            line, col = raw.line, raw.column
        else:
            line, col = where.get(id(raw), no_position)
        # Straight into the private attributes (pydantic's __setattr__ costs a microsecond each).
        private = node.__pydantic_private__
        if private is None:  # pragma: no cover - a model built without validation
            node._file = file
            private = node.__pydantic_private__
        assert private is not None
        private.update(_file=file, _line=line, _column=col, _order=order, _container=container)
        order += 1
        fields = node.__dict__
        node_id = fields["id"]
        if node_id in nodes or node_id == meta.id:
            problems.append(
                Problem(
                    duplicate_id(node_id, f"line {nodes[node_id]._line}")
                    if node_id in nodes
                    else f"id {node_id!r} is the plan's own id; ids must be unique across the plan",
                    file=file,
                    line=line,
                    column=col,
                )
            )
            return
        nodes[node_id] = node
        outcomes = fields["outcomes"]
        if outcomes and valid is not None and not all(o in valid for o in outcomes):
            bad_outcomes.append(node)
        kind = type(node).kind
        if kind == "indicator":
            same = plan.indicator_aliases.setdefault(code_key(node_id), node_id)
            if same != node_id:  # (one code written two ways: NI72 and NI 72)
                problems.append(
                    Problem(
                        duplicate_code(node_id, same, f"line {nodes[same]._line}"),
                        file=file,
                        line=line,
                        column=col,
                    )
                )
            return
        if kind == "vision":
            return
        if fields.get("indicators"):
            referring.append(node)
        lead = fields.get("lead")
        if lead:
            if lead.__class__ is str:
                lead_texts.add(lead)
            else:
                lead_texts.update(lead)
        parent_field = fields.get("parent")
        parents_field = fields.get("parents")
        if not parent_field and not parents_field:
            parents_of[node_id] = (parent,) if parent else ()
        else:
            explicit = ([parent_field] if parent_field else []) + list(parents_field or ())
            all_parents = ([parent] if parent else []) + [p for p in explicit if p != parent]
            parents_of[node_id] = tuple(dict.fromkeys(all_parents))
        for list_name in CHILD_LISTS[kind]:
            children = fields[list_name]
            if not children:
                continue
            raw_children = (raw.get(list_name) or []) if isinstance(raw, dict) else []
            where_children = f"{container}.{list_name}"
            for child, raw_child in zip(children, raw_children):
                add(child, raw_child, node_id, where_children)  # noqa: F821 (itself: unbound with del below)

    if document.vision is not None:
        add(document.vision, tree.get("vision"), None, "vision")
    for list_name in ("priorities", "aims", "objectives", "milestones", "indicators"):
        for node, raw in zip(getattr(document, list_name), tree.get(list_name) or []):
            add(node, raw, None, list_name)
    # (``add`` calls itself through its closure, which holds the plan: unbound, the plan is freed
    # as soon as its caller lets go of it, not at the garbage collector's next full pass)
    del add

    # Plan-wide findings point at the plan's own mapping (``plan:``).
    line, col = pos(tree.get("plan"))
    if line is not None:
        plan.locations.setdefault(meta.id, Location(file, line, col))
    for owner, raw in zip(document.owners, tree.get("owners") or []):
        plan.owner_lines.setdefault(owner.id, pos(raw))
    for group, raw in zip(document.groups, tree.get("groups") or []):
        plan.group_lines.setdefault(group.id, pos(raw))
    problems += _declared_twice(document, tree, file)
    problems += _outcome_problems(document, tree, bad_outcomes, file)
    if problems:
        raise PlanError(problems)

    problems += _build_catalogues(plan, tree, base_dir, file)
    if problems:
        raise PlanError(problems[:50])

    _add_implicit_indicators(plan, referring)
    return plan


def _outcome_problems(
    document: PlanDocument, tree: dict[str, Any], bad_outcomes: list[NodeSpec], file: str | None
) -> list[Problem]:
    """An unknown framework (at the plan's ``framework`` key), or each outcome a node names that
    its framework does not have (``bad_outcomes``: the nodes naming one)."""
    from ..model.frameworks import frameworks

    known = frameworks()
    framework = document.plan.framework
    if framework not in known:
        line, col = getattr(tree["plan"], "key_pos", {}).get("framework", (None, None))
        return [Problem(unknown_framework(framework, known), file=file, line=line, column=col)]
    valid = known[framework].ids
    return [
        Problem(
            unknown_outcome(f"{node.kind} {node.id}", outcome, valid, framework),
            file=file,
            line=node._line,
            column=node._column,
        )
        for node in bad_outcomes
        for outcome in node.outcomes or ()
        if outcome not in valid
    ]


def _build_catalogues(
    plan: Plan, tree: dict[str, Any], base_dir: str | None, file: str | None
) -> list[Problem]:
    """The built-in NI set plus the plan's local catalogues, into ``plan.catalogues``. A catalogue
    that cannot be built is reported at its entry of ``catalogues:`` (at its ``entries`` key when
    it has one), with the problems of every other catalogue."""
    from ..reference.catalogue import national_indicators
    from ..reference.local import build_catalogue

    problems: list[Problem] = []
    plan.catalogues = {"NI": national_indicators()}
    raw_specs = tree.get("catalogues") or []
    for i, spec in enumerate(plan.document.catalogues):
        raw = raw_specs[i] if i < len(raw_specs) else None
        try:
            plan.catalogues[spec.prefix.upper()] = build_catalogue(
                spec, base_dir=base_dir, plan=plan
            )
        except CatalogueError as exc:
            raw_entries = raw.get("entries") if isinstance(raw, dict) else None
            if (
                exc.entry is not None
                and isinstance(raw_entries, list)
                and exc.entry < len(raw_entries)
            ):
                raw = raw_entries[exc.entry]  # (an entry written in the plan: at its own line)
            problems.append(_problem_at(raw, "entries", f"catalogue: {exc}", file))
    return problems


def _add_implicit_indicators(plan: Plan, referring: list[NodeSpec]) -> None:
    """Create the indicators the nodes ``referring`` list but the plan does not declare."""
    from ..reference.catalogue import code_prefix

    for node in referring:
        if not isinstance(node, (Priority, Aim, Objective)):
            continue
        for ref in node.indicators:
            key = code_key(ref.id)
            if key in plan.indicator_aliases:
                continue
            prefix = code_prefix(ref.id)
            if prefix is None or prefix not in plan.catalogues:
                continue  # a broken reference (OG104)
            entry, how = plan.catalogues[prefix].resolve(ref.id)
            if entry is None:
                title = ref.title or ref.id
            elif (
                how != "listed"
            ):  # (an unlisted letter, NI 102c: a part of its parent, not the parent)
                title = f"Part of {entry.code}: {entry.title}"
            else:
                title = entry.title
            ind = Indicator(id=ref.id, title=title)  # outcomes: the catalogue's (effective value)
            ind._file = plan.file
            ind._line = node._line
            ind._column = node._column
            ind._order = len(plan.nodes)
            ind._container = "implicit"
            plan.nodes[ref.id] = ind
            plan.implicit_indicators.add(ref.id)
            plan.indicator_aliases[key] = ref.id
