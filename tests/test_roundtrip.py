"""Round trips through every plan format: YAML, JSON, a workbook and a CSV folder give the same plan,
the same findings and no change in ``diff``, whatever the plan's texts look like."""

from __future__ import annotations

from pathlib import Path

import pytest

import outcome_graph as og
from outcome_graph.convert import canonical_document, write_plan
from outcome_graph.loading.loader import load_path

from .conftest import PLAN_HEADER

FORMATS = {"xlsx": "plan.xlsx", "csv": "plan-csv", "yaml": "plan.yaml", "json": "plan.json"}


def round_trip(plan: og.Plan, folder: Path, fmt: str) -> og.Plan:
    path = folder / FORMATS[fmt]
    assert write_plan(plan, path) == []
    return load_path(path)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_ids_written_like_the_markers_of_a_cell_round_trip(fmt: str, tmp_path: Path):
    # '""' and '[]' are what a cell writes for an empty text and an empty list; an id, a parent, a
    # view, a rule or an indicator code written so is text like any other, and must read back as written.
    plan = og.load(PLAN_HEADER.replace("period:", "views: [detail, '[]'], period:") + r"""
owners: [{id: '\\[]', name: Owner, ignore: ['""']}]
groups: [{id: '\\""', title: A group, members: ['\[]'], ignore: [OG104]}]
priorities:
  - id: '""'
    title: Safe
    variants: [{text: Elsewhere, where: '[]'}]
    ignore: ['[]']
    objectives:
      - id: '\[]'
        title: Fewer accidents
        indicators: [{id: '[]', title: Own wording, targets: [{period: 2011-12, value: 3}]}]
        milestones:
          - {id: '\""', title: Audit, lead: '\\[]', due: [2011-07, 2011-09]}
objectives: [{id: O2, title: Other, parent: '""'}]
indicators: [{id: '[]', title: Local measure, actuals: [{period: 2011-12, value: 1}]}]
""")
    back = round_trip(plan, tmp_path, fmt)
    assert back.document == canonical_document(plan)
    assert back.parents == plan.parents
    assert set(back.nodes) == set(plan.nodes) >= {'""', "[]", r"\[]", r'\""'}
