#!/usr/bin/env bash
# Builds the benchmark jar and runs it with a JDK 21 or newer, found as ../socra finds one
# (SOCRA_JAVA, JAVA_HOME, PATH, then the usual install folders). Arguments go to JMH, e.g.
#   bench/run.sh                        the whole suite (about 3-4 minutes on 2 cores)
#   bench/run.sh RouterOverhead -prof gc
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

java_version() { # the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n1
}

find_java() {
  local candidates=() dir c v
  [[ -n "${SOCRA_JAVA:-}" ]] && candidates+=("$SOCRA_JAVA")
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
             "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [[ -x "$dir/bin/java" ]] && candidates+=("$dir/bin/java")
  done
  for c in "${candidates[@]}"; do
    v="$(java_version "$c" || true)"
    if [[ -n "$v" && "$v" -ge 21 ]]; then
      echo "$c"
      return 0
    fi
  done
  return 1
}

if ! java="$(find_java)"; then
  echo "bench: needs a Java runtime 21 or newer; set SOCRA_JAVA to its bin/java." >&2
  exit 2
fi

(cd "$root" && ./mvnw -B -q -pl bench -am package -DskipTests)
echo "bench: running with $java" >&2
exec "$java" -jar "$root/bench/target/socra-bench.jar" "$@"
