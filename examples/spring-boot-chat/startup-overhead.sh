#!/usr/bin/env bash
# Startup overhead of the Tuneloop starter: a bare Spring Boot web app (StartupProbe: one endpoint, an H2 DataSource)
# started RUNS times with the starter's jars on the classpath and RUNS times without them, alternating, each in a
# fresh JVM; prints every run and the medians. It needs the example's classes and its classpath, ':'-separated on one
# line in target/cp.txt. From the repository root:
#   ./mvnw -B -ntp -pl examples/spring-boot-chat -am package -DskipTests \
#       org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
#       -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime
#   examples/spring-boot-chat/startup-overhead.sh [RUNS]
# (Any classpath holding the example's dependencies will do, e.g. surefire.test.class.path from the example test's
# report in target/surefire-reports: both runs get the same jars, less Tuneloop's.)
set -euo pipefail
runs=${1:-7}
dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$dir/../.." && pwd)
deps=$(cat "$dir/target/cp.txt")
# without: no Tuneloop jar and no reactor module's output (the probe's own classes are added to both)
with="$dir/target/classes:$deps"
without="$dir/target/classes:$(tr ':' '\n' <<<"$deps" | grep -v -e '/tuneloop-' -e "^$root/" | paste -sd: -)"
main=dev.tuneloop.examples.springbootprobe.StartupProbe
declare -a w wo
for i in $(seq 1 "$runs"); do
  a=$(java -cp "$with" $main | sed -n 's/^startup-ms=\([0-9]*\) tuneloop=true$/\1/p')
  b=$(java -cp "$without" $main | sed -n 's/^startup-ms=\([0-9]*\) tuneloop=false$/\1/p')
  [[ -n "$a" && -n "$b" ]] || { echo "run $i: a probe did not report (with=$a without=$b)" >&2; exit 1; }
  echo "run $i: with ${a} ms, without ${b} ms"
  w+=("$a"); wo+=("$b")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mw=$(median "${w[@]}"); mwo=$(median "${wo[@]}")
echo "median of $runs: with ${mw} ms, without ${mwo} ms, overhead $((mw - mwo)) ms"
