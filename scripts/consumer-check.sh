#!/usr/bin/env bash
# Uses daxstore as a new user would, from outside this repository: installs it as the README's
# "Depend on it" says, into a fresh temporary local Maven repository, then generates a Maven
# project in a temporary directory whose dependency is the README's snippet and whose source is
# the README's example (the text between the example:start and example:end markers, which
# ReadmeExampleTest compiles too), and compiles and runs it on each JDK given, with no JVM flag,
# and on JDK 23 and later again with --sun-misc-unsafe-memory-access=deny; then on the module
# path, where an internal package must not compile. On the first JDK (17
# in CI) the run must print nothing but the example's own line; on the others no line of standard
# error may name org.daxstore (the JVM's own warnings about JNA are shown: README, "What each JDK
# prints"). Then the README's Lucene example, in a project of its own that depends on
# daxstore-lucene alone, on each JDK. The install runs on the newest JDK given, as a release build must (the jar's FFM
# classes under META-INF/versions/22 are compiled on JDK 22 and later only), and the installed
# jar must have them when that JDK is 22 or later.
#
#   scripts/consumer-check.sh JDK_HOME [JDK_HOME...]     (the newest one also builds and installs)
#
# Nothing is installed into ~/.m2: the temporary repository is a copy of it (so that what was
# downloaded before is not downloaded again) without org/daxstore, and goes when the check ends.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ $# -eq 0 ] || [ "$1" = "--help" ] || [ "$1" = "-h" ]; then
  sed -n '2,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  [ $# -eq 0 ] && exit 2 || exit 0
fi
for home in "$@"; do
  [ -x "$home/bin/java" ] || { echo "consumer-check: $home is not a JDK (no bin/java)" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/daxstore-consumer-XXXXXX")
stores=$(mktemp -d /dev/shm/daxstore-consumer-XXXXXX)
trap 'rm -rf "$work" "$stores"' EXIT
repo=$work/repository
mkdir -p "$repo"
if [ -d "$HOME/.m2/repository" ]; then
  cp -r "$HOME/.m2/repository/." "$repo/"
  rm -rf "$repo/org/daxstore"
fi

# The text between <!-- NAME:start --> and <!-- NAME:end --> in the README, without its ``` fences.
readme_block() {
  awk -v start="<!-- $1:start -->" -v end="<!-- $1:end -->" '
    $0 == start { inside = 1; next }
    $0 == end { inside = 0 }
    inside && !/^```/ { print }' "$root/README.md"
}

feature() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
builder=$1
for home in "$@"; do
  [ "$(feature "$home")" -gt "$(feature "$builder")" ] && builder=$home
done
echo "=== consumer-check: mvn -B install -DskipTests (JDK $(basename "$builder")), into a fresh local repository"
(cd "$root" && JAVA_HOME=$builder mvn -B -q install -DskipTests -Dmaven.repo.local="$repo")
for artifact in daxstore-parent daxstore-native-bridge daxstore-core daxstore-lucene; do
  [ -d "$repo/org/daxstore/$artifact" ] || { echo "consumer-check: $artifact was not installed" >&2; exit 1; }
done
for artifact in daxstore-harness daxstore-cli daxstore-bench daxstore-jcstress; do
  [ ! -d "$repo/org/daxstore/$artifact" ] || { echo "consumer-check: $artifact was installed; it is not published" >&2; exit 1; }
done
core_jar=$(ls "$repo"/org/daxstore/daxstore-core/*/daxstore-core-*.jar | grep -v -e '-sources\.jar$' -e '-javadoc\.jar$' -e '-tests\.jar$' | head -n 1)
# The harnesses live in their own module (harness/): the published jar holds none of them.
if "$builder/bin/jar" tf "$core_jar" | grep -E '^org/daxstore/(harness|crash|exercise)/.*[.]class$|RecordingMedium'; then
  echo "consumer-check: $core_jar ships the test harnesses above" >&2
  exit 1
fi
# The module descriptor (META-INF/versions/17): the module org.daxstore.core, exporting the public package only.
descriptor=$("$builder/bin/jar" --describe-module --file "$core_jar" --release 17)
if ! grep -q '^org\.daxstore\.core@' <<<"$descriptor" || [ "$(grep '^exports ' <<<"$descriptor")" != "exports org.daxstore" ]; then
  echo "consumer-check: $core_jar is not the module org.daxstore.core exporting org.daxstore alone:" >&2
  echo "$descriptor" >&2
  exit 1
fi
if [ "$(feature "$builder")" -ge 22 ]; then
  for class in Memory MappedChunk; do
    if ! "$builder/bin/jar" tf "$core_jar" | grep -q -x "META-INF/versions/22/org/daxstore/media/$class.class"; then
      echo "consumer-check: $core_jar has no META-INF/versions/22/org/daxstore/media/$class.class (built on JDK $(feature "$builder"))" >&2
      exit 1
    fi
  done
  unzip -p "$core_jar" META-INF/MANIFEST.MF | grep -q '^Multi-Release: true' \
    || { echo "consumer-check: $core_jar is not Multi-Release" >&2; exit 1; }
fi
# The sources jar has the source of every top-level class of the jar, at the class's own path
# (the versions/22 classes and the module descriptor included), so that a debugger finds the code it runs.
sources_jar=${core_jar%.jar}-sources.jar
missing=$(comm -23 \
  <("$builder/bin/jar" tf "$core_jar" | grep '[.]class$' | grep -v '[$]' | sed 's/[.]class$//' | sort) \
  <("$builder/bin/jar" tf "$sources_jar" | grep '[.]java$' | sed 's/[.]java$//' | sort))
if [ -n "$missing" ]; then
  echo "consumer-check: $sources_jar has no source for:" >&2
  echo "$missing" >&2
  exit 1
fi

project=$work/consumer
mkdir -p "$project/src/main/java"
dependency=$(readme_block dependency)
[ -n "$dependency" ] || { echo "consumer-check: no dependency block in README.md" >&2; exit 1; }
readme_block example > "$project/src/main/java/Example.java"
mkdir -p "$work/peek"
echo 'class Peek { org.daxstore.fs.Volume volume; }' > "$work/peek/Peek.java"
[ -s "$project/src/main/java/Example.java" ] || { echo "consumer-check: no example block in README.md" >&2; exit 1; }
cat > "$project/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>daxstore-consumer</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
$dependency
  </dependencies>
  <build>
    <plugins>
      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
      <plugin><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version></plugin>
    </plugins>
  </build>
</project>
EOF

status=0
first=1
for home in "$@"; do
  name=$(basename "$home")
  echo "=== consumer-check: compile and run the README example on $name, no JVM flag (and deny on 23+)"
  rm -rf "$project/target"
  (cd "$project" && JAVA_HOME=$home mvn -B -q -Dmaven.repo.local="$repo" compile dependency:build-classpath \
      -Dmdep.outputFile="$project/target/classpath.txt")
  classpath=$project/target/classes:$(cat "$project/target/classpath.txt")
  # What nothing may bring in (the parent pom's exclusions must reach a user's build too).
  if grep -E -q 'chronicle-analytics|jna-platform' "$project/target/classpath.txt"; then
    echo "consumer-check: FAILED on $name: the class path has chronicle-analytics or jna-platform:" >&2
    tr ':' '\n' < "$project/target/classpath.txt" | grep -E 'chronicle-analytics|jna-platform' >&2
    status=1
  fi
  runs=("")
  [ "$(feature "$home")" -ge 23 ] && runs+=("--sun-misc-unsafe-memory-access=deny")
  for flag in "${runs[@]}"; do
    label="$name${flag:+ with $flag}"
    container=$stores/example-$name.dax
    rm -f "$container"
    # shellcheck disable=SC2086
    if ! "$home/bin/java" $flag -cp "$classpath" Example "$container" >"$work/out" 2>"$work/err"; then
      echo "consumer-check: FAILED on $label: the example exited non-zero; its output:" >&2
      cat "$work/out" "$work/err" >&2
      status=1
    elif ! grep -q -x 'first order; [0-9]* blocks free' "$work/out" || [ "$(wc -l < "$work/out")" -ne 1 ]; then
      echo "consumer-check: FAILED on $label: the example printed something else:" >&2
      cat "$work/out" >&2
      status=1
    elif [ -s "$work/err" ] && [ "$first" = 1 ]; then
      echo "consumer-check: FAILED on $label: the run printed on standard error:" >&2
      cat "$work/err" >&2
      status=1
    elif grep -q 'org\.daxstore' "$work/err"; then
      echo "consumer-check: FAILED on $label: standard error names org.daxstore:" >&2
      cat "$work/err" >&2
      status=1
    else
      echo "consumer-check: $label: $(cat "$work/out")"
      if [ -s "$work/err" ]; then
        echo "consumer-check: $label printed $(wc -l < "$work/err") line(s) on standard error, none naming org.daxstore:"
        sed 's/^/    /' "$work/err"
      fi
    fi
  done
  rm -f "$container"

  # A modular application: every jar on the module path, where core's descriptor rules. The example
  # must run as on the class path, and an internal package must be out of reach.
  # On JDK 22 and later the JVM warns once per module that calls a restricted method: JNA's
  # System.load, and daxstore's MemorySegment.reinterpret (README, "What each JDK prints"), so there
  # the run names both modules in --enable-native-access, and must then print nothing at all.
  access=()
  [ "$(feature "$home")" -ge 22 ] && access=(--enable-native-access=com.sun.jna,org.daxstore.core)
  echo "=== consumer-check: the README example on $name with daxstore on the module path ${access[*]}"
  modules=$(cat "$project/target/classpath.txt")
  if ! "$home/bin/java" "${access[@]}" -p "$modules" --add-modules org.daxstore.core -cp "$project/target/classes" Example "$container" \
      >"$work/out" 2>"$work/err"; then
    echo "consumer-check: FAILED on $name: on the module path the example exited non-zero; its output:" >&2
    cat "$work/out" "$work/err" >&2
    status=1
  elif ! grep -q -x 'first order; [0-9]* blocks free' "$work/out" || [ -s "$work/err" ]; then
    echo "consumer-check: FAILED on $name: on the module path the example printed something else:" >&2
    cat "$work/out" "$work/err" >&2
    status=1
  else
    echo "consumer-check: $name, module path: $(cat "$work/out")"
  fi
  rm -f "$container"
  if "$home/bin/javac" -d "$work/peek" -p "$modules" --add-modules org.daxstore.core "$work/peek/Peek.java" \
      >"$work/err" 2>&1 || ! grep -q 'package org.daxstore.fs is not visible' "$work/err"; then
    echo "consumer-check: FAILED on $name: an internal package (org.daxstore.fs) was reachable on the module path:" >&2
    cat "$work/err" >&2
    status=1
  fi
  first=0
done
# The Lucene module as its user meets it: a project whose one dependency is the README's
# lucene-dependency block, whose source is the lucene-example block, run on each JDK with no JVM
# flag. Lucene may print its own notices (on newer JDKs, about the vector module); none may name
# org.daxstore.
lucene_project=$work/lucene-consumer
mkdir -p "$lucene_project/src/main/java"
lucene_dependency=$(readme_block lucene-dependency)
[ -n "$lucene_dependency" ] || { echo "consumer-check: no lucene-dependency block in README.md" >&2; exit 1; }
readme_block lucene-example > "$lucene_project/src/main/java/LuceneExample.java"
[ -s "$lucene_project/src/main/java/LuceneExample.java" ] || { echo "consumer-check: no lucene-example block in README.md" >&2; exit 1; }
cat > "$lucene_project/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>daxstore-lucene-consumer</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
$lucene_dependency
  </dependencies>
  <build>
    <plugins>
      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
      <plugin><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version></plugin>
    </plugins>
  </build>
</project>
EOF
for home in "$@"; do
  name=$(basename "$home")
  echo "=== consumer-check: compile and run the README's Lucene example on $name, no JVM flag"
  rm -rf "$lucene_project/target"
  (cd "$lucene_project" && JAVA_HOME=$home mvn -B -q -Dmaven.repo.local="$repo" compile dependency:build-classpath \
      -Dmdep.outputFile="$lucene_project/target/classpath.txt")
  classpath=$lucene_project/target/classes:$(cat "$lucene_project/target/classpath.txt")
  container=$stores/lucene-$name.dax
  rm -f "$container"
  if ! "$home/bin/java" -cp "$classpath" LuceneExample "$container" >"$work/out" 2>"$work/err"; then
    echo "consumer-check: FAILED on $name: the Lucene example exited non-zero; its output:" >&2
    cat "$work/out" "$work/err" >&2
    status=1
  elif [ "$(cat "$work/out")" != "1 hits: hello persistent memory" ]; then
    echo "consumer-check: FAILED on $name: the Lucene example printed something else:" >&2
    cat "$work/out" >&2
    status=1
  elif grep -q 'org\.daxstore' "$work/err"; then
    echo "consumer-check: FAILED on $name: the Lucene example's standard error names org.daxstore:" >&2
    cat "$work/err" >&2
    status=1
  else
    echo "consumer-check: $name, Lucene: $(cat "$work/out")"
    if [ -s "$work/err" ]; then
      echo "consumer-check: $name, Lucene, printed $(wc -l < "$work/err") line(s) on standard error, none naming org.daxstore:"
      sed 's/^/    /' "$work/err"
    fi
  fi
  rm -f "$container"
done
[ "$status" = 0 ] && echo "=== consumer-check: passed on $*"
exit $status
