#!/usr/bin/env bash
# Whole-file comparisons on one big capture (default bench/results/bench-1m.pcap, a million SIP
# messages built by lab/make-bench-capture.sh), warm page cache, with hyperfine:
#   1. `./vigie analyze FILE --format json` against `tshark -q -z sip,stat -r FILE`
#   2. the reading path alone (dev.vigie.bench.ReadCapture: CaptureDecoder.read(Path) with a no-op
#      sink, JVM start included) against `cat FILE` (hyperfine sends output to /dev/null)
#
#   bench/capture-vs-tools.sh [FILE] [RUNS]     RUNS for the fast commands (default 5); tshark
#                                               runs once (about 15 min on a million messages here)
# Results: bench/results/hyperfine-*.json and a summary on stdout.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESULTS="$ROOT/bench/results"
mkdir -p "$RESULTS"
export JAVA_HOME=${JAVA_HOME:-$("$ROOT/bin/find-jdk")}
command -v hyperfine >/dev/null || { echo "capture-vs-tools: hyperfine missing (apt-get install hyperfine)" >&2; exit 1; }
command -v tshark >/dev/null || { echo "capture-vs-tools: tshark missing (apt-get install tshark)" >&2; exit 1; }
F=${1:-$RESULTS/bench-1m.pcap}
RUNS=${2:-5}
[ -f "$F" ] || "$ROOT/lab/make-bench-capture.sh" "$F" 1000000
(cd "$ROOT" && ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl vigie-server,vigie-bench -am package >&2)
JAR="$ROOT/vigie-bench/target/benchmarks.jar"
cat "$F" >/dev/null
uptime
hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$RESULTS/hyperfine-read.json" \
  "cat $F" \
  "$JAVA_HOME/bin/java -Xmx1g -cp $JAR dev.vigie.bench.ReadCapture $F"
hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$RESULTS/hyperfine-analyze.json" \
  "$ROOT/vigie analyze $F --format json"
hyperfine -N --runs 1 --export-json "$RESULTS/hyperfine-tshark.json" \
  "tshark -q -z sip,stat -r $F"
uptime
