#!/usr/bin/env bash
# Requests/s of the public status page, read per request vs cached (docs/performance.md): a real
# `./vigie serve` on the loopback with the seed platform (examples/seed-platform-fixed.yaml) and
# INCIDENTS published incidents, then a bounded GET loop (bench/StatusLoad.java: THREADS threads,
# DURATION s, at most MAX requests) on /status, in three runs:
#   uncached    statusPage.cacheFor: 0s (every request reads the facts: the behaviour before)
#   cached      the defaults (one read per change)
#   revalidate  cached, each request with the If-None-Match of the first answer (304s)
# Prints one TSV line per run with vigie_status_page_builds_total's delta.
#   bench/status-page.sh            # THREADS=8 DURATION=10 MAX=200000 INCIDENTS=5 WARMUP=3
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
THREADS=${THREADS:-8}; DURATION=${DURATION:-10}; MAX=${MAX:-200000}; INCIDENTS=${INCIDENTS:-5}
WARMUP=${WARMUP:-3}
TOKEN=bench-token-0123456789abcdef
JAVA="$("$ROOT/bin/find-jdk")/bin/java"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
metric() { curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$HTTP/metrics" | awk -v m="$1" '$1==m {printf "%.0f\n", $2}'; }
api() { curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@" >/dev/null; }
SERVER_PID=; TMP=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; [ -n "$TMP" ] && rm -rf "$TMP"; true; }
trap cleanup EXIT

run() {
  local label=$1 extra=$2 mode=${3:-}
  TMP=$(mktemp -d /tmp/vigie-status.XXXXXX)
  HTTP=$(free_port)
  { cat "$ROOT/examples/seed-platform-fixed.yaml"; printf '\n%s\n' "$extra"; } >"$TMP/vigie.yaml"
  VIGIE_API_TOKEN=$TOKEN "$ROOT/vigie" serve --config "$TMP/vigie.yaml" --http "127.0.0.1:$HTTP" \
    --hep-port 0 --data "$TMP/data" >"$TMP/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$HTTP/healthz" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/server.log" >&2; exit 1; }
    sleep 0.5
  done
  for i in $(seq 1 "$INCIDENTS"); do
    api -X POST "http://127.0.0.1:$HTTP/api/v1/incidents" -d "{\"title\": \"Incident $i\",
      \"startedAt\": \"$(date -u -d "-$i hours" +%FT%TZ)\", \"services\": [\"sip-edge\"],
      \"severity\": \"MAJOR\"}"
  done
  api -X PUT "http://127.0.0.1:$HTTP/api/v1/status/support-line" -d '{"down": true}'
  "$JAVA" "$ROOT/bench/StatusLoad.java" "http://127.0.0.1:$HTTP/status" "$THREADS" "$WARMUP" "$MAX" \
    $mode >/dev/null
  local b0 load out; b0=$(metric vigie_status_page_builds_total); load=$(cut -d' ' -f1 /proc/loadavg)
  out=$("$JAVA" "$ROOT/bench/StatusLoad.java" "http://127.0.0.1:$HTTP/status" "$THREADS" "$DURATION" \
    "$MAX" $mode)
  printf '%s\t%s\tbuilds=%s\tload=%s\n' "$label" "$out" "$(( $(metric vigie_status_page_builds_total) - b0 ))" "$load"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
  rm -rf "$TMP"; TMP=
}

run uncached $'statusPage:\n  cacheFor: 0s'
run cached ''
run revalidate '' revalidate
