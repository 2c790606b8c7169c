"""Load a plan, check it and print the findings as a pandas table.

    python examples/findings_table.py [PLAN]

With no argument it checks the Thurrock model. The same three calls embed the checks in any tool.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import outcome_graph as og

ROOT = Path(__file__).resolve().parent.parent


def main(path: str | Path = ROOT / "models" / "thurrock-cypp-2011-12.yaml") -> int:
    plan = og.load(path)
    report = og.check(plan)
    table = report.to_dataframe()
    try:
        print(f"{plan.title}: {len(plan.nodes)} nodes, {len(table)} findings")
        print(table.groupby(["severity", "rule", "name"]).size().rename("findings").to_string())
        print()
        print(
            table.loc[table.severity != "info", ["line", "rule", "node", "message"]]
            .head(15)
            .to_string(index=False)
        )
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader stopped early (`| head`): stop writing, without a traceback, and keep the exit
        # code of the findings. What is left to write goes to the null device, so that Python's
        # own flush at exit does not fail again (see "Note on SIGPIPE" in Python's signal docs).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
