#!/usr/bin/env bash
# The Lucene benchmark: one generated corpus (1,000,000 short documents, seed 42 unless told)
# indexed into a DaxDirectory (a container on tmpfs), an MMapDirectory on tmpfs and a
# ByteBuffersDirectory, in one run; then the same term, phrase, boolean and sorted queries on
# each, and once more with deletes of files running beside them. Prints the report and writes
# it to bench/results/<timestamp>-lucene/report.md (README.md, "Lucene").
#
#   scripts/lucene-bench.sh [--docs N] [--seed S] [--queries N] [--rounds N] [--churn-ms MS] [--dir /dev/shm] [--out DIR]
#
# It needs about 2 GiB free in --dir and a 6 GiB heap (LUCENE_BENCH_HEAP to change it); a full
# run took 10 minutes on 2 cores at a load average of 10. Java: $JAVA_HOME/bin/java, else java on the PATH.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,11s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  exit 0
fi
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
classpath=$root/lucene/target/bench.classpath
echo "lucene-bench: building the lucene module and its test classes ..." >&2
(cd "$root" && mvn -B -q -o -pl lucene -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$classpath") >&2
cd "$root"
exec "$java" -Xms${LUCENE_BENCH_HEAP:-6g} -Xmx${LUCENE_BENCH_HEAP:-6g} \
  -Dchronicle.analytics.disable=true -Dchronicle.disable.banner=true --enable-native-access=ALL-UNNAMED \
  "-Dlucene.bench.command=scripts/lucene-bench.sh $*" \
  -cp "$root/lucene/target/test-classes:$root/lucene/target/classes:$(cat "$classpath")" \
  org.daxstore.lucene.bench.LuceneBench "$@"
