#!/usr/bin/env bash
# `npm run build` as `npm start` and `npm run setup` run it: one line while it builds, and its output (tsc, the
# sandbox's helpers, Vite's list of the web UI's files) kept in a log that is printed only when the build fails.
# With LOG_LEVEL=debug the output is shown as it comes.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${LOG_LEVEL:-}" = debug ]; then
  exec npm run build --silent
fi
log="$(mktemp "${TMPDIR:-/tmp}/judge-build.XXXXXX")"
echo "building (npm run build)…"
if npm run build --silent >"$log" 2>&1; then
  rm -f "$log"
else
  status=$?
  cat "$log" >&2
  echo "build failed (exit $status): its output is above, and in $log" >&2
  exit "$status"
fi
