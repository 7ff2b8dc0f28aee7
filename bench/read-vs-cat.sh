#!/usr/bin/env bash
# The pcap reading layer (records only, no IP/SIP decoding) against `cat FILE > /dev/null`, both on
# a warm page cache, best of N runs each.  Usage: bench/read-vs-cat.sh FILE [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
FILE=${1:?capture file}; RUNS=${2:-10}
JAVA_HOME=$(bin/find-jdk); JAR=vigie-bench/target/benchmarks.jar
[ -f "$JAR" ] || JAVA_HOME=$JAVA_HOME ./mvnw -B -q -pl vigie-bench -am package -DskipTests
cat "$FILE" > /dev/null
best=999999
for _ in $(seq "$RUNS"); do
  s=$(date +%s%N); cat "$FILE" > /dev/null; e=$(date +%s%N)
  ms=$(( (e - s) / 1000000 )); [ "$ms" -lt "$best" ] && best=$ms
done
echo "cat: best of $RUNS: $best ms"
"$JAVA_HOME/bin/java" -cp "$JAR" dev.vigie.bench.ReadRecords "$FILE" "$RUNS"
