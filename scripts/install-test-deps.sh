#!/usr/bin/env bash
# Install everything the test suite needs: the package with its test extra,
# and for the browser tests Debian's Chromium and the Nu Html Checker (vnu).
# Safe to run again; needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
