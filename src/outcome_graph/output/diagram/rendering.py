"""Drawing with Graphviz: the output formats, :func:`pipe` (DOT text to SVG, PNG or PDF with
Graphviz's ``dot`` program) and :func:`render` (a plan to a diagram's bytes or file).

The ``graphviz`` package (which names the ``dot`` command for a format) is imported only when a
diagram is drawn.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from ...errors import OptionError, RenderError
from .options import PLURAL, diagram_options
from .views import to_dot

if TYPE_CHECKING:
    from ...config import Config
    from ...findings import Report
    from ...graph.facts import PlanFacts
    from ...model.plan import Plan
    from .options import DiagramOptions

#: Output formats, by file suffix.
FORMATS: dict[str, str] = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}
#: Where Graphviz comes from.
GRAPHVIZ_SOURCES = (
    "Debian/Ubuntu: apt-get install graphviz; Fedora: dnf install graphviz; macOS: brew install "
    "graphviz; Windows: winget install graphviz"
)
GRAPHVIZ_HINT = (
    f"install Graphviz to draw {{fmt}} files ({GRAPHVIZ_SOURCES}), or write a .dot file and "
    "render it elsewhere"
)
#: Nodes beyond which a drawn diagram is too large to read whole (:class:`LargeDiagramWarning`).
LARGE_DIAGRAM = 400


class DiagramWarning(UserWarning):
    """Something about a diagram drawn that its reader should know (the CLI prints it as a
    notice)."""


class LargeDiagramWarning(DiagramWarning):
    """A diagram of more nodes than a page or a screen can show readably, or a PNG Graphviz had to
    shrink (the CLI prints it as a notice): a view
    (focus, levels, outcome) draws part of the plan."""


class InferredSliceWarning(DiagramWarning):
    """An outcome's slice drawn from the indicators the plan lists, where its priorities, aims,
    objectives or milestones do not say which outcomes
    they serve (the CLI prints it as a notice)."""


class GraphvizWarning(DiagramWarning):
    """A warning Graphviz gave while drawing (it drew the diagram, perhaps not as laid out): printed
    by ``dot`` on its error output alone, where no one would see it."""


def format_for_path(path: str | os.PathLike[str]) -> str:
    """The output format a file name asks for (by its suffix).

    >>> format_for_path("logic-model.SVG"), format_for_path("plan.gv")
    ('svg', 'dot')
    """
    suffix = Path(path).suffix.lower()
    fmt = FORMATS.get(suffix)
    if fmt is None:
        if not suffix:
            raise OptionError(
                f"{os.fspath(path)!r} is neither an output format (svg, png, pdf, dot) nor a file "
                "name ending in .svg, .png, .pdf or .dot"
            )
        raise OptionError(
            f"{os.fspath(path)}: cannot tell the format from the suffix {suffix!r}; "
            "use .svg, .png, .pdf or .dot"
        )
    return fmt


def pipe(dot_text: str, fmt: str, *, dpi: float | None = None) -> bytes:
    """Lay out DOT text with Graphviz's ``dot`` and return the ``svg``, ``png`` or ``pdf`` bytes
    (a PNG at ``dpi`` pixels an inch, by default Graphviz's 96).

    Raises
    ------
    RenderError
        When Graphviz is not installed (the message says how to install it) or fails.
    """
    if fmt == "dot":
        return dot_text.encode("utf-8")
    if fmt not in ("svg", "png", "pdf"):
        raise RenderError(f"unknown diagram format {fmt!r}; use svg, png, pdf or dot")
    import subprocess

    from graphviz.backend.dot_command import command

    from ...forking import start_process, stop_process

    args = [
        os.fspath(part)
        for part in command("dot", fmt, renderer="cairo" if fmt in ("png", "pdf") else None)
    ]
    if dpi is not None and fmt == "png":  # (in the DOT text it would scale an SVG's points too)
        args.append(f"-Gdpi={dpi:g}")
    hidden: dict[str, Any] = {}
    if sys.platform == "win32":  # pragma: no cover - no console window flashing up for `dot`
        hidden["startupinfo"] = subprocess.STARTUPINFO(dwFlags=subprocess.STARTF_USESHOWWINDOW)
    try:
        # (started so that a signal stopping the command stops `dot` too, even one that arrives
        # while `dot` is being started; killed on any error or interruption while it draws)
        process = start_process(
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **hidden
        )
    except FileNotFoundError:
        raise RenderError(
            "Graphviz's `dot` program was not found: " + GRAPHVIZ_HINT.format(fmt=fmt.upper())
        ) from None
    except OSError as exc:
        raise RenderError(f"Graphviz could not be run: {exc}") from None
    with process:
        try:
            data, errors = process.communicate(dot_text.encode("utf-8"))
        except BaseException:
            stop_process(process)
            raise
    if process.returncode and (apart := _without_concentrate(dot_text)) is not None:
        # (Graphviz 2.43 crashes merging the lines of a few layouts: they are drawn apart instead)
        return pipe(apart, fmt, dpi=dpi)
    if process.returncode:
        detail = errors.decode("utf-8", "replace").strip()
        raise RenderError(
            "Graphviz could not draw the diagram: "
            f"{detail or f'dot ended with status {process.returncode}'}"
        )
    _pass_on_warnings(errors)
    if fmt == "pdf":
        data = _without_creation_date(data)
    return data


def _without_concentrate(dot_text: str) -> str | None:
    """The DOT text with its graph's ``concentrate=true`` turned off (None: it has none). Only the
    graph's own attribute, above the first node: plan text further down is left as it is."""
    head, sep, rest = dot_text.partition("\n  node ")
    if "\n  concentrate=true;" not in head:
        return None
    return head.replace("\n  concentrate=true;", "\n  concentrate=false;", 1) + sep + rest


def _without_creation_date(pdf: bytes) -> bytes:
    """A PDF without the time it was drawn at (cairo writes it in the document's information), so
    that the same plan draws the same bytes. The entry becomes spaces of its length: every offset
    in the file's cross-reference table stays right."""
    import re

    return re.sub(rb"/CreationDate\s*\(D:[^)]*\)", lambda m: b" " * len(m.group(0)), pdf, count=1)


#: A picture whose long side passes this (in points: 139 inches) and is more than STRIP times its
#: short side is a strip: no page prints it and no
#: screen shows it readably (:func:`_warn_if_strip`).
STRIP_LENGTH = 10_000
STRIP = 10


def picture_size(data: bytes, fmt: str) -> tuple[float, float] | None:
    """The width and height of a drawn diagram in points (None: not known for ``fmt``)."""
    import re

    if fmt == "svg":
        m = re.search(rb'<svg[^>]*?\bwidth="([0-9.]+)pt"[^>]*?\bheight="([0-9.]+)pt"', data[:4000])
        return (float(m.group(1)), float(m.group(2))) if m else None
    if fmt == "png" and data[12:16] == b"IHDR":  # (Graphviz draws bitmaps at 96 pixels an inch)
        return int.from_bytes(data[16:20], "big") * 0.75, int.from_bytes(data[20:24], "big") * 0.75
    if fmt == "pdf":
        m = re.search(rb"/MediaBox\s*\[\s*[0-9.]+\s+[0-9.]+\s+([0-9.]+)\s+([0-9.]+)\s*\]", data)
        return (float(m.group(1)), float(m.group(2))) if m else None
    return None


def _warn_if_strip(data: bytes, fmt: str, left_to_right: bool) -> None:
    """Say so when a diagram comes out as a strip, many times longer than it is wide (a
    top-to-bottom logic model of a few hundred nodes is 29,000 points wide and 770 high), with what
    lays it out otherwise."""
    size = picture_size(data, fmt)
    if size is None:
        return
    width, height = size
    long, short = max(width, height), max(min(width, height), 1)
    if long <= STRIP_LENGTH or long / short <= STRIP:
        return
    import warnings

    advice = (
        "--focus ID or --outcome draws part of the plan"
        if left_to_right
        else "--direction LR lays it out left to right, and --focus ID, --levels or --outcome "
        "draws part of the plan"
    )
    warnings.warn(
        f"the picture is a strip {width:,.0f} points wide and {height:,.0f} high "
        f"({width / 72:,.0f} by {height / 72:,.0f} inches), too long to print or to read on a "
        f"screen; {advice}",
        LargeDiagramWarning,
        stacklevel=3,
    )


def _pass_on_warnings(errors: bytes) -> None:
    """Pass on what ``dot`` wrote on its error output alone while drawing, each line once: a bitmap
    it shrank to fit its largest size (32,767 pixels a side), whose text can be too small to read,
    worded for the reader; any other line as Graphviz's warning."""
    import re
    import warnings

    lines = errors.decode("utf-8", "replace").splitlines()
    for line in dict.fromkeys(line.strip() for line in lines if line.strip()):
        shrunk = re.search(r"too large for cairo-renderer bitmaps\. Scaling by ([0-9.]+)", line)
        if shrunk is not None:
            warnings.warn(
                "the diagram is too large for a PNG at full size: Graphviz shrank it to "
                f"{float(shrunk.group(1)):.0%} (its text may be too small to read); write .svg "
                "or .pdf, or draw part of the plan (--focus ID or --outcome)",
                LargeDiagramWarning,
                stacklevel=3,
            )
        else:
            warnings.warn(
                f"Graphviz: {line.removeprefix('Warning: ')}", GraphvizWarning, stacklevel=3
            )


#: The resolution of a PNG fitted to a page (``page``): enough to print it sharp.
PRINT_DPI = 150
#: The size of a node's smallest title (indicators', milestones'), in points, and the smallest that
#: reads on paper: a diagram fitted to a page that shrinks one to less than the other is unreadable.
TEXT_SIZE = 9
READABLE_SIZE = 6


def _scale(svg: bytes) -> float:
    """The factor Graphviz shrank a drawing by to fit its ``size`` (written in the SVG's first
    ``transform``; 1 when it was not shrunk)."""
    import re

    m = re.search(rb'transform="scale\(([0-9.]+)', svg[:4000])
    return float(m.group(1)) if m else 1.0


def _readable(plan: Plan, opts: DiagramOptions, config: Config | None) -> bool:
    """Whether the view ``opts`` of the plan, fitted to its page, keeps its text readable."""
    return TEXT_SIZE * _scale(pipe(to_dot(plan, opts, config=config), "svg")) >= READABLE_SIZE


def _warn_if_unreadable(
    plan: Plan, opts: DiagramOptions, svg: bytes, config: Config | None = None
) -> None:
    """Say so when a diagram fitted to a page (``opts.page``) is shrunk so far that its text is
    too small to read, with views of the plan that do fit the page readably, in the plan's own ids
    (tried by drawing them), or else the views that draw part of the plan."""
    scale = _scale(svg)
    if TEXT_SIZE * scale >= READABLE_SIZE:
        return
    import warnings

    from .options import PAGES, top_level_ids

    page = PAGES[opts.page][0] if opts.page else ""
    advice = readable_views(plan, opts, config)
    if not advice:
        views = "--focus ID or --outcome" if opts.owners else "--focus ID, --levels or --outcome"
        advice = f"{views} draw part of the plan{top_level_ids(plan)}"
    larger = _page_that_fits(opts.page, picture_size(svg, "svg"), scale) if opts.page else None
    if larger is not None:
        shown = larger.upper().replace("-PORTRAIT", "-portrait")
        advice = f"--page {shown} fits it readably ({PAGES[larger][0]}); or {advice}"
    warnings.warn(
        f"fitted to an {page} page the diagram is shrunk to {scale:.0%}: its {TEXT_SIZE}-point "
        f"text comes out at {TEXT_SIZE * scale:.1f} points, too small to read ({READABLE_SIZE} "
        f"or more is); {advice}",
        LargeDiagramWarning,
        stacklevel=3,
    )


def _page_that_fits(page: str, size: tuple[float, float] | None, scale: float) -> str | None:
    """The page of the other orientation, or the A3 page for an A4 one, that the drawing fitted to
    ``page`` (``size`` points at ``scale``) would keep readable, worked out from its size (a
    drawing's layout does not depend on its page); ``None`` when none does.

    >>> # (1,600 by 600 points: A3 landscape takes it at 69%)
    >>> _page_that_fits("a4", (800.0, 300.0), 0.5)
    'a3'
    >>> _page_that_fits("a4", (300.0, 800.0), 0.6), _page_that_fits("a3", (800.0, 300.0), 0.1)
    ('a3-portrait', None)
    """
    from .options import PAGE_MARGIN, PAGES

    if size is None or scale <= 0:
        return None
    natural = (size[0] / scale, size[1] / scale)
    size_name, _, portrait = page.partition("-")
    flip = size_name if portrait else f"{size_name}-portrait"
    tried = [flip] + (["a3-portrait", "a3"] if portrait else ["a3", "a3-portrait"]) * (
        size_name == "a4"
    )
    for other in tried:
        _, width, height = PAGES[other]
        fits = min(
            1.0,
            (width - 2 * PAGE_MARGIN) * 72 / natural[0],
            (height - 2 * PAGE_MARGIN) * 72 / natural[1],
        )
        if TEXT_SIZE * fits >= READABLE_SIZE:
            return other
    return None


#: How many levels down :func:`readable_views` looks for a part of the plan that fits a page.
ADVICE_DEPTH = 3


def readable_views(plan: Plan, opts: DiagramOptions, config: Config | None = None) -> str:
    """What to draw instead of a view too large for its page, as ``render``'s options with the
    plan's own ids, each tried and found to fit the page readably: one part a page (the largest part
    of its level, its siblings in turn; without indicators when that is what makes it fit, or a
    level further down), and for a whole logic model
    its two upper levels. "" when nothing tried fits."""
    from dataclasses import replace

    from ...graph.facts import PlanFacts
    from .layout import levels_for

    facts = PlanFacts(plan)
    said = []
    parts = (
        list(facts.children.get(opts.focus, ()))
        if opts.focus is not None
        else [n for n in plan.nodes if plan.nodes[n].kind == _top_kind(facts)]
    )
    drawn = levels_for(plan, facts, opts) if not opts.owners else ()
    fewer = tuple(lv for lv in drawn if lv != "indicator")
    for depth in range(ADVICE_DEPTH):
        parts = [n for n in parts if plan.nodes[n].kind not in ("indicator", "milestone")]
        if not parts:
            break
        largest = max(parts, key=lambda n: (len(facts.descendants(n)), -parts.index(n)))
        kind = plan.nodes[largest].kind
        if depth == 0:  # (the parts of the plan, or of the node in focus: each named)
            others = [n for n in parts if n != largest]
            turn = f"one {kind} a page, then {_listed(others)}" if others else f"the {kind} alone"
        else:  # (a level further down: the largest of its kind, which the others fit as well)
            turn = (
                f"one {kind} a page, the largest; each of the plan's {len(facts.ids_of(kind))} "
                f"{PLURAL[kind]} in turn"
            )
        if _readable(plan, replace(opts, focus=largest), config):
            said.append(f"--focus {largest} ({turn})")
            break
        if (
            fewer != drawn
            and fewer
            and _readable(plan, replace(opts, focus=largest, levels=fewer), config)
        ):
            said.append(
                f"--focus {largest} --levels {','.join(fewer)} ({turn}, without indicators)"
            )
            break
        parts = list(facts.children.get(largest, ()))
    if not opts.owners and opts.focus is None and opts.outcome is None:
        hierarchy = [lv for lv in drawn if lv not in ("vision", "indicator", "milestone")]
        upper = tuple(lv for lv in drawn if lv == "vision" or lv in hierarchy[:2])
        if (
            upper != drawn
            and hierarchy[2:]
            and _readable(plan, replace(opts, levels=upper), config)
        ):
            said.append(
                f"--levels {','.join(upper)} (the whole plan's "
                f"{' and '.join(PLURAL[lv] for lv in hierarchy[:2])})"
            )
    return (
        f"{' or '.join(said)} fit{'s' if len(said) == 1 else ''} that page readably" if said else ""
    )


def _top_kind(facts: PlanFacts) -> str | None:
    """The highest level below the vision that the plan uses."""
    return next(
        (lv for lv in ("priority", "aim", "objective", "milestone") if lv in facts.levels_used),
        None,
    )


def _listed(ids: list[str], most: int = 6) -> str:
    """'P1, P2 and P4' (the first ``most``, then how many more)."""
    if len(ids) > most:
        return f"{', '.join(ids[:most])} and {len(ids) - most} more"
    return ids[0] if len(ids) == 1 else f"{', '.join(ids[:-1])} and {ids[-1]}"


@overload
def render(
    plan: Plan,
    path_or_format: Literal["svg", "png", "pdf", "dot"],
    *,
    findings: Report | bool | None = None,
    config: Config | Mapping[str, Any] | None = None,
    milestones: bool = False,
    levels: str | Iterable[str] | None = None,
    focus: str | None = None,
    outcome: str | int | None = None,
    owners: bool = False,
    direction: str = "LR",
    title: bool = True,
    page: str | None = None,
) -> bytes: ...
@overload
def render(
    plan: Plan,
    path_or_format: os.PathLike[str],
    *,
    findings: Report | bool | None = None,
    config: Config | Mapping[str, Any] | None = None,
    milestones: bool = False,
    levels: str | Iterable[str] | None = None,
    focus: str | None = None,
    outcome: str | int | None = None,
    owners: bool = False,
    direction: str = "LR",
    title: bool = True,
    page: str | None = None,
) -> Path: ...
@overload
def render(
    plan: Plan,
    path_or_format: str,
    *,
    findings: Report | bool | None = None,
    config: Config | Mapping[str, Any] | None = None,
    milestones: bool = False,
    levels: str | Iterable[str] | None = None,
    focus: str | None = None,
    outcome: str | int | None = None,
    owners: bool = False,
    direction: str = "LR",
    title: bool = True,
    page: str | None = None,
) -> bytes | Path: ...
def render(
    plan: Plan,
    path_or_format: str | os.PathLike[str],
    *,
    findings: Report | bool | None = None,
    config: Config | Mapping[str, Any] | None = None,
    milestones: bool = False,
    levels: str | Iterable[str] | None = None,
    focus: str | None = None,
    outcome: str | int | None = None,
    owners: bool = False,
    direction: str = "LR",
    title: bool = True,
    page: str | None = None,
) -> bytes | Path:
    """Draw a plan's logic model (or owner view) as SVG, PNG, PDF or DOT.

    Parameters
    ----------
    plan : Plan
        A loaded plan.
    path_or_format : str or path
        ``"svg"``, ``"png"``, ``"pdf"`` or ``"dot"`` to get the bytes, or a file path whose suffix
        (``.svg``, ``.png``, ``.pdf``, ``.dot``) gives the format: the file is written whole or not
        at all, and never over the plan's own file. A path object (``Path("svg")``) is always a
        path.
    findings : Report or bool, optional
        Mark findings on the diagram: a :class:`~outcome_graph.findings.Report`, or ``True`` to
        check the plan with ``config``.
    config : Config or mapping, optional
        The configuration for the check and the owner view's thresholds (a mapping holds a
        configuration file's keys, as for :func:`outcome_graph.check`).
    milestones, levels, focus, outcome, owners, direction, title
        What to draw (see :class:`DiagramOptions`); ``outcome`` by its id, title or short name, or
        its number on the diagram's chips (``3`` or ``"3"``), as ``render --outcome`` takes it.
    page : str, optional
        Shrink the diagram to fit a page within margins: ``"a4"`` or ``"a3"`` (landscape),
        ``"a4-portrait"`` or ``"a3-portrait"``.

    Returns
    -------
    bytes or pathlib.Path
        The diagram's bytes for a format name, else the path written.

    Raises
    ------
    OptionError
        An unknown level, node id, outcome, direction or file suffix (with the nearest valid value).
    RenderError
        Graphviz is missing (except for DOT) or fails.

    Warns
    -----
    LargeDiagramWarning
        The diagram draws more nodes than can be read whole, Graphviz shrank a PNG to fit its
        largest bitmap, or fitted to ``page`` its text is too small to read.
    InferredSliceWarning
        The ``outcome`` slice takes work the plan leaves untagged to serve the outcomes of the
        indicators measuring it.

    Examples
    --------
    >>> from outcome_graph import load
    >>> plan = load('''
    ... format: outcome-graph/v1
    ... plan: {id: demo, period: {start: 2011-04-01, end: 2012-03-31}}
    ... priorities: [{id: P1, title: Children are safe, outcomes: [stay_safe]}]
    ... ''')
    >>> render(plan, "dot").startswith(b'digraph "demo"')
    True
    """

    from ...config import as_config
    from ...findings import require_report
    from ...model.plan import require_plan

    require_plan("render", plan)
    require_report("render", "findings", findings, flag=True)
    config = as_config("render", config)
    target: Path | None = None
    text = os.fspath(path_or_format)
    if not text:  # (as a path, "" is the current folder: the error named '.')
        raise OptionError(
            "no output format or file name given: use svg, png, pdf or dot, or a file name "
            "ending in .svg, .png, .pdf or .dot"
        )
    if isinstance(path_or_format, str) and text.lower() in (
        "svg",
        "png",
        "pdf",
        "dot",
    ):  # (a path object is a path)
        fmt = text.lower()
    else:
        target = Path(text)
        fmt = format_for_path(target)
        if plan.file:
            from ..files import refuse_input_as_output

            refuse_input_as_output(target, [plan.file])
    report: Report | None
    if findings is True:
        from ...rules.engine import check

        report = check(plan, config)
    elif findings is False or findings is None:
        report = None
    else:
        report = findings
    opts = diagram_options(
        plan,
        levels=levels,
        milestones=milestones,
        focus=focus,
        outcome=outcome,
        owners=owners,
        direction=direction,
        findings=report,
        title=title,
        page=page,
    )
    text = to_dot(plan, opts, config=config)
    drawn = text.count('class="og-node ')
    if drawn > LARGE_DIAGRAM and fmt != "dot":
        import warnings

        views = "--focus ID or --outcome" if opts.owners else "--focus ID, --levels or --outcome"
        warnings.warn(
            f"the diagram draws {drawn:,} nodes in one picture, too many to read on a page or a "
            f"screen; {views} draw part of the plan",
            LargeDiagramWarning,
            stacklevel=2,
        )
    data = pipe(text, fmt, dpi=PRINT_DPI if opts.page is not None else None)
    _warn_if_strip(data, fmt, opts.owners or opts.direction == "LR")
    if opts.page is not None and fmt != "dot":
        _warn_if_unreadable(plan, opts, data if fmt == "svg" else pipe(text, "svg"), config)
    if fmt == "svg":
        data = text_alternative(data, plan, owners=opts.owners, nodes=drawn, findings=report)
    if target is None:
        return data
    from ..files import atomic_write_bytes

    atomic_write_bytes(target, data)
    return target


def text_alternative(
    svg: bytes, plan: Plan, *, owners: bool = False, nodes: int = 0, findings: Report | None = None
) -> bytes:
    """Graphviz's SVG with a title and a description of its own, for a screen reader or a page
    that shows the file as an image, in place of the names Graphviz gives the graph and each
    priority's box (the plan's id, ``cluster_0``), which a browser also shows as tooltips."""
    import re

    from ..escape import html_text

    view = "Owner view" if owners else "Logic model"
    title = f"{view} of {plan.title}"
    about = (
        "Each owner with the milestones they lead"
        if owners
        else "Each box is a node of the plan, with its id, its title and the rule codes of its "
        "findings; an arrow runs from a node to each node under it"
    )
    counted = f"{nodes:,} node{'' if nodes == 1 else 's'}"
    if findings is not None:
        counts = findings.counts
        counted += ", " + ", ".join(
            f"{counts[s]} {s}{'' if s == 'info' or counts[s] == 1 else 's'}"
            for s in ("error", "warning", "info")
        )
    text = describe_nodes(svg.decode("utf-8"))
    text = re.sub(
        r'(<g id="[^"]+" class="(?:graph|cluster)[^"]*"[^>]*>\s*)<title>[^<]*</title>', r"\1", text
    )
    text = re.sub(
        r"(<svg\b[^>]*>)",
        lambda m: (
            f"{m.group(1)}\n<title>{html_text(title)}</title>\n"
            f"<desc>{html_text(about)}. {html_text(counted)}.</desc>"
        ),
        text,
        count=1,
    )
    return text.encode("utf-8")


def describe_nodes(svg: str) -> str:
    """Graphviz's SVG with each node's tooltip (its kind, title, outcomes, lead and findings) also
    in a ``<desc>``: a tooltip shows to a mouse alone, a description is read with the node by a
    screen reader (the node's ``<title>``, its id, stays its name)."""
    import re

    return re.sub(
        r'(<g id="[^"]+" class="node[^"]*"[^>]*>\s*<title>[^<]*</title>)(\s*<g '
        r'id="a_[^"]*">\s*<a xlink:title="([^"]*)")',
        lambda m: f"{m.group(1)}\n<desc>{m.group(3)}</desc>{m.group(2)}",
        svg,
    )
