#!/usr/bin/env bash
# Install the system packages outcome_graph uses, when missing:
#   python3.X-venv - what `$PYTHON -m venv` needs on Debian and Ubuntu (ensurepip), for the
#                    Python that makes the .venv (PYTHON, default python3; python3 itself if missing)
#   graphviz  - the `dot` program that lays out logic-model diagrams
#   chromium  - headless browser for the HTML report's tests (only with OUTCOME_GRAPH_TEST_BROWSER=1)
#   poppler-utils - pdftotext, for the tests that read the report as Chromium prints it (likewise)
set -euo pipefail

PYTHON="${PYTHON:-python3}"
need=()
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  [ "$PYTHON" = python3 ] && need+=(python3 python3-venv)
elif ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  need+=("$("$PYTHON" -c 'import sys; print("python%d.%d-venv" % sys.version_info[:2])')")
fi
command -v dot >/dev/null 2>&1 || need+=(graphviz)
if [ "${OUTCOME_GRAPH_TEST_BROWSER:-0}" = "1" ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
fi
[ ${#need[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "outcome-graph: please install: ${need[*]} (no apt-get on this machine)" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "outcome-graph: please install as root: apt-get install ${need[*]}" >&2; exit 0; fi
fi
echo "installing system packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
