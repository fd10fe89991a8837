#!/usr/bin/env bash
# `npm start`: the whole platform on one machine with nothing else running. Sets up what is missing
# (`npm run setup`), builds, then starts the API with its in-process runner and an embedded PostgreSQL
# under DATA_DIR (./data), imports the example problems on the first start, and prints the address.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ] || [ ! -x libs/sandbox/bin/judge-spawn ]; then
  npm run setup
else
  npm run build --silent
fi
exec node apps/api/dist/main.js
