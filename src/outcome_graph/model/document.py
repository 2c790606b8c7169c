"""The plan file format, version 1, as pydantic models.

These classes are the format (``../docs/format.md`` describes it for people): every field a plan
file may hold, with its type. Unknown fields are errors (``extra="forbid"``), so typos are caught.
Validation here is about the *shape* of the file; whether the plan is coherent (orphans, broken
references, cycles, missing leads) is for the rules, and a plan with such defects still loads.

The JSON Schema of the format (``outcome-graph schema``) is generated from these models.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    StringConstraints,
    Tag,
    WithJsonSchema,
    model_validator,
)

from ..analysis.timescale import parse_due, parse_value_period

__all__ = [
    "FORMAT_ID",
    "StrictModel",
    "Variant",
    "IgnoreEntry",
    "Value",
    "DueRange",
    "IndicatorRef",
    "NodeSpec",
    "Vision",
    "Priority",
    "Aim",
    "Objective",
    "Milestone",
    "Indicator",
    "Owner",
    "CatalogueEntrySpec",
    "CatalogueSpec",
    "Group",
    "Period",
    "PlanMeta",
    "PlanDocument",
    "NODE_CLASSES",
    "CHILD_LISTS",
    "iter_nested",
    "plain_due",
    "LEVELS",
    "is_blank",
    "VISIBLE",
    "ID_PATTERN",
]

FORMAT_ID = "outcome-graph/v1"

#: The hierarchy, from the top. ``LEVELS.index(kind)`` is a node's level.
LEVELS: tuple[str, ...] = ("vision", "priority", "aim", "objective", "milestone")


class StrictModel(BaseModel):
    """Base of every model of the format: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=False)

    def __eq__(self, other: object) -> bool:
        # Equal when the data is equal; where a node was
        # written (private attributes) does not count.
        same_data = self.__dict__ == other.__dict__  # type: ignore[union-attr]
        return type(self) is type(other) and same_data

    __hash__ = None  # type: ignore[assignment]


def _text_list(value: Any) -> Any:
    # A single text where a list is expected is read as a one-item list (``tags: LAA``).
    return [value] if isinstance(value, str) else value


TextList = Annotated[list[str], BeforeValidator(_text_list, json_schema_input_type=str | list[str])]


def is_blank(text: str) -> bool:
    """Whether a text shows nothing: it is empty, or only whitespace and format characters
    (Unicode category Cf: the zero-width space U+200B, the joiners U+200C and U+200D, the word
    joiner U+2060, a byte order mark U+FEFF...), which text pasted from a web page can hold.

    >>> (is_blank(""), is_blank(" \\t\\n"), is_blank("\\u200b \\u200c\\u200d\\u2060\\ufeff"),
    ...  is_blank("\\u200bSafe"))
    (True, True, True, False)
    """
    text = text.strip()
    # (most texts are printable once stripped, and then
    # not blank; a format character is not printable)
    return not text or (
        not text.isprintable() and all(c.isspace() or unicodedata.category(c) == "Cf" for c in text)
    )


#: What a text that shows something has: a character neither whitespace nor a format character
#: (the pattern of :func:`is_blank`, checked by the validator itself: plans have many ids and
#: titles). A text without one is refused as "must not be blank" (the loader's wording).
VISIBLE = r"[^\s\p{Cf}]"

#: What an id matches: text that shows something, with no line break, tab or other control
#: character inside (refused as "must not be blank", or as holding a control character).
ID_PATTERN = r"^[^\p{Cc}]*[^\s\p{Cf}\p{Cc}][^\p{Cc}]*$"


#: The ids read without invisible characters while a document is validated in
#: :func:`invisible_ids` (None outside it). A context variable, not the validation context: a
#: validator that takes no ``info`` is called by
#: pydantic for half the cost, and plans have many ids.
_INVISIBLE: ContextVar[list[str] | None] = ContextVar("outcome_graph_invisible_ids", default=None)


@contextmanager
def invisible_ids() -> Iterator[list[str]]:
    r"""Gather the ids and codes that documents validated inside the ``with`` block held with
    invisible characters (as written: ``'NI\u200b72'``), for the loader to name in notices."""
    found: list[str] = []
    token = _INVISIBLE.set(found)
    try:
        yield found
    finally:
        _INVISIBLE.reset(token)


def _id_as_shown(value: Any) -> Any:
    r"""An id or code as it shows: without the format characters (a zero-width space, a word
    joiner, a soft hyphen, a byte order mark) that a code pasted from a web page holds, as a
    catalogue CSV's codes are read (:func:`~outcome_graph.loading.csvtext.as_shown`):
    ``NI\u200b72`` is the ``NI72`` a reader sees, not a broken reference. What was left out is
    gathered by :func:`invisible_ids`, for the loader to name in a notice (no one could find the
    character otherwise)."""
    if isinstance(value, str) and not value.isascii():
        from ..loading.csvtext import as_shown

        shown = as_shown(value)
        if shown != value.strip():
            found = _INVISIBLE.get()
            if found is not None:
                found.append(value)
            return shown
    return value


#: An id: text that shows something, on one line, spaces around it dropped (an id of invisible
#: characters alone, pasted from a web page, would name a node no reader can refer to; one holding
#: a line break, from a spreadsheet cell, would break every output that quotes it); format
#: characters inside it are left out (:func:`_id_as_shown`).
# The schema's character classes, spelt out: ECMA-262 (an editor's validator) and Python read
# ``\uXXXX`` alike, but not ``\s`` (ECMA's has U+FEFF, Python's U+001C-U+001F) nor ``\p{Cf}``.
# Each is the loader's set in the Basic Multilingual
# Plane (a test holds them to :mod:`unicodedata`).
#: The format characters (Unicode category Cf) an id is read without.
SCHEMA_FORMAT_CHARS = (
    r"\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    # (and beyond it, as the characters themselves: ECMA-262 spells a code point
    # above U+FFFF \u{E0001}, which Python refuses, and Python \U000E0001, which
    # ECMA-262 refuses; an editor compiles the pattern with the ``u`` flag, which
    # reads a character of a class as one code point, as Python does. The tags
    # U+E0001 and U+E0020-U+E007F, the Egyptian hieroglyph controls U+13430-U+1343F...)
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
#: Whitespace (Unicode White_Space): what :data:`VISIBLE` and :data:`ID_PATTERN` call ``\s``.
SCHEMA_WHITESPACE = r"\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
#: What Python's ``str.strip()`` drops around a text: whitespace and the separators U+001C-U+001F.
SCHEMA_STRIPPED = SCHEMA_WHITESPACE + r"\u001c-\u001f"
#: The control characters (Unicode category Cc), which no id holds.
SCHEMA_CONTROLS = r"\u0000-\u001f\u007f-\u009f"

_SCHEMA_TOKEN = re.compile(r"\\.|\[(?:\\.|[^\]\\])*\]|\(\?:|[()|]|[?*+]|\{[0-9,]+\}|.")


def shown_pattern(core: str, *, invisible: bool = True) -> str:
    r"""The schema's pattern of a text the loader reads whole as ``core`` (a regular expression of
    literals, classes and ``(?:...)`` groups) once the spaces around it are dropped and, with
    ``invisible``, the format characters inside it left out (:func:`_id_as_shown`): a code pasted
    as ``NI\u200b72`` passes in an editor as it loads, with a notice.

    >>> import re
    >>> pattern = shown_pattern("[A-Z]{2}")
    >>> [bool(re.search(pattern, text)) for text in ("NI", " N\u200bI\ufeff ", "N I", "N")]
    [True, True, False, False]
    """
    around = f"[{SCHEMA_STRIPPED}{SCHEMA_FORMAT_CHARS if invisible else ''}]*"
    if not invisible:
        return f"^{around}{core}{around}$"
    tokens = _SCHEMA_TOKEN.findall(core)
    out = []
    for i, token in enumerate(tokens):
        if token in ("(?:", "(", ")", "|") or token[0] in "?*+{":
            out.append(token)
            continue
        shown = f"{token}[{SCHEMA_FORMAT_CHARS}]*"  # (an atom, and what may be left out after it)
        quantified = i + 1 < len(tokens) and tokens[i + 1][0] in "?*+{"
        out.append(f"(?:{shown})" if quantified else shown)
    return f"^{around}{''.join(out)}{around}$"


def _text_schema(pattern: str, says: str, **more: Any) -> WithJsonSchema:
    """The schema of a text that matches ``pattern``, and what an editor says of one that does not
    (``patternErrorMessage``, which VS Code and the YAML language server show instead of the pattern
    itself, a long one here; other validators pass over the word)."""
    return WithJsonSchema(
        {"type": "string", "pattern": pattern, "patternErrorMessage": says, **more}
    )


#: The schema's pattern of an id (:data:`ID_PATTERN` once :func:`_id_as_shown` has read it): a
#: character that shows, no control character but the spaces around it, format characters anywhere.
_ID_SCHEMA = (
    f"^[{SCHEMA_STRIPPED}{SCHEMA_FORMAT_CHARS}]*[^{SCHEMA_CONTROLS}]*"
    f"[^{SCHEMA_CONTROLS}{SCHEMA_WHITESPACE}{SCHEMA_FORMAT_CHARS}][^{SCHEMA_CONTROLS}]*"
    f"[{SCHEMA_STRIPPED}{SCHEMA_FORMAT_CHARS}]*$"
)

Id = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=ID_PATTERN),
    BeforeValidator(_id_as_shown),
    _text_schema(_ID_SCHEMA, "an id shows something, on one line (no tab or line break inside it)"),
]
IdList = Annotated[list[Id], BeforeValidator(_text_list, json_schema_input_type=str | list[str])]

#: A title: text that shows something (a workbook's blank cell is no title). The schema's pattern
#: tells an editor of a title of spaces or of invisible characters alone, as the loader does.
Title = Annotated[
    str,
    StringConstraints(pattern=VISIBLE),
    _text_schema(f"[^{SCHEMA_WHITESPACE}{SCHEMA_FORMAT_CHARS}]", "must not be blank"),
]

_NUMBER = re.compile(r"^\d+(?:\.\d+)*[A-Za-z]?$", re.ASCII)


def _check_number(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not _NUMBER.match(value):
        raise ValueError(
            f"{value!r} is not a number as a plan prints one: whole numbers joined by dots, the "
            "last of them may end in a letter (e.g. '1.2.3', '2.2.5a')"
        )
    return value


Number = Annotated[
    Annotated[
        str,
        _text_schema(
            r"^\s*[0-9]+(\.[0-9]+)*[A-Za-z]?\s*$",
            "dotted integers optionally ending in a letter (1.2.3, 2.2.5a)",
        ),
    ]
    | None,
    AfterValidator(_check_number),
]

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)


def _iso_date(value: Any) -> Any:
    """A date of the plan block (``period``, ``as_of``): an ISO date written as text
    (``2011-04-01``), or a :class:`datetime.date` given through the API. A number is not read as
    a timestamp, nor a date and time as its day."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise ValueError(f"must be an ISO date written as text (2011-04-01), not {_kind(value)}")
    text = value.strip()
    if not _ISO_DATE.match(text):
        raise ValueError(f"{value!r} is not a date written year-month-day (2011-04-01)")
    return (
        parse_due(text).intervals[0].start
    )  # (an impossible date is refused, naming the day or month)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"the value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__}"


# The dates the schema tells an editor of (what :func:`_iso_date`, ``parse_due`` and
# ``parse_value_period`` read; the days of each month are theirs to count). An unquoted
# ``2011-04-01`` is text to the loader and to a YAML 1.2 reader, so the schema's type is text.
# A date is one the calendar has: the days of each month counted, February's 29th in a leap year
# only (a year divisible by 4, a century divisible by 400); the year 0000 is none.
_YEAR = "(?:[0-9]{3}[1-9]|[0-9]{2}[1-9]0|[0-9][1-9]00|[1-9]000)"
_MONTH = "(?:0[1-9]|1[0-2])"
_MONTH_DAY = (
    "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
_LEAP_YEAR = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][48]|[13579][26]|[2468]0)00)"
_DATE = f"(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"

#: An ISO date (``YYYY-MM-DD``): ``period.start``, ``period.end`` and ``as_of``. (The schema has
#: a pattern, not ``format: date``, which a validator may not check, and would refuse the spaces
#: around the date that the loader drops.)
IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date),
    _text_schema(
        shown_pattern(_DATE, invisible=False), "a date written year-month-day (2011-04-01)"
    ),
]


def plain_due(value: Any) -> Any:
    """A ``due`` value as plain data (ranges as ``{"from": ..., "to": ...}``), for the timescale
    parser."""
    if isinstance(value, DueRange):
        return {"from": value.from_, "to": value.to}
    if isinstance(value, list):
        return [plain_due(v) for v in value]
    return value


def _check_due(value: Any) -> Any:
    if value is None:
        return None
    parse_due(plain_due(value))  # raises ValueError with a message naming the bad value
    return value


def _check_lead(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise ValueError("must be text (an owner's id, name or alias) or a list of them")


Lead = Annotated[
    str | list[str] | None,
    BeforeValidator(_check_lead),
]


class Variant(StrictModel):
    """The same item worded differently elsewhere in the source; ``where`` names a view."""

    text: str
    where: Id


class IgnoreEntry(StrictModel):
    """A suppression: a rule code (or prefix), why, and whether it covers the node's branch."""

    rule: Id
    reason: str | None = None
    scope: Literal["node", "branch"] = "node"


def _ignore_items(value: Any) -> Any:
    value = _text_list(value)
    if isinstance(value, list):
        return [{"rule": v} if isinstance(v, str) else v for v in value]
    return value


IgnoreList = Annotated[
    list[IgnoreEntry],
    BeforeValidator(_ignore_items, json_schema_input_type=str | list[str | IgnoreEntry]),
]

_CHANGE = re.compile(r"^[+-]?\d+(?:\.\d+)?%?$")

# What the schema tells an editor of a value's period and change, and of a due value (the
# loader's readings: parse_value_period, _CHANGE once spaces are dropped, parse_due). A period and
# a range's ends are ids, read without format characters, and so is a due text.
_PERIOD_PATTERN = shown_pattern(f"(?:{_DATE}|{_YEAR}(?:-[0-9]{{2}}(?:-[Qq][1-4])?|-[Qq][1-4])?)")
_CHANGE_PATTERN = r"^ *[+-]? *[0-9][0-9 ]*(\. *[0-9][0-9 ]*)?%? *$"
_CHANGE_SAYS = "a signed number or percentage (-11, +5, -29.6%)"
# A period written YYYY-YY (a financial year, or its quarter) has the year after as YY: 2011-12,
# 2019-20, 1999-00, told by the last two digits of each. (One holding a format character is left to
# the loader: the pattern would be too long to read them in.)
_FINANCIAL_YEAR = (
    "|".join(  # (by the tens digit t of the first year: t0-t1 ... t8-t9, and t9 to the next ten)
        f"{t}(?:{'|'.join(f'{u}-{t}{u + 1}' for u in range(9))}|9-{(t + 1) % 10}0)"
        for t in range(10)
    )
)
_PERIOD_YEARS = {
    "anyOf": [
        {"not": {"pattern": shown_pattern("[0-9]{4}-[0-9]{2}(?:-[Qq][1-4])?", invisible=False)}},
        {
            "pattern": shown_pattern(
                f"[0-9]{{2}}(?:{_FINANCIAL_YEAR})(?:-[Qq][1-4])?", invisible=False
            ),
            "patternErrorMessage": "a financial year is written with the year after it (2011-12)",
        },
    ]
}
_DUE = f"(?:{_DATE}|{_YEAR}(?:-{_MONTH})?)"
_DUE_SAYS = "an ISO date (2011-07-31), a month (2011-07) or a year (2012)"
_DATES_SAY = (
    "a date the calendar has (2011-02-29 and 2011-04-31 are none; February's 29th in a leap year "
    "only), and a year of four digits: written as a number, 1000 to 9999 (12 is no year)"
)
#: A due text, read as an id is: without the format characters a date pasted from a web page may
#: hold (``2012-03\u200b``, which no message could show), and named in a notice.
_DUE_SCHEMA = _text_schema(shown_pattern(_DUE), _DUE_SAYS, description=_DATES_SAY)
DueText = Annotated[str, BeforeValidator(_id_as_shown), _DUE_SCHEMA]


class Value(StrictModel):
    """A figure for one period: a target, baseline or actual."""

    # (the schema tells an editor of a value with no figure and no words, as the loader does)
    model_config = ConfigDict(
        json_schema_extra={"anyOf": [{"required": [f]} for f in ("value", "change", "text")]}
    )

    period: Annotated[
        Id,
        _text_schema(
            _PERIOD_PATTERN,
            "a year (2011), a financial year (2011-12), a quarter "
            "(2011-Q3, 2011-12-Q3) or an ISO date (2011-12-31)",
            description=_DATES_SAY,
            **_PERIOD_YEARS,
        ),
    ]
    value: Annotated[float, Field(allow_inf_nan=False)] | None = None
    change: Annotated[str, _text_schema(_CHANGE_PATTERN, _CHANGE_SAYS)] | None = None
    comparator: Literal["at_least", "at_most", "below", "above"] | None = None
    text: str | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _check(self) -> Value:
        parse_value_period(self.period)
        if self.change is not None:
            change = self.change.replace(" ", "")
            if not _CHANGE.match(change):
                raise ValueError(
                    f"change {self.change!r} is not a signed number or percentage (e.g. '-11', "
                    "'+5', '-29.6%')"
                )
            self.change = change
        if (
            self.value is None
            and self.change is None
            and (self.text is None or is_blank(self.text))
        ):
            raise ValueError(
                "a value with no number (value or change) needs the source's words in 'text'"
            )
        return self


class DueRange(StrictModel):
    """A due range ``{from: 2011-04, to: 2011-07}``."""

    from_: Annotated[Id, _DUE_SCHEMA] = Field(alias="from")
    to: Annotated[Id, _DUE_SCHEMA]


def _due_kind(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, (dict, DueRange)):
        return "range"
    return "list" if isinstance(value, list) else "text"


def _due_item_kind(value: Any) -> str | None:
    if isinstance(value, list):
        return None  # (a list in a list: neither form, reported as such)
    return "range" if isinstance(value, (dict, DueRange)) else "text"


#: One due value of a list: a text or a range, told by its type (so that a bad range is reported
#: as a range alone, not also as "must be text").
DueItem = Annotated[
    Annotated[DueText, Tag("text")] | Annotated[DueRange, Tag("range")],
    Discriminator(
        _due_item_kind,
        custom_error_type="due_item",
        custom_error_message="must be text or a range {from: ..., to: ...}, not a list",
    ),
]

#: A milestone's ``due``: a text, a range or a list of these, told by the value's type.
Due = Annotated[
    Annotated[DueText, Tag("text")]
    | Annotated[DueRange, Tag("range")]
    | Annotated[list[DueItem], Tag("list")]
    | Annotated[None, Tag("none")],
    Discriminator(_due_kind),
    AfterValidator(_check_due),
]


#: The schema's word that ``target`` and ``targets`` are not both given (the loader's too).
_ONE_TARGET_FIELD = ConfigDict(json_schema_extra={"not": {"required": ["target", "targets"]}})


class IndicatorRef(StrictModel):
    """A reference to an indicator that states this node's own wording or targets for it."""

    model_config = _ONE_TARGET_FIELD

    id: Id
    title: str | None = None
    target: Value | None = None
    targets: list[Value] | None = None

    @model_validator(mode="after")
    def _one_target_field(self) -> IndicatorRef:
        if self.target is not None and self.targets is not None:
            raise ValueError("give either 'target' or 'targets', not both")
        return self


def _indicator_refs(value: Any) -> Any:
    value = _text_list(value)
    if isinstance(value, list):
        return [{"id": v} if isinstance(v, str) else v for v in value]
    return value


IndicatorRefs = Annotated[
    list[IndicatorRef],
    BeforeValidator(_indicator_refs, json_schema_input_type=str | list[str | IndicatorRef]),
]


class NodeSpec(StrictModel):
    """Fields every node has (vision, priority, aim, objective, milestone, indicator)."""

    kind: ClassVar[str] = "node"

    id: Id
    title: Title  # (required, and not blank, as a workbook's cell)
    number: Number = None
    outcomes: TextList | None = None
    variants: list[Variant] = Field(default_factory=list)
    views: IdList | None = None
    tags: TextList = Field(default_factory=list)
    see_also: IdList = Field(default_factory=list)
    ignore: IgnoreList = Field(default_factory=list)
    notes: str | None = None

    # Set by the loader: where the node is written, and in which order.
    _file: str | None = PrivateAttr(default=None)
    _line: int | None = PrivateAttr(default=None)
    _column: int | None = PrivateAttr(default=None)
    _order: int = PrivateAttr(default=0)
    _container: str | None = PrivateAttr(default=None)


class _HierarchyNode(NodeSpec):
    parent: Id | None = None
    parents: IdList | None = None
    lead: Lead = None


class Milestone(_HierarchyNode):
    """An action with a lead and a timescale (also: key milestone, strategic action)."""

    kind: ClassVar[str] = "milestone"

    due: Due = None
    timescale: str | None = None
    status: Literal["not_started", "on_track", "at_risk", "off_track", "done"] | None = None
    depends_on: IdList = Field(default_factory=list)


class _MeasuredNode(_HierarchyNode):
    indicators: IndicatorRefs = Field(default_factory=list)


class Objective(_MeasuredNode):
    """An objective (also: target, benefit)."""

    kind: ClassVar[str] = "objective"

    milestones: list[Milestone] = Field(default_factory=list)


class Aim(_MeasuredNode):
    """An aim (also: commitment, strategic objective)."""

    kind: ClassVar[str] = "aim"

    objectives: list[Objective] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)


class Priority(_MeasuredNode):
    """A priority (also: pillar, theme)."""

    kind: ClassVar[str] = "priority"

    aims: list[Aim] = Field(default_factory=list)
    objectives: list[Objective] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)


class Vision(NodeSpec):
    """The plan's vision statement (at most one)."""

    kind: ClassVar[str] = "vision"


class Indicator(NodeSpec):
    """A measure: a National Indicator Set code, a local catalogue code or an uncoded local
    measure."""

    kind: ClassVar[str] = "indicator"
    model_config = _ONE_TARGET_FIELD

    direction: Literal["increase", "decrease", "maintain"] | None = None
    unit: str | None = None
    baseline: Value | None = None
    target: Value | None = None
    targets: list[Value] | None = None
    actuals: list[Value] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_target_field(self) -> Indicator:
        if self.target is not None and self.targets is not None:
            raise ValueError("give either 'target' or 'targets', not both")
        return self

    def all_targets(self) -> list[Value]:
        """``target`` and ``targets`` as one list."""
        if self.target is not None:
            return [self.target]
        return list(self.targets or [])


class Owner(StrictModel):
    """A lead: a person, role, team, board or partnership."""

    id: Id
    name: str | None = None
    kind: Literal["person", "role", "team", "board", "partnership"] | None = None
    aliases: TextList = Field(default_factory=list)
    capacity: Annotated[int, Field(ge=0)] | None = None
    tags: TextList = Field(default_factory=list)
    ignore: IgnoreList = Field(default_factory=list)
    notes: str | None = None


class CatalogueEntrySpec(StrictModel):
    """One entry of a local indicator catalogue written in the plan."""

    code: Id
    title: Title  # (not blank, as a node's)
    outcomes: TextList = Field(default_factory=list)


def _entries_kind(value: Any) -> str:
    return "none" if value is None else "list" if isinstance(value, (list, dict)) else "text"


#: A catalogue's ``entries``: a CSV file's name or a list of entries. (The union is told by the
#: value's type, so that a bad entry is reported alone, not with "must be text" for the list.)
CatalogueEntries = Annotated[
    Annotated[str, Tag("text")]
    | Annotated[list[CatalogueEntrySpec], Tag("list")]
    | Annotated[None, Tag("none")],
    Discriminator(_entries_kind),
]


class CatalogueSpec(StrictModel):
    """A local indicator catalogue (the National Indicator Set is built in)."""

    prefix: Annotated[
        str,
        StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z]{1,6}$"),
        BeforeValidator(_id_as_shown),
        _text_schema(shown_pattern("[A-Za-z]{1,6}"), "one to six letters (CSC)"),
    ]
    title: Title | None = None  # (left out, or not blank)
    entries: CatalogueEntries = None


class Group(StrictModel):
    """A heading that spans several nodes without being a level (a corporate priority)."""

    id: Id
    title: Title
    kind: str | None = None
    members: IdList = Field(default_factory=list)
    views: IdList | None = None
    tags: TextList = Field(default_factory=list)
    ignore: IgnoreList = Field(default_factory=list)
    notes: str | None = None


class Period(StrictModel):
    """The plan period, ISO dates, start <= end."""

    start: IsoDate
    end: IsoDate

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError(
                f"it ends ({self.end}) before it starts ({self.start}): swap the two dates?"
            )
        return self


class PlanMeta(StrictModel):
    """The ``plan:`` block: what the plan is, its period and framework."""

    id: Annotated[
        str,
        StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9._-]+$"),
        BeforeValidator(_id_as_shown),
        _text_schema(
            shown_pattern("[A-Za-z0-9._-]+"),
            "letters, digits, '.', '_' and '-' (thurrock-cypp-2011-12)",
        ),
    ]
    title: Title | None = None  # (left out, or not blank)
    organisation: str | None = None
    period: Period
    framework: Id = "ecm"
    as_of: IsoDate | None = None
    source: str | None = None
    views: IdList | None = None
    tags: TextList = Field(default_factory=list)
    notes: str | None = None
    ignore: IgnoreList = Field(default_factory=list)


class PlanDocument(StrictModel):
    """A whole plan file, as written (nested and flat forms mixed)."""

    format: Literal["outcome-graph/v1"]
    plan: PlanMeta
    vision: Vision | None = None
    owners: list[Owner] = Field(default_factory=list)
    catalogues: list[CatalogueSpec] = Field(default_factory=list)
    groups: list[Group] = Field(default_factory=list)
    priorities: list[Priority] = Field(default_factory=list)
    aims: list[Aim] = Field(default_factory=list)
    objectives: list[Objective] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)


#: The lists a node of each kind may nest its children in (the format's nested form).
CHILD_LISTS: dict[str, tuple[str, ...]] = {
    "vision": (),
    "priority": ("aims", "objectives", "milestones"),
    "aim": ("objectives", "milestones"),
    "objective": ("milestones",),
    "milestone": (),
}


def iter_nested(doc: PlanDocument) -> Iterator[tuple[NodeSpec, str | None]]:
    """Every priority, aim, objective and milestone of a document as written, in file order, with
    the id of the node it is nested in (``None`` at the top level).

    >>> doc = PlanDocument.model_validate({"format": "outcome-graph/v1",
    ...     "plan": {"id": "d", "period": {"start": "2011-04-01", "end": "2012-03-31"}},
    ...     "priorities": [
    ...         {"id": "P1", "title": "Safe", "aims": [{"id": "A1", "title": "Streets"}]}],
    ...     "milestones": [{"id": "M1", "title": "Audit", "parent": "A1"}]})
    >>> [(n.id, nest) for n, nest in iter_nested(doc)]
    [('P1', None), ('A1', 'P1'), ('M1', None)]
    """

    def walk(node: NodeSpec, nest: str | None) -> Iterator[tuple[NodeSpec, str | None]]:
        yield node, nest
        for key in CHILD_LISTS[node.kind]:
            for child in getattr(node, key):
                yield from walk(child, node.id)

    for key in ("priorities", "aims", "objectives", "milestones"):
        for node in getattr(doc, key):
            yield from walk(node, None)


NODE_CLASSES: dict[str, type[NodeSpec]] = {
    cls.kind: cls for cls in (Vision, Priority, Aim, Objective, Milestone, Indicator)
}


def _fast_private_init(self: BaseModel, context: Any, /) -> None:
    """Give a new instance its private attributes (where it was written): a copy of constant
    defaults made once per class. pydantic's own initialiser resolves every default on every
    instance, a third of the time it takes to validate a large plan."""
    if self.__pydantic_private__ is None:
        object.__setattr__(self, "__pydantic_private__", _PRIVATE_DEFAULTS[type(self)].copy())


_PRIVATE_DEFAULTS: dict[type[BaseModel], dict[str, Any]] = {}


def _use_fast_private_init(cls: type[BaseModel]) -> None:
    for sub in cls.__subclasses__():
        _use_fast_private_init(sub)
    private = cls.__private_attributes__
    if not private or cls.__module__ != __name__:
        return
    if any(p.default_factory is not None for p in private.values()):  # pragma: no cover
        return
    _PRIVATE_DEFAULTS[cls] = {name: p.default for name, p in private.items()}
    cls.model_post_init = _fast_private_init  # type: ignore[method-assign,assignment]


_use_fast_private_init(StrictModel)
