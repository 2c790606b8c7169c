"""The exceptions outcome_graph raises.

Every error the package raises on purpose derives from :class:`OutcomeGraphError`, so an
embedding tool can catch one class. Problems in a plan file are :class:`PlanError` (with the
file, line and column of each problem); problems in configuration are :class:`ConfigError`, in
a baseline of accepted findings :class:`BaselineError`, in an output :class:`RenderError`, and
in an indicator catalogue built or read through the catalogue API :class:`CatalogueError`. A
function called with an argument it cannot take (``jobs=0``) raises :class:`UsageError`. Those
two are :class:`ValueError` too, as the same mistakes always were.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "OutcomeGraphError",
    "PlanError",
    "ConfigError",
    "BaselineError",
    "Problem",
    "RenderError",
    "UsageError",
    "OptionError",
    "CatalogueError",
    "where",
]


class OutcomeGraphError(Exception):
    """Base class of every error raised by outcome_graph.

    >>> import outcome_graph as og
    >>> try:
    ...     og.load("{}")
    ... except og.OutcomeGraphError as err:
    ...     print(type(err).__name__, err.line)
    PlanError 1

    Every one has ``file``, ``line`` and ``column`` (``None`` where they are not known, as for an
    argument a function cannot take), so a tool can point at the input at fault whatever the class,
    and ``message``, what is wrong without where.
    """

    file: str | None = None
    line: int | None = None
    column: int | None = None

    @property
    def message(self) -> str:
        """What is wrong, without the ``file:line:column`` in front that ``str()`` gives where it
        is known (an editor shows it at the line): a :class:`PlanError`'s first problem's.

        >>> import outcome_graph as og
        >>> try:  # doctest: +NORMALIZE_WHITESPACE
        ...     og.load("format: outcome-graph/v1\\nplan: {id: demo}\\n", name="plan.yaml")
        ... except og.OutcomeGraphError as err:
        ...     print(err.line, err.message)
        2 the plan is missing the required field 'period': add period: {start: 2011-04-01, end:
        2012-03-31}
        """
        own: str | None = self.__dict__.get("_message")
        return str(self) if own is None else own


#: The name a plan read from standard input goes by in messages (``check -`` without
#: ``--stdin-filename``; ``load(sys.stdin)``), as Python names it: no file, so the formats that
#: point at files (SARIF's artifact URI, GitHub's ``file=``) locate its findings without one.
STDIN_NAME = "<stdin>"


def shown_name(name: str) -> str:
    """A file name as a message shows it: at most 200 characters (a name too long for the system
    may be a whole text taken for a path)."""
    return name if len(name) <= 200 else f"{name[:120]}...{name[-40:]}"


def real_file(file: str | None) -> str | None:
    """The file a location names, for a format that points at files: ``None`` for no file, or
    for standard input (:data:`STDIN_NAME`).

    >>> real_file("plan.yaml"), real_file("<stdin>"), real_file(None)
    ('plan.yaml', None, None)
    """
    return None if file == STDIN_NAME else file


def where(
    file: str | None,
    line: int | None = None,
    column: int | None = None,
    sheet: str | None = None,
    cell: str | None = None,
) -> str:
    """How a position is written in messages: ``file:line:column`` (the column left out when it
    is not known), or ``file:sheet!cell`` for a workbook; ``<plan>`` for text with no file.

    >>> (where("plan.yaml", 12, 7), where("plan.yaml", 12),
    ...  where("plan.xlsx", sheet="milestones", cell="C14"))
    ('plan.yaml:12:7', 'plan.yaml:12', 'plan.xlsx:milestones!C14')
    """
    base = file or "<plan>"
    if sheet:
        return f"{base}:{sheet}!{cell}" if cell else f"{base}:{sheet}"
    if line is not None:
        return f"{base}:{line}" if column is None else f"{base}:{line}:{column}"
    return base


def with_article(word: str | None) -> str:
    """A kind of item with its indefinite article, for a message ("item" when not known).

    >>> with_article("objective"), with_article("priority"), with_article(None)
    ('an objective', 'a priority', 'an item')
    """
    word = word or "item"
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file: where it is and what is wrong.

    >>> str(Problem("duplicate id 'O1'", file="plan.yaml", line=9, column=5))
    "plan.yaml:9:5: duplicate id 'O1'"
    """

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    sheet: str | None = None
    cell: str | None = None
    #: The value's path in the document (``objectives[0].milestones[2].lead``), for a tool, where
    #: the message names it in words (``the lead of milestone M3``); ``None`` otherwise.
    path: str | None = None

    def where(self) -> str:
        """``file:line:column`` (or ``file:sheet!cell``), as much as is known."""
        return where(self.file, self.line, self.column, self.sheet, self.cell)

    def __str__(self) -> str:
        return f"{self.where()}: {self.message}"


class PlanError(OutcomeGraphError):
    """A plan file cannot be read: it is not valid YAML/JSON or does not follow the format.

    All the problems found are gathered (a person fixing a file wants them at once);
    ``file``, ``line`` and ``column`` are those of the first, and so are ``sheet`` and ``cell``
    for a workbook or CSV file (where ``line`` may be unknown).

    >>> err = PlanError([Problem("unknown field 'milestons'", file="plan.yaml", line=12, column=5)])
    >>> str(err)
    "plan.yaml:12:5: unknown field 'milestons'"
    >>> err.line
    12
    """

    def __init__(self, problems: list[Problem] | Problem | str, *, file: str | None = None):
        if isinstance(problems, str):
            problems = [Problem(problems, file=file)]
        elif isinstance(problems, Problem):
            problems = [problems]
        if not problems:
            problems = [Problem("the plan cannot be read", file=file)]
        self.problems: list[Problem] = list(problems)
        first = self.problems[0]
        self.file = first.file
        self.line = first.line
        self.column = first.column
        self.sheet: str | None = first.sheet
        self.cell: str | None = first.cell
        self._message = first.message
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[object, ...]:
        # Made again from its problems (pickled to another process, copied): from its text, the
        # default, the whole message became one problem with no file, and printed with "<plan>: ".
        return type(self), (self.problems,), self.__dict__


class ConfigError(OutcomeGraphError):
    """The configuration (a TOML file or command-line options) is invalid.

    >>> str(ConfigError("unknown option 'max-milestone'", file="outcome-graph.toml"))
    "outcome-graph.toml: unknown option 'max-milestone'"
    >>> err = ConfigError("invalid TOML: Unclosed array", file="outcome-graph.toml", line=3,
    ...                   column=9)
    >>> str(err), err.file, err.line, err.column
    ('outcome-graph.toml:3:9: invalid TOML: Unclosed array', 'outcome-graph.toml', 3, 9)
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ):
        self.file, self.line, self.column = file, line, column
        self._message = message
        super().__init__(f"{where(file, line, column)}: {message}" if file else message)


class BaselineError(OutcomeGraphError):
    """A baseline file (accepted findings) cannot be read or is not a findings document.

    >>> problem = Problem("the baseline is not JSON: Expecting value", file="base.json", line=3,
    ...                   column=1)
    >>> err = BaselineError(problem)
    >>> str(err), err.line
    ('base.json:3:1: the baseline is not JSON: Expecting value', 3)
    """

    def __init__(self, problem: Problem):
        self.problem = problem
        self.file, self.line, self.column = problem.file, problem.line, problem.column
        self._message = problem.message
        super().__init__(str(problem))

    def __reduce__(self) -> tuple[object, ...]:
        # (from its text, the default, unpickling or copying one failed: a str has no `file`)
        return type(self), (self.problem,), self.__dict__


class RenderError(OutcomeGraphError):
    """An output (diagram, report, workbook) could not be produced.

    >>> import outcome_graph as og
    >>> plan = og.load("format: outcome-graph/v1\\n"
    ...                "plan: {id: d, period: {start: 2011-04-01, end: 2012-03-31}}\\n")
    >>> try:
    ...     og.render(plan, "dot")
    ... except og.RenderError as exc:
    ...     print(exc)
    nothing to draw: the plan has no vision, priority, aim, objective, indicator (it has no nodes)
    """


class UsageError(OutcomeGraphError, ValueError):
    """A function of the package was called with an argument it cannot take (not a problem of
    an input file). Also a :class:`ValueError`.

    >>> import outcome_graph as og
    >>> plan = og.load("format: outcome-graph/v1\\n"
    ...                "plan: {id: d, period: {start: 2011-04-01, end: 2012-03-31}}\\n")
    >>> try:
    ...     og.check(plan, jobs=0)
    ... except og.UsageError as exc:
    ...     print(exc, isinstance(exc, ValueError))
    jobs must be a positive number or 'auto', not 0 True
    """


class OptionError(ConfigError, UsageError):
    """An option of a command that cannot be taken, or the argument of a function that stands for
    it (a diagram's ``page``, a table's name, an output's format): a :class:`ConfigError` and a
    :class:`UsageError` (a :class:`ValueError`) both. Its message names the command's option
    (``--page``), which a function's argument of the same name stands for.

    >>> import outcome_graph as og
    >>> plan = og.load("format: outcome-graph/v1\\n"
    ...                "plan: {id: d, period: {start: 2011-04-01, end: 2012-03-31}}\\n")
    >>> try:
    ...     og.table(plan, "bogus")
    ... except og.UsageError as exc:
    ...     print(type(exc).__name__, isinstance(exc, ValueError))
    OptionError True
    """


class CatalogueError(OutcomeGraphError, ValueError):
    """An indicator catalogue cannot be built or its CSV file read: a code of another prefix or
    listed twice, an unknown column, a bad outcome (the message names the file and line where
    there is one). Also a :class:`ValueError`. Loading a plan turns it into a :class:`PlanError`.

    >>> import outcome_graph as og
    >>> from outcome_graph.reference.catalogue import load_catalogue_csv
    >>> try:
    ...     load_catalogue_csv(
    ...         "code,title\\nCSC 1,Referrals\\nCSC 001,Re-referrals\\n", "CSC", "Local")
    ... except og.CatalogueError as exc:
    ...     print(exc)
    <catalogue CSV>, line 3: 'CSC 001' is already listed on line 2
    """

    #: Which of the entries given to :class:`~outcome_graph.reference.catalogue.Catalogue` is at
    #: fault (counted from 0), when one is: the loader reports the problem at that entry's line.
    entry: int | None = None
