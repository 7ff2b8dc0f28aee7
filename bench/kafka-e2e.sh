#!/usr/bin/env bash
# End-to-end throughput of the Kafka path (ingest -> topics -> detect -> alerts) on this machine,
# with a kafka-dev node in the same JVM. Usage: bench/kafka-e2e.sh [MESSAGES] [WORKERS...]
# Prints one result line per detect-worker count; docs/performance.md records them.
# MODE=detect-only publishes the backlog first and times the detect members alone (the clock
# starts when they join, so it includes the group's assignment).
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
CP="vigie-cluster/target/test-classes:vigie-cluster/target/classes:$(cat "$CP_FILE")"
rm -f "$CP_FILE"
for w in ${WORKERS[@]}; do
  "$JAVA_HOME/bin/java" -Xmx3g -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$CP" \
    dev.vigie.cluster.bench.KafkaThroughput "$ROOT/testdata" "$N" "$w" 6 "${MODE:-end-to-end}"
done
