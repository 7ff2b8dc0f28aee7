#!/usr/bin/env bash
# The detection/framing ratio with the service-health signals on, over many JVMs: N rounds of one
# DetectionCpuRatio run (R alternating rounds) per build, the builds alternated (A B A B ...), so
# that the run-to-run spread of this machine (the absolute rates of one build move by 15-30% from
# one JVM to the next) averages out and hits every build alike. HEALTH=false measures with it off.
#
#   bench/health-runs.sh N R JAR...     (benchmarks.jar of each build)
#
# Prints one line per run (build, ratio, median of its rounds) and, per build, the mean and the
# 95% interval of its runs' ratios (Student t).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=$1; R=$2; shift 2
JAVA=$("$ROOT/bin/find-jdk")/bin/java
cd "$ROOT"
out=$(mktemp); trap 'rm -f "$out"' EXIT
echo "# before: $(uptime)"
for i in $(seq "$N"); do
  for jar in "$@"; do
    r=$("$JAVA" -Xmx1g -Dvigie.health="${HEALTH:-true}" -Dvigie.testdata=testdata -cp "$jar" \
      dev.vigie.bench.DetectionCpuRatio "$R" 2>/dev/null | tail -1 |
      sed 's/.*ratio \([0-9.]*\) .*median \([0-9.]*\).*/\1 \2/')
    echo "$jar $r" | tee -a "$out"
  done
done
echo "# after: $(uptime)"
python3 - "$out" <<'PY'
import math, sys, collections
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    jar, ratio, _ = line.split()
    runs[jar].append(float(ratio))
t = {2: 12.71, 3: 4.30, 4: 3.18, 5: 2.78, 6: 2.57, 7: 2.45, 8: 2.36, 9: 2.31, 10: 2.26}
for jar, xs in runs.items():
    n = len(xs); m = sum(xs) / n
    half = t.get(n, 2.0) * math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1) / n) if n > 1 else 0
    print(f"{jar}: mean ratio {m:.3f} +- {half:.3f} (95%, {n} runs)")
PY
