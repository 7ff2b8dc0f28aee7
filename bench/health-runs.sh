#!/usr/bin/env bash
# The detection/framing ratio with the service-health signals on, over many JVMs: N rounds of one
# DetectionCpuRatio run (R alternating rounds) per build, the builds alternated (A B A B ...), so
# that the run-to-run spread of this machine (the absolute rates of one build move by 15-30% from
# one JVM to the next) averages out and hits every build alike. HEALTH=false measures with it off.
#
#   bench/health-runs.sh N R JAR...     (benchmarks.jar of each build)
#
# Prints one line per run (build, ratio, median of its rounds, ratio of its fastest rounds: the
# least disturbed by the host's other tenants) and, per build, the mean and the
# 95% interval of its runs' ratios (Student t); with two builds, also the mean difference of the
# runs paired by round (each pair ran back to back), which a drifting host load disturbs less.
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
      dev.vigie.bench.DetectionCpuRatio "$R" 2>/dev/null | tail -2)
    main=$(tail -1 <<<"$r" | sed 's/.*ratio \([0-9.]*\) .*median \([0-9.]*\).*/\1 \2/')
    best=$(head -1 <<<"$r" | sed -n 's/^fastest rounds:.*ratio \([0-9.]*\)$/\1/p')
    echo "$jar $main ${best:-nan}" | tee -a "$out"
  done
done
echo "# after: $(uptime)"
python3 - "$out" <<'PY'
import math, sys, collections
runs = collections.defaultdict(list)
best = collections.defaultdict(list)
for line in open(sys.argv[1]):
    jar, ratio, _, fastest = line.split()
    runs[jar].append(float(ratio))
    best[jar].append(float(fastest))
t = {2: 12.71, 3: 4.30, 4: 3.18, 5: 2.78, 6: 2.57, 7: 2.45, 8: 2.36, 9: 2.31, 10: 2.26, 11: 2.23,
     12: 2.20, 13: 2.18, 14: 2.16, 15: 2.14, 16: 2.13, 17: 2.12, 18: 2.11, 19: 2.10, 20: 2.09}
def interval(xs):
    n = len(xs); m = sum(xs) / n
    half = t.get(n, 2.06 if n <= 30 else 2.0) * math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1) / n) if n > 1 else 0
    return m, half, n
for jar, xs in runs.items():
    print("%s: mean ratio %.3f +- %.3f (95%%, %d runs)" % ((jar,) + interval(xs)))
    if not any(math.isnan(x) for x in best[jar]):  # builds before it printed none
        print("%s: fastest rounds' ratio %.3f +- %.3f (95%%, %d runs)" % ((jar,) + interval(best[jar])))
if len(runs) == 2:
    # runs i of the two builds ran one after the other: their difference cancels slow drifts
    (a, xs), (b, ys) = runs.items()
    d = [y - x for x, y in zip(xs, ys)]
    if len(d) > 1:
        print("second - first, paired by round: %+.3f +- %.3f (95%%, %d pairs)" % interval(d))
PY
