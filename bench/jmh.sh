#!/usr/bin/env bash
# JMH suites of vigie-bench, short enough to repeat (-wi 3 -i 5 -f 1 unless told otherwise).
#
#   bench/jmh.sh framing            SipFramingBenchmark: Vigie vs pkts-sip, messages/s
#   bench/jmh.sh capture [FILE]     CaptureBenchmark: framing-only vs with detection, from memory
#   bench/jmh.sh file [FILE]        CaptureFileBenchmark: CaptureDecoder.read(Path) vs raw reads
#   bench/jmh.sh ratio [FILE]       AnalysisRatio: interleaved framing/detection CPU-time ratio
#   bench/jmh.sh detection [ROUNDS] DetectionCpuRatio on the lab captures (CPU time, per-round CI);
#                                   CAPTURES=flood,svmap picks some (default: the nine scenarios);
#                                   HEALTH=false turns the passive service health off (its cost)
#   bench/jmh.sh detection-jmh      DetectionBenchmark: the same two workloads under JMH
#
# FILE defaults to bench/results/bench-200k.pcap (capture) or bench-1m.pcap (file, ratio), built
# with lab/make-bench-capture.sh when missing. Every JMH run adds -prof dev.vigie.bench.CpuShareProfiler
# (CPU share and score per CPU-second: the machine is shared). JSON results: bench/results/.
# Extra JMH options go after the suite's arguments via JMH_OPTS, e.g. JMH_OPTS="-i 10".
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESULTS="$ROOT/bench/results"
mkdir -p "$RESULTS"
export JAVA_HOME=${JAVA_HOME:-$("$ROOT/bin/find-jdk")}
JAR="$ROOT/vigie-bench/target/benchmarks.jar"
[ $# -ge 1 ] || { sed -n '2,15p' "$0" >&2; exit 2; }
# -am: build wire and detect from this tree (a bare -pl vigie-bench would take them from ~/.m2)
(cd "$ROOT" && ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl vigie-bench -am package >&2)

capture() { # capture NAME COUNT
  local f="$RESULTS/$1"
  [ -f "$f" ] || "$ROOT/lab/make-bench-capture.sh" "$f" "$2" >&2
  echo "$f"
}
jmh() { # jmh NAME PATTERN [args]
  local name=$1; shift
  uptime | tee "$RESULTS/$name.load"
  "$JAVA_HOME/bin/java" -jar "$JAR" "$@" -wi 3 -i 5 -f 1 -prof dev.vigie.bench.CpuShareProfiler \
    ${JMH_OPTS:-} -rf json -rff "$RESULTS/$name.json" | tee "$RESULTS/$name.txt"
  uptime | tee -a "$RESULTS/$name.load"
}
case "$1" in
  framing) jmh framing SipFramingBenchmark ;;
  capture) f=${2:-$(capture bench-200k.pcap 200000)}
           jmh capture CaptureBenchmark -jvmArgsAppend "-Dvigie.bench.capture=$f" ;;
  file)    f=${2:-$(capture bench-1m.pcap 1000000)}
           cat "$f" >/dev/null # warm the page cache
           jmh file CaptureFileBenchmark -jvmArgsAppend "-Dvigie.bench.capture=$f" ;;
  ratio)   f=${2:-$(capture bench-1m.pcap 1000000)}
           uptime
           "$JAVA_HOME/bin/java" -Xms3g -Xmx3g "-Dvigie.bench.capture=$f" -cp "$JAR" \
             dev.vigie.bench.AnalysisRatio 20 8 | tee "$RESULTS/ratio.txt"
           uptime ;;
  detection)
           uptime | tee "$RESULTS/detection.load"
           "$JAVA_HOME/bin/java" -Xmx1g "-Dvigie.testdata=$ROOT/testdata" ${HEALTH:+"-Dvigie.health=$HEALTH"} \
             ${CAPTURES:+"-Dvigie.captures=$CAPTURES"} -cp "$JAR" \
             dev.vigie.bench.DetectionCpuRatio "${2:-60}" | tee "$RESULTS/detection${CAPTURES:+-$CAPTURES}.txt"
           uptime | tee -a "$RESULTS/detection.load" ;;
  detection-jmh)
           jmh detection-jmh DetectionBenchmark -jvmArgsAppend "-Dvigie.testdata=$ROOT/testdata" ;;
  *) sed -n '2,15p' "$0" >&2; exit 2 ;;
esac
