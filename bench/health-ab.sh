#!/usr/bin/env bash
# The cost of service health on the detection benchmark, A/B between two builds, alternated in one
# run: for each pair, build A then build B, each with health on then off
# (DetectionCpuRatio, ROUNDS alternating rounds of framing-only and with-detection, CPU time).
#
#   bench/health-ab.sh ROUNDS PAIRS JAR_A JAR_B     (benchmarks.jar of each build)
#
# Prints one line per run: build, health, the ratio with detection / framing only.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
R=$1; P=$2; A=$3; B=$4
JAVA=$("$ROOT/bin/find-jdk")/bin/java
cd "$ROOT"
echo "# before: $(uptime)"
for i in $(seq "$P"); do
  for x in A B; do
    jar=$A; [ $x = B ] && jar=$B
    for h in true false; do
      r=$("$JAVA" -Xmx1g -Dvigie.health=$h -Dvigie.testdata=testdata -cp "$jar" \
        dev.vigie.bench.DetectionCpuRatio "$R" 2>/dev/null | tail -1)
      echo "$x health=$h $r"
    done
  done
done
echo "# after: $(uptime)"
