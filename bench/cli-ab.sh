#!/usr/bin/env bash
# A/B of `analyze` end to end between two builds, alternated in one run (A B A B ...) so that the
# load of a shared machine hits both alike: each build runs with the launcher's short-run JVM flags
# and its own AOT cache (made here once, by the launcher's training run), process start to exit.
#
#   bench/cli-ab.sh JAR_A JAR_B [FILE] [RUNS]     FILE defaults to bench/results/bench-200k.pcap
#
# Prints and writes bench/results-cli/ab-<name of FILE>.tsv: run, build, wall s, user s, sys s;
# then the mean of each column per build, and `uptime` before and after.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
A=$1; B=$2; FILE=${3:-$ROOT/bench/results/bench-200k.pcap}; RUNS=${4:-5}
JAVA=$("$ROOT/bin/find-jdk")/bin/java
OUT="$ROOT/bench/results-cli"; mkdir -p "$OUT"
TSV="$OUT/ab-$(basename "$FILE" .pcap).tsv"
OPTS=(-XX:+ExitOnOutOfMemoryError -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData)
for j in "$A" "$B"; do # the launcher's training run, once per jar
  [ -f "$j.aot" ] && [ "$j.aot" -nt "$j" ] && continue
  (cd "$ROOT" && "$JAVA" "${OPTS[@]}" -XX:AOTCacheOutput="$j.aot" -jar "$j" analyze \
    testdata/captures/*.pcap testdata/captures/*.pcapng --inventory testdata/inventory.yaml \
    --format json >/dev/null 2>&1)
done
cat "$FILE" >/dev/null
{ echo "# $(date -u +%FT%TZ) A=$A B=$B file=$FILE"; echo "# before: $(uptime)"; } | tee "$TSV"
printf 'run\tbuild\twall_s\tuser_s\tsys_s\n' | tee -a "$TSV"
for i in $(seq "$RUNS"); do
  for x in A B; do
    j=$A; [ $x = B ] && j=$B
    /usr/bin/time -f "$i\t$x\t%e\t%U\t%S" -o /dev/stdout "$JAVA" "${OPTS[@]}" -XX:AOTCache="$j.aot" \
      -jar "$j" analyze "$FILE" --format json 2>/dev/null | tail -1 | tee -a "$TSV"
  done
done
echo "# after: $(uptime)" | tee -a "$TSV"
awk -F'\t' '$2=="A"||$2=="B" {n[$2]++; w[$2]+=$3; u[$2]+=$4; s[$2]+=$5}
  END {for (x in n) printf "# mean %s: wall %.3f s, user %.3f s, sys %.3f s, cpu %.3f s (%d runs)\n", x, w[x]/n[x], u[x]/n[x], s[x]/n[x], (u[x]+s[x])/n[x], n[x]}' "$TSV" | sort | tee -a "$TSV"
