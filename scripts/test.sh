#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what it needs, then runs pytest.
# Usage: bash scripts/test.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

# The real drizzle-kit / drizzle-orm for the interoperability tests, pinned by the lock file.
if [ -f tests/interop/package-lock.json ] && command -v npm >/dev/null 2>&1; then
  if [ ! -d tests/interop/node_modules ] || [ tests/interop/package-lock.json -nt tests/interop/node_modules ]; then
    (cd tests/interop && npm ci --silent --no-audit --no-fund)
  fi
fi

# Debian's Chromium for the studio's browser tests (tests/studio/test_browser.py, marker "browser"),
# driven by Playwright through executable_path: Playwright's own browser download is not reachable.
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1 \
    || echo "warning: could not install chromium; the browser tests will fail under CI=true" >&2
fi

set +e
.venv/bin/python -m pytest -n "${PGSHIFT_TEST_WORKERS:-2}" "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure" >&2
  exit 1
fi
exit "$rc"
