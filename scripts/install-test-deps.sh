#!/usr/bin/env bash
# Install everything the test suite needs: the package with its test extra,
# and for the browser tests Debian's Chromium, axe-core and the Nu Html
# Checker (vnu).  Safe to run again; needs root (or sudo) for apt-get.
# Never runs `playwright install`: Playwright drives /usr/bin/chromium.
set -euo pipefail
export PIP_ROOT_USER_ACTION=ignore
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
# Hunspell dictionaries for the spelling test (tests/test_spelling.py).
[ -f /usr/share/hunspell/nb_NO.dic ] || need_apt+=(myspell-nb)
[ -f /usr/share/hunspell/nn_NO.dic ] || need_apt+=(myspell-nn)
if [ "${#need_apt[@]}" -gt 0 ]; then
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need_apt[@]}"
fi

# vnu-jar's postinstall script downloads a Java runtime: not wanted, hence --ignore-scripts.
# lighthouse (12.x for Node 20) is only used by benchmarks/lighthouse.py.
if [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -f node_modules/axe-core/axe.min.js ] \
   || [ ! -e node_modules/.bin/lighthouse ]; then
  npm install --ignore-scripts --no-audit --no-fund --loglevel=error
fi

python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
