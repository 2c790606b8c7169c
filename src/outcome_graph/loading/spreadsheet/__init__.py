"""Load a plan from a workbook (``.xlsx``), a CSV file or a folder of CSV files.

Two forms are read (the plan format's "Spreadsheet form"; :mod:`.sheet_layout` has the columns):

* the **per-level form**: a ``plan`` sheet with a ``format`` column, one sheet per list
  (``priorities``, ``aims``, ``objectives``, ``milestones``, ``indicators``, ``owners``...), one row
  per item, and sheets for the lists of objects (``targets``, ``variants``...). It holds everything
  the format holds: a plan written by ``outcome-graph convert`` reads back equal.
* the **flat single-sheet form**: the table most published plans print, with columns such as
  ``Priority | Objective | Key milestones | Lead | Timescale | Indicators``. Blank level cells
  repeat the row above, ids are generated from the position (``P1.A2.O3.M1``), and the plan period
  comes from a ``plan`` sheet or the ``--period`` option.

Every node remembers its sheet and cell (``plan.locations``), so findings and errors point to
``plan.xlsx:milestones!C14``. Things the reader did that a person should know (columns ignored, a
timescale kept in notes) are in ``plan.notices``.

Bad input (not a workbook, encrypted, empty, a sheet or column missing, a value of the wrong type)
raises :class:`~outcome_graph.errors.PlanError` naming the file, sheet and cell.

The package's modules are the reader's steps: :mod:`.xlsx` and :mod:`.csvfiles` read the files into
:mod:`.sheets` (cells shown as :mod:`.shown` says), :mod:`.header` finds each sheet's header and
levels, :mod:`.reader` reads cells (statuses too) and rows, :mod:`.levels` and :mod:`.flat` build
the plan :mod:`.tree` of each form, :mod:`.period` gives a flat table its period, :mod:`.notices`
says what was passed over, and :mod:`.load` assembles the plan, its problems placed by
:mod:`.validation`.
"""

from __future__ import annotations

from .load import load_spreadsheet, load_spreadsheet_bytes
from .notices import notice_lines
from .period import parse_period
from .sheets import RawSheet, cell_ref

# (helpers that tests reach for by this module's name)
from .shown import shown_number as _shown_number
from .xlsx import rag_colour as _rag_colour

__all__ = [
    "load_spreadsheet",
    "load_spreadsheet_bytes",
    "parse_period",
    "notice_lines",
    "RawSheet",
    "cell_ref",
    "_shown_number",
    "_rag_colour",
]
