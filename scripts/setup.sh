#!/usr/bin/env bash
# Installs what the judge needs on a fresh Debian/Ubuntu machine: system packages (sandbox, compilers)
# with apt-get when run as root, else prints the command to run; then the npm packages and the build.
set -euo pipefail
cd "$(dirname "$0")/.."

# command -> Debian/Ubuntu package providing it
declare -A PACKAGES=(
  [bwrap]=bubblewrap
  [prlimit]=util-linux
  [mount]=mount
  [gcc]=gcc
  [g++]=g++
  [python3]=python3
  [javac]=default-jdk-headless
  [rustc]=rustc
  [go]=golang-go
)

missing=()
for cmd in "${!PACKAGES[@]}"; do
  if ! PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin command -v "$cmd" >/dev/null 2>&1; then
    missing+=("${PACKAGES[$cmd]}")
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

if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
npm run build
echo "setup: done. Try: npx judge languages"
