#!/usr/bin/env bash
# Runs the JMH suite (bench/) with its containers in PATH (default /dev/shm) and prints each
# same-run ratio beside its target as its last lines. Results go to
# bench/results/<timestamp>-<mode>/ (-partial appended when a regex narrows the run): jmh.json,
# report.md (the load verdict, ratios, why each missed target is missed, latency percentiles,
# every score), ratios.png and ratios.txt.
#   (default)  2 forks of 3 warm-up and 5 measured iterations of 1 s per benchmark: about 40 minutes
#   --quick    2 warm-up and 3 measured iterations of 0.4 s: about 7 minutes on 2 cores
#   --smoke    one 100 ms iteration each, so the suite cannot rot (CI; its numbers mean nothing)
#   --dir PATH where the containers go (a tmpfs or a DAX file system)
#
#   scripts/bench.sh [--quick|--smoke] [--dir PATH] [JMH options...] [REGEX...]
#
# Every other argument goes to JMH as on its own jar's command line, over the mode's defaults:
# a benchmark regex (scripts/bench.sh FaultPath, 'IoCompareBench.view'), -e REGEX to exclude,
# -p name=v1,v2, -t threads, -f forks, -wi/-i warm-up and measured iterations, -w/-r their
# times, -prof gc, -jvmArgsAppend "...". With a regex the report covers only the rows whose
# benchmarks it selected, and lists the rows it left out; a selected row whose other side or
# parameter did not run is n/a, with the reason. --jmh-help prints JMH's options; -l lists the
# benchmarks a regex selects.
#
# Builds bench/target/benchmarks.jar first when it is missing, older than a pom.xml or a file
# under */src/main, or built by another JDK. Java: $JAVA_HOME/bin/java, else java on the PATH.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
command="scripts/bench.sh${*:+ $*}"
mode=full dir=/dev/shm jmh=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) mode=quick ;;
    --smoke) mode=smoke ;;
    --dir) [ $# -ge 2 ] || { echo "bench.sh: --dir needs a directory" >&2; exit 2; }; dir=$2; shift ;;
    -h|--help) sed -n '2,24s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    --jmh-help) jmh+=(-h) ;;
    --*) echo "bench.sh: unknown option $1 (see --help; JMH's own options take one dash)" >&2; exit 2 ;;
    *) jmh+=("$1") ;;
  esac
  shift
done
[ -d "$dir" ] && [ -w "$dir" ] || { echo "bench.sh: $dir is not a writable directory" >&2; exit 2; }
dir=$(cd "$dir" && pwd)

if [ -n "${JAVA_HOME:-}" ]; then
  java=$JAVA_HOME/bin/java
else
  java=$(command -v java) || { echo "bench.sh: no java on the PATH and JAVA_HOME is not set" >&2; exit 1; }
fi
java_home=$(dirname "$(dirname "$(readlink -f "$java")")")
jar=$root/bench/target/benchmarks.jar
# The JVM flags as the parent pom defines them for this JDK, written by the cli build (see
# scripts/daxstore), with a "# java.home=..." line naming the JDK that built them.
flags_file=$root/cli/target/jvm.flags

stale() {
  [ -f "$jar" ] && [ -f "$flags_file" ] || return 0
  [ "$(sed -n 's/^# java.home=//p' "$flags_file")" -ef "$java_home" ] || return 0
  [ -n "$(find "$root"/pom.xml "$root"/*/pom.xml "$root"/*/src/main -newer "$jar" -print -quit)" ]
}
if stale; then
  echo "bench.sh: building the benchmarks with $java_home ..." >&2
  (cd "$root" && JAVA_HOME=$java_home mvn -B -q -DskipTests -pl cli,bench -am package) >&2
fi

mapfile -t flags < <(grep -v '^#' "$flags_file" | tr ' ' '\n' | grep -v '^$')
results="$root/bench/results/$(date -u +%Y%m%d-%H%M%S)-$mode"
exec "$java" "${flags[@]}" "-Ddaxstore.bench.command=$command" -cp "$jar" org.daxstore.bench.BenchMain \
  "$results" "$mode" "${flags[@]}" "-Ddaxstore.bench.dir=$dir" -- ${jmh[@]+"${jmh[@]}"}
