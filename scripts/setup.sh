#!/usr/bin/env bash
# Everything a fresh machine needs before Briefing runs or tests: the Debian
# packages Qt, the PDF checks and the PyInstaller build use, uv, and the locked
# Python environment in .venv. Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  chromium               # prints real pages to PDF for the PDF reader's tests and benchmark
  poppler-utils          # pdftotext / pdftoppm: tests read the PDFs Briefing prints
  fonts-dejavu-core      # a font for offscreen rendering and embedded PDF fonts
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1   # Qt's xcb platform plugin (and PyInstaller's collection of it)
  xvfb xauth x11-utils   # real X screens for tests/ui/test_xvfb_screens.py (Xvfb, xvfb-run's xauth, xwininfo)
)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})) && command -v apt-get >/dev/null 2>&1; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  echo "setup: installing ${missing[*]}" >&2
  "${sudo_cmd[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# .python-version selects 3.12; pyenv's python3 honours it in this folder.
PYTHON=${BRIEFING_PYTHON:-python3}
if ! "$PYTHON" -m uv --version >/dev/null 2>&1; then
  echo "setup: installing uv" >&2
  "$PYTHON" -m pip install --quiet uv >&2
fi
UV_PYTHON_DOWNLOADS=never "$PYTHON" -m uv sync --locked --quiet >&2
