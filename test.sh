#!/usr/bin/env bash
# Run the whole test suite: lint, types, then pytest (extra arguments go to pytest).
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/mypy
# Test files run in parallel, one worker per core (at most four: each loads spaCy); a file stays on
# one worker (--dist loadfile), so its module fixtures are built once. "-n 0" runs in one process.
.venv/bin/python -m pytest -n auto --maxprocesses 4 --dist loadfile "$@"
