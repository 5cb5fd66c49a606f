#!/usr/bin/env bash
# Run Briefing: ./app.sh [FOLDER] opens FOLDER (default: the last library, or the built-in sample).
set -euo pipefail
caller=$(pwd)
cd "$(dirname "$0")"
scripts/setup.sh
args=()
if [ $# -ge 1 ] && [ "${1:0:1}" != "-" ]; then
  folder=$1; shift
  [ "${folder:0:1}" = "/" ] || folder="$caller/$folder"
  args=(--library "$folder")
fi
exec .venv/bin/briefing "${args[@]}" "$@"
