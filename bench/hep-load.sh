#!/usr/bin/env bash
# Live ingest load against a real `./vigie serve` on the loopback (see bench/README.md).
#
#   bench/hep-load.sh udp RATE SECONDS         paced HEP v3 over UDP (e.g. 100000 60)
#   bench/hep-load.sh step RATES SECONDS       one fresh server per rate, e.g. 100000,150000,200000 20
#   bench/hep-load.sh tcp COUNT                HEP v3 over one TCP connection, as fast as possible
#   bench/hep-load.sh spoof COUNT RATE         UDP, every packet from a distinct (spoofed) source
#
# Each run: a temp data dir, free ports, the server with an explicit heap (XMX, default 1g), the
# Java load generator dev.vigie.bench.HepLoad (pre-encoded packets, paced), then /metrics once the
# queue has drained: sent vs received (loss = sent - received), dropped (queue full), SIP messages,
# tracked sources, the kernel's UDP receive-buffer errors, and the heap (jcmd GC.heap_info, sampled
# every 5 s during the run, and after a full GC at the end). Traffic goes to 127.0.0.1 only; every
# run is bounded by its count and by SECONDS (at most 600 s).
# WARMUP=S (default 10; 0 for spoof): the same load for S s before the measured part, not counted
# (a cold JIT on a shared 2-core machine loses packets that a running server would not).
# RAISE_RMEM=N raises net.core.rmem_max to N bytes for the run (sysctl, restored on exit): the
# server asks for a 16 MiB SO_RCVBUF, which the kernel caps at rmem_max.
# Results: one line per run appended to bench/results/hep-load.tsv, details in bench/results/.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESULTS="$ROOT/bench/results"
mkdir -p "$RESULTS"
export JAVA_HOME=${JAVA_HOME:-$("$ROOT/bin/find-jdk")}
BENCH_JAR="$ROOT/vigie-bench/target/benchmarks.jar"
XMX=${XMX:-1g}

usage() { sed -n '2,8p' "$0" >&2; exit 2; }
[ $# -ge 2 ] || usage
MODE=$1

if [ ! -f "$BENCH_JAR" ] || [ -n "$(find "$ROOT/vigie-bench/src" "$ROOT/vigie-wire/src/main" -newer "$BENCH_JAR" -name '*.java' -print -quit)" ]; then
  (cd "$ROOT" && ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl vigie-bench -am package >&2)
fi

OLD_RMEM=$(sysctl -n net.core.rmem_max)
SERVER_PID=
TMP=
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  fi
  [ -n "$TMP" ] && rm -rf "$TMP"
  [ "$(sysctl -n net.core.rmem_max)" = "$OLD_RMEM" ] || sysctl -q -w net.core.rmem_max="$OLD_RMEM"
}
trap cleanup EXIT
if [ -n "${RAISE_RMEM:-}" ]; then
  sysctl -q -w net.core.rmem_max="$RAISE_RMEM"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
metric() { curl -sf -H "Authorization: Bearer bench-token-0123456789abcdef" "http://127.0.0.1:$HTTP/metrics" | awk -v m="$1" '$1==m {printf "%.0f\n", $2}'; }
udp_stat() { awk -v f="$1" '/^Udp:/ { if (!h) { for (i=1;i<=NF;i++) c[$i]=i; h=1 } else print $c[f] }' /proc/net/snmp; }
# thread_ticks: "comm ticks" (utime + stime, 1/100 s) of every thread of the server
thread_ticks() {
  for t in /proc/"$SERVER_PID"/task/*; do
    awk '{ sub(/^[0-9]+ \(/, ""); n = index($0, ") "); c = substr($0, 1, n - 1); gsub(/ /, "_", c)
           split(substr($0, n + 2), f, " "); print c, f[12] + f[13] }' "$t/stat" 2>/dev/null
  done
}
# cpu_report BEFORE AFTER: CPU seconds of the whole server, its busiest thread and vigie-detect
cpu_report() {
  awk 'NR == FNR { b[$1] += $2; next } { a[$1] += $2 }
       END { for (k in a) { d = (a[k] - b[k]) / 100; tot += d; if (d > max) { max = d; who = k } }
             printf "serverCpuS=%.2f\tbusiestThread=%s:%.2f\tdetectThreadCpuS=%.2f", tot, who, max, (a["vigie-detect"] - b["vigie-detect"]) / 100 }' "$1" "$2"
}
heap_used_kb() { jcmd "$SERVER_PID" GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -1 | tr -dc 0-9; echo; }
WARMUP=${WARMUP:-10}

start_server() {
  TMP=$(mktemp -d /tmp/vigie-load.XXXXXX)
  HTTP=$(free_port); HEP=$(free_port)
  VIGIE_JAVA_OPTS="-Xms$XMX -Xmx$XMX -XX:+UseG1GC" VIGIE_API_TOKEN=bench-token-0123456789abcdef \
    "$ROOT/vigie" serve --http "127.0.0.1:$HTTP" --hep-port "$HEP" --data "$TMP/data" \
    >"$TMP/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$HTTP/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/server.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "hep-load: server did not come up in 120 s" >&2; exit 1
}

stop_server() {
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
  rm -rf "$TMP"; TMP=
}

# wait_drain MAX: until the queue is empty and the received and SIP counters still for 3 s
# (at most MAX s)
wait_drain() {
  local t0 last=-1 now stable=0; t0=$(date +%s)
  while [ $(( $(date +%s) - t0 )) -lt "$1" ]; do
    now="$(metric vigie_ingest_received_total):$(metric vigie_ingest_sip_messages_total)"
    if [ "$now" = "$last" ] && [ "$(metric vigie_ingest_queue_depth)" = 0 ]; then
      stable=$((stable + 1)); [ $stable -ge 3 ] && return 0
    else stable=0; fi
    last=$now; sleep 1
  done
}

# run LABEL HEPLOAD-ARGS...: one server; a warm-up of WARMUP s (default 10) at the same load, not
# counted; then the measured load; counters are deltas over the measured part
run() {
  local label=$1; shift
  start_server
  local rcv0 snd0 kd0 maxheap=0 sampler rec0=0 sip0=0 drop0=0 warm=0
  local load1; load1=$(cut -d' ' -f1 /proc/loadavg)
  local wu=(); [ "$WARMUP" != 0 ] && wu=(--warmup "$WARMUP" --pause 10)
  "$JAVA_HOME/bin/java" -Xmx256m -cp "$BENCH_JAR" dev.vigie.bench.HepLoad --to "127.0.0.1:$HEP" "$@" \
    "${wu[@]}" >"$TMP/gen.out" &
  local gen=$!
  if [ "$WARMUP" != 0 ]; then # the generator pauses 10 s after its warm-up: snapshot then
    until grep -q '^warm' "$TMP/gen.out" 2>/dev/null; do
      kill -0 "$gen" 2>/dev/null || { cat "$TMP/gen.out" >&2; exit 1; }; sleep 0.2
    done
    warm=$(sed -n 's/^warm //p' "$TMP/gen.out")
    wait_drain 6
  fi
  rec0=$(metric vigie_ingest_received_total); sip0=$(metric vigie_ingest_sip_messages_total)
  drop0=$(metric vigie_ingest_dropped_total); kd0=$(metric vigie_ingest_kernel_drops_total)
  rcv0=$(udp_stat RcvbufErrors); snd0=$(udp_stat SndbufErrors)
  thread_ticks >"$TMP/cpu0.txt"
  ( while kill -0 "$SERVER_PID" 2>/dev/null; do heap_used_kb; sleep 5; done ) >"$TMP/heap.txt" &
  sampler=$!
  wait "$gen"
  local out; out=$(grep '^{' "$TMP/gen.out")
  local sent; sent=$(sed 's/.*"sent":\([0-9]*\).*/\1/' <<<"$out")
  local t0; t0=$(date +%s)
  wait_drain 120
  local drain=$(( $(date +%s) - t0 ))
  thread_ticks >"$TMP/cpu1.txt"
  local cpu; cpu=$(cpu_report "$TMP/cpu0.txt" "$TMP/cpu1.txt")
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
  maxheap=$(sort -n "$TMP/heap.txt" | tail -1)
  local received dropped sip tracked
  received=$(( $(metric vigie_ingest_received_total) - rec0 ))
  dropped=$(( $(metric vigie_ingest_dropped_total) - drop0 ))
  sip=$(( $(metric vigie_ingest_sip_messages_total) - sip0 )); tracked=$(metric vigie_detect_tracked_sources)
  jcmd "$SERVER_PID" GC.run >/dev/null
  local live; live=$(heap_used_kb)
  local kdrops=$(( $(metric vigie_ingest_kernel_drops_total) - kd0 ))
  local rcverr=$(( $(udp_stat RcvbufErrors) - rcv0 )) snderr=$(( $(udp_stat SndbufErrors) - snd0 ))
  local line
  line=$(printf '%s\t%s\tsent=%s\treceived=%s\tloss=%s\tdropped=%s\tsip=%s\ttracked=%s\tkernelRcvbufErrors=%s\tvigieKernelDrops=%s\tkernelSndbufErrors=%s\theapMaxUsedKB=%s\theapAfterGcKB=%s\tdrainS=%s\trmem_max=%s\tXmx=%s\tload1=%s\twarmupSent=%s\t%s\tgen=%s' \
    "$(date -u +%FT%TZ)" "$label" "$sent" "$received" "$((sent - received))" "$dropped" "$sip" "$tracked" \
    "$rcverr" "$kdrops" "$snderr" "$maxheap" "$live" "$drain" "$(sysctl -n net.core.rmem_max)" "$XMX" "$load1" "$warm" "$cpu" "$out")
  echo "$line" | tee -a "$RESULTS/hep-load.tsv"
  curl -sf -H "Authorization: Bearer bench-token-0123456789abcdef" "http://127.0.0.1:$HTTP/metrics" >"$RESULTS/metrics-$label-$(date +%s).txt" || true
  stop_server
}

case "$MODE" in
  udp)   [ $# -eq 3 ] || usage; run "udp-$2" --udp --rate "$2" --seconds "$3" ;;
  step)  [ $# -eq 3 ] || usage
         IFS=, read -ra RATES <<<"$2"
         for r in "${RATES[@]}"; do run "udp-$r" --udp --rate "$r" --seconds "$3"; done ;;
  tcp)   [ $# -eq 2 ] || usage; run "tcp-$2" --tcp --rate 0 --count "$2" --seconds 300 ;;
  spoof) [ $# -eq 3 ] || usage; WARMUP=0 # a warm-up would repeat the first spoofed sources
         run "spoof-$2" --udp --spoof --count "$2" --rate "$3" --seconds 600 ;;
  *) usage ;;
esac
