#!/usr/bin/env bash
# Throughput of the Kafka path (ingest -> topics -> detect -> alerts) on this machine, a kafka-dev
# node in the benchmark's JVM and each detect member its own JVM (a detect process).
# Usage: bench/kafka-e2e.sh [MESSAGES] [DETECT_PROCESSES...]
# Prints one result line per detect-process count; docs/performance.md records them.
# MODE=catch-up fills the topics first, then starts the detect processes on the backlog: each
# process's figure is its events over its own busy time (first to last event handled), and per
# CPU-second. MODE=end-to-end (default): detect processes join first, then ingest publishes.
# Both check that no event is lost and that the alerts equal analyze's on the same events.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
N=${1:-1000000}
shift || true
WORKERS=("${@:-1 2}")
CP_FILE=$(mktemp)
# one reactor run: the sibling modules resolve to their target/classes (nothing installed)
./mvnw -B -o -q -pl vigie-cluster -am -Dspotless.check.skip=true test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
# a snapshot of the compiled classes: a build in this worktree during the run cannot change them
SNAP=$(mktemp -d)
trap 'rm -rf "$SNAP"' EXIT
CP=""
for e in vigie-cluster/target/test-classes vigie-cluster/target/classes $(tr ':' ' ' < "$CP_FILE"); do
  if [ -d "$e" ]; then
    d="$SNAP/$(echo "$e" | tr '/' '_')"
    cp -r "$e" "$d"
    e="$d"
  fi
  CP="${CP:+$CP:}$e"
done
rm -f "$CP_FILE"
for w in ${WORKERS[@]}; do
  uptime
  "$JAVA_HOME/bin/java" -Xmx3g -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$CP" \
    dev.vigie.cluster.bench.KafkaThroughput "$ROOT/testdata" "$N" "$w" 6 "${MODE:-end-to-end}"
done
