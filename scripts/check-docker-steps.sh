#!/usr/bin/env bash
# Runs the Dockerfile's steps by hand in a clean directory (no Docker engine needed):
# production install, the runtime files only, then the container's command with and without a token.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$root/package.json" "$root/package-lock.json" "$work/"
(cd "$work" && npm install --omit=dev --no-audit --no-fund >/dev/null)
cp -r "$root/src" "$root/data" "$root/tsconfig.json" "$work/"
rm -f "$work"/data/*.db*
cd "$work"
export NODE_ENV=production DATA_DIR="$work/data" DATABASE_PATH="$work/data/events.db"
set +e
node --import tsx src/main.ts >"$work/out.txt" 2>&1
code=$?
set -e
grep -q "TELEGRAM_BOT_TOKEN is not set" "$work/out.txt" || { cat "$work/out.txt"; echo "FAIL: no-token message missing"; exit 1; }
[ "$code" -eq 1 ] || { echo "FAIL: exit code $code, expected 1"; exit 1; }
node --import tsx src/cli/main.ts stats | grep -Eq "[0-9]+ events from 5 documents" || { echo "FAIL: stats"; exit 1; }
echo "OK: the Dockerfile's steps work in a clean directory ($(node --version), production dependencies only)"
