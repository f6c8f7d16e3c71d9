#!/usr/bin/env bash
# `npm test`: every test — lint, types, server tests on a file database and on a real sqld,
# widget tests in Chromium, end-to-end tests of the example page. Stops at the first failing step.
set -euo pipefail
cd "$(dirname "$0")/.."
CHROME_PATH="$(bash scripts/find-chrome.sh)"
export CHROME_PATH
step() { echo; echo "=== $1"; }
step "lint";                 npm run --silent lint
step "typecheck";            npm run --silent typecheck
step "build widgets";        npm run --silent build
step "bundle size";          npm run --silent test:build
step "server tests (file)";  npm run --silent test:server
step "server tests (sqld)";  npm run --silent test:server:sqld
step "widget tests";         npm run --silent test:widgets
step "end-to-end tests";     npm run --silent test:e2e
echo; echo "[homecoming] all test steps passed"
