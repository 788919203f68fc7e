#!/usr/bin/env bash
# The server tests against a real PostgreSQL: a throwaway cluster in a temporary
# directory, on loopback only, started as the postgres user and removed afterwards.
# Installs Debian's postgresql when it is missing. On a developer machine without
# apt (or without root) it says so and exits 0; with RENLING_REQUIRE_POSTGRES=1
# (.ci/run) a missing PostgreSQL fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

required="${RENLING_REQUIRE_POSTGRES:-0}"
skip() {
  echo "PostgreSQL tests skipped: $1"
  if [ "$required" = "1" ]; then exit 1; fi
  exit 0
}

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

bin="$(find_bin)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then skip "no PostgreSQL, and apt-get is not available as root"; fi
  echo "Installing postgresql from Debian…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || skip "apt-get update failed"
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null || skip "apt-get install postgresql failed"
  bin="$(find_bin)"
  [ -n "$bin" ] || skip "postgresql installed but no server binaries found"
fi

# initdb and postgres refuse to run as root
run_as=()
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || skip "no postgres user to run the server as"
  run_as=(runuser -u postgres --)
fi

dir="$(mktemp -d /tmp/renling-pg.XXXXXX)"
chmod 755 "$dir"
[ ${#run_as[@]} -eq 0 ] || chown postgres "$dir"
port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
cleanup() {
  "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

echo "Starting a throwaway PostgreSQL ($("$bin/postgres" --version)) on 127.0.0.1:$port…"
# trust on loopback only: the cluster lives for this run and listens nowhere else
"${run_as[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
"${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" start >/dev/null
"$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres renling_test

RENLING_TEST_POSTGRES=1 DATABASE_URL="postgres://postgres@127.0.0.1:$port/renling_test" node packages/server/test/run.mjs
