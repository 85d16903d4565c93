#!/usr/bin/env bash
# The capacity benchmark (docs/benchmarks.md, "Capacity: the seed's burst, four strategies"): the
# seed's burst replayed against fake providers that enforce real per-minute limits, for each
# strategy in one run, ending with one markdown table on stdout. Takes about seven minutes.
# Builds the benchmark jar and runs it with a JDK 21 or newer, found as ../socra finds one
# (SOCRA_JAVA, JAVA_HOME, PATH, then the usual install folders). Arguments go to the benchmark:
#   bench/capacity.sh
#   bench/capacity.sh --sessions 20 --over 60 --token-delay-ms 4 --only "Socra"
# Set CAPACITY_NO_BUILD=1 to run the jar as it is.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# shellcheck source=../scripts/find-java.sh
source "$root/scripts/find-java.sh"

if ! java="$(find_java)"; then
  echo "capacity: needs a Java runtime 21 or newer; set SOCRA_JAVA to its bin/java." >&2
  exit 2
fi

if [[ -z "${CAPACITY_NO_BUILD:-}" ]]; then
  (cd "$root" && ./mvnw -B -q -pl bench -am package -DskipTests)
fi
echo "capacity: running with $java" >&2
exec "$java" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$root/bench/target/socra-bench.jar" dev.socra.bench.capacity.CapacityBenchmark "$@"
