#!/usr/bin/env bash
# `npm test`: every check a change must pass, in the order that fails fastest.
#   1. build, type-check (src and test), format check, lint;
#   2. the whole vitest suite on this Node, with coverage (floor in vitest.config.ts);
#   3. side by side: the swarm test alone (it inits a swarm on the Engine, so it cannot share the
#      Engine with the compose tests) and the fast suite again on Node 24 (scripts/test-node24.sh).
# Node 24 and its better-sqlite3 build are fetched and compiled from the start, at the lowest CPU
# priority, so the compile takes the cycles that the suite's Docker waits leave idle instead of
# adding minutes at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

node24_log="$(mktemp "${TMPDIR:-/tmp}/aistack-node24-prepare.XXXXXX")"
# Its own process group (setsid), so a failed step below stops the compiler too.
setsid nice -n 19 bash scripts/test-node24.sh --prepare >"$node24_log" 2>&1 &
prepare=$!
trap 'kill -- -"$prepare" 2>/dev/null || true; rm -f "$node24_log"' EXIT

npm run build
npm run typecheck
npm run format:check
npm run lint
npx vitest run --coverage

if ! wait "$prepare"; then
  cat "$node24_log" >&2
  echo "npm test: preparing Node 24 failed (above); the Node 20 steps passed" >&2
  exit 1
fi
cat "$node24_log"

swarm_log="$(mktemp "${TMPDIR:-/tmp}/aistack-swarm-test.XXXXXX")"
AISTACK_SWARM_TEST=1 npx vitest run --project integration test/integration/runtime/swarm.test.ts >"$swarm_log" 2>&1 &
swarm=$!
node24_status=0
bash scripts/test-node24.sh || node24_status=$?
swarm_status=0
wait "$swarm" || swarm_status=$?
cat "$swarm_log"
rm -f "$swarm_log"
[ "$swarm_status" -eq 0 ] || echo "npm test: the swarm test failed (above)" >&2
[ "$node24_status" -eq 0 ] || echo "npm test: the fast suite failed on Node 24 (above)" >&2
[ "$swarm_status" -eq 0 ] && [ "$node24_status" -eq 0 ]
