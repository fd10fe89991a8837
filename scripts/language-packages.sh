#!/usr/bin/env bash
# Prints each language of libs/judge/languages.yaml as "id default package package..." (default: yes when
# `installByDefault: true`), for setup.sh. Read with awk, because setup.sh runs before the npm packages (and a
# YAML parser) are installed: hence `packages: [a, b]` on one line. A test compares this with the YAML parse.
set -euo pipefail
cd "$(dirname "$0")/.."
awk '
  function flush() { if (id != "") print id, dflt, pkgs; id = ""; dflt = "no"; pkgs = "" }
  /^- id: / { flush(); id = $3 }
  /^  packages: \[/ { line = $0; sub(/^  packages: \[/, "", line); sub(/\].*$/, "", line); gsub(/,/, " ", line); pkgs = line }
  /^  installByDefault: true/ { dflt = "yes" }
  END { flush() }
' libs/judge/languages.yaml
