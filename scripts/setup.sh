#!/usr/bin/env bash
# Shared set-up for ./scripts/run and ./scripts/test: system libraries Qt needs (on Debian or
# Ubuntu, as root), a virtual environment in .venv, and the project installed into it.
# Safe to run again: each step is skipped when it is already done.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Libraries Qt needs offscreen, plus Xvfb for real windows and poppler for looking at PDFs.
debian_packages=(
  libgl1 libegl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3
  xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 poppler-utils fonts-dejavu-core
)

install_system_libraries() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=()
  for package in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "Qt needs these system packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install ${missing[*]}" >&2
    return 0
  fi
  echo "Installing system libraries for Qt: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

python_for_venv() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 \
      && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "Restorative Desk needs Python 3.11 or newer; please install it first." >&2
  return 1
}

install_project() {
  if [ ! -x .venv/bin/python ]; then
    echo "Creating the virtual environment in .venv"
    "$(python_for_venv)" -m venv .venv
  fi
  # Reinstall only when the project's requirements changed.
  local stamp=.venv/.restorative-desk-installed
  local wanted
  wanted="$(sha256sum pyproject.toml | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    echo "Installing Restorative Desk and its dependencies into .venv"
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet --editable ".[dev]"
    echo "$wanted" > "$stamp"
  fi
}

install_system_libraries
install_project
