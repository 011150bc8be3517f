#!/usr/bin/env bash
# Startup overhead of the Tuneloop starter: a bare Spring Boot web app (StartupProbe: one endpoint, an H2 DataSource)
# started RUNS times with the starter's jars on the classpath and RUNS times without them, alternating, each in a
# fresh JVM; prints every run and the medians. Usage, from the repository root:
#   ./mvnw -B -ntp -q -pl examples/spring-boot-chat -am package -DskipTests \
#       dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime
#   examples/spring-boot-chat/startup-overhead.sh [RUNS]
set -euo pipefail
runs=${1:-7}
dir=$(cd "$(dirname "$0")" && pwd)
with="$dir/target/classes:$(cat "$dir/target/cp.txt")"
without=$(tr ':' '\n' <<<"$with" | grep -v '/tuneloop-' | paste -sd: -)
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
