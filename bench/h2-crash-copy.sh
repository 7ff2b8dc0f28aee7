#!/bin/sh
# Why H2 2.5.252 lost acknowledged writes under kill -9 and 2.4.240 does not (docs/reliability.md,
# "Durability on H2"). Usage: bench/h2-crash-copy.sh [COMMITS] [VERSIONS...]
# (default 300 commits, versions 2.5.252 2.4.240; writes bench/results/h2-crash-copy.tsv)
set -eu
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
N="${1:-300}"; [ $# -gt 0 ] && shift
VERSIONS="${*:-2.5.252 2.4.240}"
mkdir -p bench/results
{ echo "# $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)"
  printf 'h2\tcommits\tcopies_missing_last_commit\tcommits_lost\tms\n'
  for v in $VERSIONS; do
    "$JAVA" -cp "$HOME/.m2/repository/com/h2database/h2/$v/h2-$v.jar" bench/h2/H2CrashCopy.java "$N"
  done; } | tee bench/results/h2-crash-copy.tsv
