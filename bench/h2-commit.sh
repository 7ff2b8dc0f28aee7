#!/bin/sh
# The cost of durable commits on the embedded H2 (docs/performance.md, "Durable commits on H2").
# Usage: bench/h2-commit.sh [COMMITS]   (default 3000; writes bench/results/h2-commit.tsv)
set -eu
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
H2="$HOME/.m2/repository/com/h2database/h2/2.5.252/h2-2.5.252.jar"
mkdir -p bench/results
{ echo "# $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)"; \
  "$JAVA" -cp "$H2" bench/h2/H2CommitBench.java "${1:-3000}"; } | tee bench/results/h2-commit.tsv
