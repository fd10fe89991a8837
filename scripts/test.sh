#!/usr/bin/env bash
# `npm test`: the whole suite on a fresh machine with nothing running. Sets up what is missing first
# (`scripts/setup.sh --tests`: system packages with Chromium and redis-server, npm packages, build, dockerd and
# its images), then runs vitest with the arguments given (`npm test -- test/queue` runs one folder).
# The integration tests' global set-up (test/support/global-setup.ts) starts an embedded PostgreSQL and a
# redis-server on free ports unless TEST_POSTGRES_URL / TEST_REDIS_URL name running servers.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests

# The docker engine's tests run against a real daemon, never skipped: say so now rather than in every test.
if ! docker info >/dev/null 2>&1; then
  echo "test: no Docker daemon answers; the docker engine's tests cannot run." >&2
  echo "test: as root, scripts/setup.sh starts dockerd (log: /var/log/dockerd.log)." >&2
  exit 1
fi

exec node_modules/.bin/vitest run "$@"
