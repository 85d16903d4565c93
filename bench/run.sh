#!/usr/bin/env bash
# Builds the benchmark jar and runs it with a JDK 21 or newer, found as ../socra finds one
# (SOCRA_JAVA, JAVA_HOME, PATH, then the usual install folders). Arguments go to JMH, e.g.
#   bench/run.sh                        the whole suite (about 3-4 minutes on 2 cores)
#   bench/run.sh RouterOverhead -prof gc
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# shellcheck source=../scripts/find-java.sh
source "$root/scripts/find-java.sh"

if ! java="$(find_java)"; then
  echo "bench: needs a Java runtime 21 or newer; set SOCRA_JAVA to its bin/java." >&2
  exit 2
fi

(cd "$root" && ./mvnw -B -q -pl bench -am package -DskipTests)
echo "bench: running with $java" >&2
exec "$java" -jar "$root/bench/target/socra-bench.jar" "$@"
