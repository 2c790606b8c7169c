"""A plan as pandas tables for analysts: milestones, indicators, owner load, outcome coverage and
the findings of a check.

:func:`table` returns a :class:`pandas.DataFrame`; :func:`format_table` renders it as readable text
and :func:`write_table` writes it to ``.csv`` or ``.xlsx`` (text cells that a spreadsheet program
would run as formulas are written as text, see :mod:`outcome_graph.output.workbook`).

The values are the effective ones the rules use (:class:`~outcome_graph.graph.facts.PlanFacts`):
a milestone's owners include the lead it takes from its objective, its dates come from ``due`` or
are read from its ``timescale``, a node's outcomes include those it inherits.
"""

from __future__ import annotations

import io
import os
import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from ..errors import OptionError

if TYPE_CHECKING:
    from collections.abc import Mapping

    import pandas

    from ..config import Config
    from ..findings import Report
    from ..graph.facts import PlanFacts
    from ..model.plan import Plan

__all__ = ["TABLES", "TEXT_COLUMNS", "table", "format_table", "write_table", "table_bytes"]

#: The tables :func:`table` makes, with what each row is.
TABLES: dict[str, str] = {
    "milestones": "one row per milestone: dates read from due/timescale, effective owners, status",
    "indicators": "one row per indicator value (baseline, target, actual); indicators without "
    "values get one row",
    "owners": "one row per owner: milestones led, and milestones due in each month of the plan "
    "period (a period over twenty years: each month one is due in) (no_month: undated, "
    "ongoing, deferred, or ending on a year alone, as OG303 counts)",
    "coverage": "one row per priority: nodes of its branch (at the coverage level: objectives, "
    "else aims or priorities) carrying each framework outcome, and indicators measuring each "
    "outcome there",
    "findings": "one row per finding of a check: the rule, the node with its priority, aim and "
    "objective, the owners who lead it (an indicator: those of the nodes it measures), the "
    "message and hint, and where it is written (an action log to share out)",
}

#: The columns a text table shows by default (a terminal is narrower than a spreadsheet).
TEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    "milestones": ("id", "title", "owners", "timescale", "start", "end", "status"),
    "indicators": ("indicator", "title", "value_kind", "node", "period", "value", "change", "text"),
    "owners": (),
    "coverage": (),
    "findings": ("rule", "severity", "node", "priority", "owners", "message"),
}


def _join(items: Any) -> str:
    return "; ".join(str(i) for i in items)


def _lead_text(lead: str | list[str] | None) -> str | None:
    if lead is None:
        return None
    return lead if isinstance(lead, str) else _join(lead)


def _due_text(due: Any) -> str | None:
    from ..model.document import DueRange

    if due is None:
        return None
    if isinstance(due, DueRange):
        return f"{due.from_}..{due.to}"
    if isinstance(due, list):
        return _join(_due_text(d) for d in due)
    return str(due)


def _milestones(plan: Plan, facts: PlanFacts) -> pandas.DataFrame:
    import pandas as pd

    from ..model.document import Milestone

    as_of = plan.meta.as_of
    # (the objective, aim and priority each milestone is under: the nearest on each way up)
    objective, aim, priority = (
        facts.nearest_of_kind(kind) for kind in ("objective", "aim", "priority")
    )
    rows = []
    for node in plan.nodes.values():
        if not isinstance(node, Milestone):
            continue
        timing = facts.timing.get(node.id)
        span = timing.span if timing is not None else None
        owners = facts.lead_owners.get(node.id, ())
        inherited = bool(owners) and not node.lead
        rows.append(
            {
                "id": node.id,
                "number": node.number,
                "title": node.title,
                "parents": _join(facts.parents.get(node.id, ())),
                "objective": _join(objective(node.id)) or None,
                "aim": _join(aim(node.id)) or None,
                "priority": _join(priority(node.id)) or None,
                "lead": _lead_text(node.lead),
                "owners": _join(owners) or None,
                "lead_inherited": inherited,
                "timescale": node.timescale,
                "due": _due_text(node.due),
                "timing": timing.kind if timing is not None else None,
                "start": pd.Timestamp(span.start) if span is not None else pd.NaT,
                "end": pd.Timestamp(span.end) if span is not None else pd.NaT,
                "interpretation": timing.interpretation if timing is not None else None,
                "status": node.status,
                # (as OG403 judges it: ongoing work spans the plan period and is never overdue)
                "overdue": bool(
                    as_of is not None
                    and span is not None
                    and timing is not None
                    and timing.kind == "dated"
                    and span.end < as_of
                    and node.status != "done"
                ),
                "outcomes": _join(facts.outcomes.get(node.id, ())) or None,
            }
        )
    columns = [
        "id",
        "number",
        "title",
        "parents",
        "objective",
        "aim",
        "priority",
        "lead",
        "owners",
        "lead_inherited",
        "timescale",
        "due",
        "timing",
        "start",
        "end",
        "interpretation",
        "status",
        "overdue",
        "outcomes",
    ]
    df = pd.DataFrame(rows, columns=columns)
    for col in ("start", "end"):
        df[col] = pd.to_datetime(df[col])
    return df


def _indicators(plan: Plan, facts: PlanFacts) -> pandas.DataFrame:
    import pandas as pd

    from ..analysis.timescale import parse_value_period
    from ..model.document import Indicator, Value
    from ..reference.catalogue import code_prefix

    def period_bounds(period: str) -> tuple[Any, Any]:
        try:
            iv = parse_value_period(period)
        except ValueError:
            return pd.NaT, pd.NaT
        return pd.Timestamp(iv.start), pd.Timestamp(iv.end)

    # Targets stated by a node for a shared indicator.
    own: dict[str, list[tuple[str, Value]]] = {}
    for node in plan.nodes.values():
        for ref in getattr(node, "indicators", None) or []:
            ind = plan.indicator(ref.id)
            key = ind.id if ind is not None else ref.id
            values = ([ref.target] if ref.target is not None else []) + list(ref.targets or [])
            own.setdefault(key, []).extend((node.id, v) for v in values)

    rows = []
    for node in plan.nodes.values():
        if not isinstance(node, Indicator):
            continue
        base = {
            "indicator": node.id,
            "title": node.title,
            "declared": node.id not in plan.implicit_indicators,
            "catalogue": code_prefix(node.id),
            "direction": node.direction,
            "unit": node.unit,
            "outcomes": _join(facts.outcomes.get(node.id, ())) or None,
            "measures": _join(facts.measures.get(node.id, ())) or None,
        }
        stated: list[tuple[str, str | None, Value]] = []
        if node.baseline is not None:
            stated.append(("baseline", None, node.baseline))
        stated.extend(("target", None, v) for v in node.all_targets())
        stated.extend(("target", n, v) for n, v in own.get(node.id, []))
        stated.extend(("actual", None, v) for v in node.actuals)
        if not stated:
            rows.append(
                {
                    **base,
                    "value_kind": None,
                    "node": None,
                    "period": None,
                    "period_start": pd.NaT,
                    "period_end": pd.NaT,
                    "value": None,
                    "change": None,
                    "comparator": None,
                    "text": None,
                    "source": None,
                }
            )
        for kind, node_id, v in stated:
            start, end = period_bounds(v.period)
            rows.append(
                {
                    **base,
                    "value_kind": kind,
                    "node": node_id,
                    "period": v.period,
                    "period_start": start,
                    "period_end": end,
                    "value": v.value,
                    "change": v.change,
                    "comparator": v.comparator,
                    "text": v.text,
                    "source": v.source,
                }
            )
    columns = [
        "indicator",
        "title",
        "declared",
        "catalogue",
        "direction",
        "unit",
        "outcomes",
        "measures",
        "value_kind",
        "node",
        "period",
        "period_start",
        "period_end",
        "value",
        "change",
        "comparator",
        "text",
        "source",
    ]
    df = pd.DataFrame(rows, columns=columns)
    for col in ("period_start", "period_end"):
        df[col] = pd.to_datetime(df[col])
    df["value"] = pd.to_numeric(df["value"])
    return df


def _owners(plan: Plan, facts: PlanFacts) -> pandas.DataFrame:
    """Milestones per owner and per month, busiest owner first
    (:func:`~outcome_graph.graph.facts.by_load`)."""
    import pandas as pd

    from ..analysis.timescale.intervals import month_columns
    from ..graph.facts import by_load

    start, end = plan.period
    owners = by_load(facts.owners.values())
    timings = facts.timing
    due_months = {
        t.due_month
        for o in owners
        for m in o.milestones
        if (t := timings.get(m)) is not None and t.due_month
    }
    months = [
        f"{y:04d}-{m:02d}"
        for y, m in month_columns((start.year, start.month), (end.year, end.month), due_months)
    ]
    in_columns = set(months)
    rows = []
    for owner in owners:
        due: Counter[str] = Counter()
        no_month = outside = 0
        for m in owner.milestones:
            timing = facts.timing.get(m)
            due_month = timing.due_month if timing is not None else None
            if due_month is None:
                # (undated, ongoing, deferred or ending on a year alone: no month, as OG303 counts)
                no_month += 1
                continue
            key = f"{due_month[0]:04d}-{due_month[1]:02d}"
            if key in in_columns:
                due[key] += 1
            else:
                outside += 1
        rows.append(
            {
                "owner": owner.id,
                "name": owner.name,
                "declared": owner.declared,
                "kind": owner.kind,
                "capacity": owner.capacity,
                "milestones": len(owner.milestones),
                "nodes": len(owner.nodes),
                "no_month": no_month,
                "outside_period": outside,
                **{mo: due.get(mo, 0) for mo in months},
            }
        )
    columns = [
        "owner",
        "name",
        "declared",
        "kind",
        "capacity",
        "milestones",
        "nodes",
        "no_month",
        "outside_period",
        *months,
    ]
    df = pd.DataFrame(rows, columns=columns)
    df["capacity"] = df["capacity"].astype("Int64")
    return df


def _coverage(plan: Plan, facts: PlanFacts) -> pandas.DataFrame:
    import pandas as pd

    outcomes = plan.framework.ids
    level = next((k for k in ("objective", "aim", "priority") if plan.uses_level(k)), None)
    tops = [n for n in plan.nodes.values() if n.kind == "priority"]
    if (
        not tops and level is not None
    ):  # a plan without priorities: one row per node of its coverage level
        tops = [n for n in plan.nodes.values() if n.kind == level]
    rows = []
    for top in tops:
        branch = [top.id, *facts.descendants(top.id)]
        counted = [
            n for n in branch if plan.nodes[n].kind == level and n not in facts.cross_cutting
        ]
        nodes = Counter(o for n in counted for o in facts.outcomes.get(n, ()))
        indicators: dict[str, set[str]] = {o: set() for o in outcomes}
        for n in branch:
            if n in facts.cross_cutting:
                continue
            for ind in facts.measured_by.get(n, ()):
                for o in set(facts.outcomes.get(ind, ())) | set(facts.outcomes.get(n, ())):
                    if o in indicators:
                        indicators[o].add(ind)
        rows.append(
            {
                "id": top.id,
                "title": top.title,
                "cross_cutting": top.id in facts.cross_cutting,
                "level": level,
                "nodes": len(counted),
                **{o: nodes.get(o, 0) for o in outcomes},
                **{f"{o}_indicators": len(indicators[o]) for o in outcomes},
            }
        )
    columns = [
        "id",
        "title",
        "cross_cutting",
        "level",
        "nodes",
        *outcomes,
        *(f"{o}_indicators" for o in outcomes),
    ]
    return pd.DataFrame(rows, columns=columns)


def _findings(plan: Plan, facts: PlanFacts, report: Report) -> pandas.DataFrame:
    import pandas as pd

    nodes = plan.nodes
    nearest = {kind: facts.nearest_of_kind(kind) for kind in ("priority", "aim", "objective")}

    def of_kind(node_id: str, kind: str) -> tuple[str, ...]:
        """The node itself if of that kind, else the nearest of that kind above it."""
        if nodes[node_id].kind == kind:
            return (node_id,)
        return nearest[kind](node_id)

    rows = []
    for f in report.findings:
        branch: dict[str, str | None] = dict.fromkeys(("priority", "aim", "objective"))
        # (an indicator sits outside the hierarchy: its
        # branch and owners are those of what it measures)
        placed = (
            [n for n in facts.measures.get(f.node, ()) if n in nodes]
            if f.node in nodes and nodes[f.node].kind == "indicator"
            else [f.node]
            if f.node in nodes
            else []
        )
        for kind in branch:
            branch[kind] = _join(dict.fromkeys(k for n in placed for k in of_kind(n, kind))) or None
        if f.kind == "owner":
            owners: str | None = _join(f.subjects)
        else:
            owners = (
                _join(dict.fromkeys(o for n in placed for o in facts.lead_owners.get(n, ())))
                or None
            )
        loc = f.location
        rows.append(
            {
                "rule": f.rule,
                "name": f.name,
                "severity": f.severity,
                "node": f.node,
                "kind": f.kind,
                "title": f.title,
                **branch,
                "owners": owners,
                "message": f.message,
                "hint": f.hint,
                **loc.to_dict(),  # (as the findings document writes it: no file for standard input)
            }
        )
    columns = [
        "rule",
        "name",
        "severity",
        "node",
        "kind",
        "title",
        "priority",
        "aim",
        "objective",
        "owners",
        "message",
        "hint",
        "file",
        "line",
        "column",
        "sheet",
        "cell",
    ]
    df = pd.DataFrame(rows, columns=columns)
    for col in ("line", "column"):
        df[col] = df[col].astype("Int64")
    return df


def table(
    plan: Plan,
    what: str,
    *,
    facts: PlanFacts | None = None,
    report: Report | None = None,
    config: Config | Mapping[str, Any] | None = None,
) -> pandas.DataFrame:
    """A table of the plan as a :class:`pandas.DataFrame`.

    Parameters
    ----------
    plan : Plan
        A loaded plan.
    what : str
        ``milestones`` (dates, owners, status), ``indicators`` (baseline, targets and actuals, one
        row per value), ``owners`` (milestones per owner, due per month) or ``coverage`` (priorities
        by framework outcome: nodes of the branch serving each outcome) or ``findings`` (one row
        per finding, with the node's priority, aim, objective and owners). See :data:`TABLES`.
    facts : PlanFacts, optional
        The plan's facts, when already computed.
    report : Report, optional
        For ``findings``: the findings to tabulate (a check with ``config`` when not given).
    config : Config or mapping, optional
        For ``findings``: the configuration of the check (the defaults when not given; a mapping
        holds a configuration file's keys, as for :func:`outcome_graph.check`).

    Raises
    ------
    OptionError
        ``what`` is not one of the tables.

    Examples
    --------
    >>> from outcome_graph import load
    >>> plan = load('''
    ... format: outcome-graph/v1
    ... plan: {id: d, period: {start: 2011-04-01, end: 2012-03-31}}
    ... priorities:
    ...   - id: P1
    ...     title: Safe
    ...     outcomes: [stay_safe]
    ...     objectives:
    ...       - id: O1
    ...         title: Fewer accidents
    ...         lead: Road safety team
    ...         milestones: [{id: M1, title: Audit the junctions, timescale: June 11}]
    ... ''')
    >>> df = table(plan, "milestones")
    >>> df.loc[0, "owners"], bool(df.loc[0, "lead_inherited"]), str(df.loc[0, "end"].date())
    ('Road safety team', True, '2011-06-30')
    >>> table(plan, "coverage")[["id", "level", "stay_safe", "be_healthy"]].values.tolist()
    [['P1', 'objective', 1, 0]]
    >>> table(plan, "findings")[["rule", "node", "kind", "severity"]].values.tolist()[0]
    ['OG102', 'd', 'plan', 'warning']
    """
    from ..config import as_config
    from ..findings import require_report
    from ..graph.facts import PlanFacts
    from ..model.plan import require_plan

    require_plan("table", plan)
    require_report("table", "report", report)
    config = as_config("table", config)
    makers = {
        "milestones": _milestones,
        "indicators": _indicators,
        "owners": _owners,
        "coverage": _coverage,
    }
    if what == "findings":
        if report is None:
            from ..rules.engine import check

            report = check(plan, config)
        return _findings(plan, facts or report.facts_of(plan), report)
    if what not in makers:
        raise OptionError(
            f"unknown table {what!r}; choose one of {', '.join([*makers, 'findings'])}"
        )
    return makers[what](plan, facts or PlanFacts(plan))


def format_table(
    df: pandas.DataFrame, *, max_width: int = 48, columns: tuple[str, ...] | list[str] = ()
) -> str:
    """A table as readable text: long texts cut to ``max_width`` characters, dates as dates, whole
    numbers without a decimal point; texts aligned left, numbers right.

    ``columns`` chooses the columns shown (default: all).

    >>> import pandas as pd
    >>> table = pd.DataFrame({"id": ["M1", "M10"], "title": ["x" * 60, "y"], "value": [56.0, 2.5]})
    >>> print(format_table(table, max_width=10))
    id  title      value
    M1  xxxxxxxxx…    56
    M10 y            2.5
    """
    import pandas as pd

    if columns:
        unknown = [c for c in columns if c not in df.columns]
        if unknown:
            raise OptionError(
                f"no column {unknown[0]!r}; the columns are {', '.join(map(str, df.columns))}"
            )
        df = df[list(dict.fromkeys(columns))]  # (a column named twice is shown once)
    if df.empty:
        return "(no rows)"

    def cut(value: Any) -> str:
        if value is None or value is pd.NA or (isinstance(value, float) and value != value):
            return ""
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            value = int(value)  # (a column with a blank is of floats: 56, not 56.0)
        text = " ".join(str(value).split())
        return text[: max_width - 1] + "…" if len(text) > max_width else text

    cells: list[list[str]] = []
    right: list[bool] = []  # numbers aligned right, texts (names, titles, ids, dates) left
    for col in df.columns:
        series = df[col]
        if pd.api.types.is_datetime64_any_dtype(series):
            cells.append(list(series.dt.strftime("%Y-%m-%d").fillna("")))
            right.append(False)
        else:
            cells.append([cut(v) for v in series])
            right.append(
                pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
            )
    headers = [str(c) for c in df.columns]
    widths = [max([len(h), *(len(v) for v in col)]) for h, col in zip(headers, cells)]

    def line(values: list[str]) -> str:
        return " ".join(
            v.rjust(w) if r else v.ljust(w) for v, w, r in zip(values, widths, right)
        ).rstrip()

    return "\n".join([line(headers), *(line([col[i] for col in cells]) for i in range(len(df)))])


def _cell(value: Any) -> Any:
    import pandas as pd

    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if isinstance(value, float) and value != value:
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    return value


_CHANGE = re.compile(r"^[+-]?\d+(?:\.\d+)?%?$")  # (a value's change as the plan model keeps it)


def _put_change(cell: Any, change: str) -> None:
    """A value's change (``+5``, ``-11``, ``-29.6%``) as a number a spreadsheet can filter and sum,
    shown as written: with its sign, a relative change as a percentage."""
    if change.endswith("%"):
        cell.value = float(change[:-1]) / 100
        decimals = len(change[:-1].partition(".")[2])
        pattern = "0" + ("." + "0" * decimals if decimals else "") + "%"
    else:
        number = float(change)
        cell.value = int(number) if number.is_integer() else number
        pattern = "0" + ("." + "0" * len(change.partition(".")[2]) if "." in change else "")
    cell.number_format = f"+{pattern};-{pattern};{pattern}"


def table_bytes(df: pandas.DataFrame, fmt: str, *, sheet: str = "table") -> bytes:
    """A table as ``.csv`` (UTF-8 with a byte-order mark) or ``.xlsx`` bytes, formula-safe."""
    rows = [[_cell(v) for v in row] for row in df.itertuples(index=False, name=None)]
    header = [str(c) for c in df.columns]
    if fmt == "csv":
        from .workbook import csv_bytes

        # (true and false, as the .xlsx writes them: not Python's True and False)
        return csv_bytes(
            header,
            [
                [("true" if v else "false") if isinstance(v, bool) else v for v in row]
                for row in rows
            ],
        )
    if fmt == "xlsx":
        import openpyxl

        from ..loading.sheet_layout import Column
        from .workbook import CellWriter, style_sheet

        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = sheet[:31]
        writer = CellWriter()
        for i, name in enumerate(header, start=1):
            writer.put(ws, 1, i, name)
        change = header.index("change") + 1 if "change" in header else None
        for r, row in enumerate(rows, start=2):
            for i, value in enumerate(row, start=1):
                if i == change and isinstance(value, str) and _CHANGE.match(value):
                    _put_change(ws.cell(row=r, column=i), value)
                    continue
                writer.put(ws, r, i, value, where=f"{sheet}!R{r}C{i}")
        longest = {
            i: max((len(str(r[i - 1])) for r in rows if r[i - 1] is not None), default=0)
            for i in range(1, len(header) + 1)
        }
        style_sheet(
            ws, [Column(h) for h in header], len(rows), {i: min(40, n) for i, n in longest.items()}
        )
        from openpyxl.utils import get_column_letter

        for i, name in enumerate(header, start=1):
            # (a column of texts is 60 wide and wraps; one whose texts are all short, such as the
            # findings' rule names, is as wide as they are)
            dims = ws.column_dimensions[get_column_letter(i)]
            if dims.width == 60 and longest[i] < 58:
                dims.width = max(10, len(name) + 2, longest[i] + 2)
        buffer = io.BytesIO()
        wb.save(buffer)
        from .files import timeless_xlsx

        return timeless_xlsx(buffer.getvalue())
    raise OptionError(f"unknown table format {fmt!r}; write to a .csv or .xlsx file")


def write_table(
    df: pandas.DataFrame, path: str | os.PathLike[str], *, sheet: str = "table"
) -> None:
    """Write a table to ``path`` (``.csv`` or ``.xlsx``, from the name), whole or not at all."""
    from .files import atomic_write_bytes

    suffix = os.path.splitext(str(path))[1].lower().lstrip(".")
    if suffix not in ("csv", "xlsx"):
        raise OptionError(f"{path}: write a table to a .csv or .xlsx file")
    atomic_write_bytes(path, table_bytes(df, suffix, sheet=sheet))
