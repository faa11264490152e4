#!/usr/bin/env bash
# The `candor` CLI as users get it, from a fresh clone of HEAD: `npx candor`
# in the checkout, and `npm pack` then `npm i -g` of the tarball (which
# carries only the bundle, dist/cli/), each answering `candor --help`. The
# global one runs on whatever `node` is first on PATH (the machine's, maybe
# older than the server's Node 24). .ci/run runs it; it needs only git, Node
# and the npm registry.
# Given the path of a production install already made from a fresh clone
# (check-production-install.sh passes its own), it checks that one instead of
# cloning and installing again.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/candor-cli-XXXXXX)"
trap 'rm -rf "$work"' EXIT

if [ -n "${1:-}" ]; then
  app="$1"
else
  app="$work/app"
  git clone -q "$repo" "$app"
  # A production install builds the CLI too (prepare); the typed client's types need only the dev tools.
  (cd "$app" && npm ci --omit=dev --no-audit --no-fund --loglevel=error)
fi
cd "$app"
npx --no-install candor --help | grep -q "candor <command>"

# Already built by prepare above: pack the bundle as it is.
tarball="$(npm pack --ignore-scripts --silent)"
listed="$(tar -tzf "$tarball" | sort)"
if grep -qv -e '^package/dist/cli/' -e '^package/package.json$' -e '^package/README.md$' -e '^package/LICENSE' <<<"$listed"; then
  echo "cli install: the tarball carries more than the CLI:" >&2
  echo "$listed" >&2
  exit 1
fi
npm install -g --prefix "$work/global" "$app/$tarball" --no-audit --no-fund --loglevel=error
cd "$work"
"$work/global/bin/candor" --help | grep -q "maintenance schedule"
set +e
"$work/global/bin/candor" status >/dev/null 2>"$work/err"
status=$?
set -e
if [ "$status" -ne 2 ] || ! grep -q "candor login" "$work/err"; then
  echo "cli install: candor status without a server should exit 2 and point at candor login (got $status)" >&2
  cat "$work/err" >&2
  exit 1
fi
echo "cli install: npx candor and npm i -g $tarball ($(du -k "$app/$tarball" | cut -f1) kB) answer --help on $(node --version)"
