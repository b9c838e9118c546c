#!/usr/bin/env bash
# Runs the JMH suite with the container on PATH (default /dev/shm) and prints each ratio beside
# its target as its last lines. Results go to bench/results/<timestamp>-<mode>/: the JMH JSON,
# report.md (every ratio, met or not, and every score) and ratios.png (each ratio over its target). --quick shortens every iteration to half a second; --smoke runs
# each benchmark for one 100 ms iteration (CI runs it so the suite never rots; its numbers mean
# nothing).
#
#   scripts/bench.sh [--quick|--smoke] [--dir PATH]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=full dir=/dev/shm
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) mode=quick ;;
    --smoke) mode=smoke ;;
    --dir) dir=$2; shift ;;
    -h|--help) sed -n '2,8s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "bench.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
(cd "$root" && mvn -B -q -DskipTests -pl cli,bench -am package) >&2
# The JVM flags, as the parent pom defines them for this JDK (written by the cli build).
mapfile -t flags < <(grep -v '^#' "$root/cli/target/jvm.flags" | tr ' ' '\n' | grep -v '^$')
results="$root/bench/results/$(date -u +%Y%m%d-%H%M%S)-$mode"
exec "$java" "${flags[@]}" -cp "$root/bench/target/benchmarks.jar" org.daxstore.bench.BenchMain \
  "$results" "$mode" "${flags[@]}" "-Ddaxstore.bench.dir=$dir"
