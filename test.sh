#!/usr/bin/env bash
# Run the whole test suite: lint, types, then pytest (extra arguments go to pytest).
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
