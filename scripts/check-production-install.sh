#!/usr/bin/env bash
# A production install as an operator makes it, from a fresh clone of HEAD:
# `npm ci --omit=dev && npm start`. Checks that it starts on the Node it
# installed, becomes ready, writes nothing outside DATA_DIR, and stops on
# SIGTERM. .ci/run runs it; it needs only git, Node and the npm registry.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/candor-prod-XXXXXX)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

git clone -q "$repo" "$work/app"
cd "$work/app"
npm ci --omit=dev --no-audit --no-fund --loglevel=error
if [ -d node_modules/vitest ] || [ -d node_modules/typescript ]; then
  echo "production install: devDependencies were installed" >&2
  exit 1
fi

# What the install left; the start must add nothing to it (DATA_DIR is outside the tree).
before="$(git status --porcelain --ignored; find . -path ./node_modules -prune -o -type f -newer package.json -print | sort)"
port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
PORT="$port" HOST=127.0.0.1 DATA_DIR="$work/data" LOG_CHANNEL=off npm start >"$work/out.log" 2>&1 &
pid=$!
ready=""
for _ in $(seq 1 120); do
  if ready="$(curl -sf "http://127.0.0.1:$port/readyz")"; then break; fi
  sleep 0.25
done
if [ -z "$ready" ]; then
  echo "production install: /readyz never answered 200" >&2
  cat "$work/out.log" >&2
  exit 1
fi
grep -q '"status":"ready"' <<<"$ready"
grep -q "ready in" "$work/out.log"
after="$(git status --porcelain --ignored; find . -path ./node_modules -prune -o -type f -newer package.json -print | sort)"
if [ "$before" != "$after" ]; then
  echo "production install: the start wrote outside DATA_DIR:" >&2
  diff <(echo "$before") <(echo "$after") >&2 || true
  exit 1
fi
kill -TERM "$pid"
wait "$pid" && status=0 || status=$?
pid=""
if [ "$status" -ne 0 ]; then
  echo "production install: exit $status after SIGTERM" >&2
  exit 1
fi
# The CLI from the same install: one clone and one npm ci for both checks.
bash "$repo/scripts/check-cli-install.sh" "$work/app"
echo "production install: npm ci --omit=dev && npm start ready on $(node_modules/.bin/node --version), nothing written outside DATA_DIR, exit 0 on SIGTERM"
