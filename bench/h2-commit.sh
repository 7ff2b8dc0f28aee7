#!/bin/sh
# The cost of durable commits on the embedded H2 (docs/performance.md, "Durable commits on H2"),
# for each H2 version given (default: 2.4.240, the version Vigie pins, and 2.5.252, the one before).
# Usage: bench/h2-commit.sh [COMMITS] [VERSIONS...]   (default 3000; writes bench/results/h2-commit.tsv)
set -eu
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
N="${1:-3000}"; [ $# -gt 0 ] && shift
VERSIONS="${*:-2.4.240 2.5.252}"
mkdir -p bench/results
{ echo "# $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)"
  printf 'h2\tmode\tthreads\tcommits\tseconds\tcommits_per_s\tmedian_us\tp99_us\n'
  for v in $VERSIONS; do
    "$JAVA" -cp "$HOME/.m2/repository/com/h2database/h2/$v/h2-$v.jar" bench/h2/H2CommitBench.java "$N" \
      | sed -n '2,$p' | sed "s/^/$v\t/"
  done
  echo "# end $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)"; } | tee bench/results/h2-commit.tsv
