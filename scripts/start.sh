#!/usr/bin/env bash
# `npm start`: the whole platform on one machine with nothing else running. Sets up what is missing
# (`npm run setup`), builds, then starts the API with its in-process runner and an embedded PostgreSQL
# under DATA_DIR (./data), imports the example problems on the first start, and prints a summary: the address,
# the admin password on the first start, the data folder, the engine and the languages found.
# Quiet by default: the build's output is shown only when it fails, and Nest's start-up lines (modules, routes)
# only with LOG_LEVEL=debug (error, warn, info: the default; see docs/deployment.md).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ] || [ ! -x libs/sandbox/bin/judge-spawn ]; then
  bash scripts/setup.sh
else
  bash scripts/build-quietly.sh
fi
exec node apps/api/dist/main.js
