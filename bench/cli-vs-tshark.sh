#!/usr/bin/env bash
# End-to-end speed of the command line (issue 16): `./vigie analyze FILE --format json` (process
# start to exit: launcher, JVM start, reading, framing, detection, JSON) against
# `tshark -q -z sip,stat -r FILE`, both measured with hyperfine in the same run, on the benchmark
# captures of lab/make-bench-capture.sh at 50k, 200k and 1M SIP messages (built under
# bench/results/, which git ignores, when missing). Warm page cache (each file read once first).
#
#   bench/cli-vs-tshark.sh [RUNS] [SIZES]    RUNS of vigie per size (default 10); tshark runs
#                                            TSHARK_RUNS (default 3)
#                                            times at 50k and 200k and once at 1M (minutes)
#                                            SIZES default "50000 200000 1000000"
# Raw results: bench/results-cli/ (committed): hyperfine JSON per command and size, uptime before
# and after, and summary.tsv (size, tool, mean wall s, stddev, user s, system s, runs). TAG=name-
# prefixes every file name, so that a new run does not overwrite the files of an earlier one.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CAPS="$ROOT/bench/results"
OUT="$ROOT/bench/results-cli"
mkdir -p "$CAPS" "$OUT"
command -v hyperfine >/dev/null || { echo "cli-vs-tshark: hyperfine missing (apt-get install hyperfine)" >&2; exit 1; }
command -v tshark >/dev/null || { echo "cli-vs-tshark: tshark missing (apt-get install tshark)" >&2; exit 1; }
RUNS=${1:-10}
SIZES=${2:-"50000 200000 1000000"}
"$ROOT/vigie" --version >/dev/null # builds if needed
"$ROOT/vigie" analyze "$ROOT/testdata/captures/mini.sip.pcap" >/dev/null # makes the AOT cache if needed
{ date -u +%FT%TZ; nproc; uptime; "$(${ROOT}/bin/find-jdk)/bin/java" -version 2>&1 | head -1; tshark --version | head -1; } >"$OUT/${TAG:-}environment.txt"
printf 'messages\ttool\tmean_s\tstddev_s\tuser_s\tsystem_s\truns\n' >"$OUT/${TAG:-}summary.tsv"
for n in $SIZES; do
  f="$CAPS/bench-$n.pcap"
  [ -f "$f" ] || "$ROOT/lab/make-bench-capture.sh" "$f" "$n" >&2
  cat "$f" >/dev/null
  echo "== $n messages: $(uptime)" | tee -a "$OUT/${TAG:-}environment.txt"
  hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$OUT/${TAG:-}vigie-$n.json" \
    "$ROOT/vigie analyze $f --format json"
  trs=${TSHARK_RUNS:-3}; [ "$n" -ge 1000000 ] && trs=1
  hyperfine -N --runs "$trs" --export-json "$OUT/${TAG:-}tshark-$n.json" "tshark -q -z sip,stat -r $f"
  for t in vigie tshark; do
    python3 - "$OUT/${TAG:-}$t-$n.json" "$n" "$t" >>"$OUT/${TAG:-}summary.tsv" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("\t".join([sys.argv[2], sys.argv[3], "%.3f" % r["mean"], "%.3f" % (r["stddev"] or 0),
                 "%.3f" % r["user"], "%.3f" % r["system"], str(len(r["times"]))]))
PY
  done
done
echo "== end: $(uptime)" | tee -a "$OUT/${TAG:-}environment.txt"
column -t "$OUT/${TAG:-}summary.tsv"
