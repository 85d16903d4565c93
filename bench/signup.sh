#!/usr/bin/env bash
# The sign-up flood benchmark (docs/benchmarks.md, "Sign-up flood"): a signed-in user's latency
# alone and under a flood of parallel sign-ups, the server in-process. About a minute. Builds the
# bench module and what it needs, then runs it with a JDK 21 or newer, found as ../socra finds one.
#   bench/signup.sh
#   bench/signup.sh --seconds 30 --flooders 300
# Set SIGNUP_NO_BUILD=1 to run the classes as they are.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# shellcheck source=../scripts/find-java.sh
source "$root/scripts/find-java.sh"

if ! java="$(find_java)"; then
  echo "signup: needs a Java runtime 21 or newer; set SOCRA_JAVA to its bin/java." >&2
  exit 2
fi

cpfile="$root/bench/target/signup-classpath.txt"
if [[ -z "${SIGNUP_NO_BUILD:-}" ]]; then
  (cd "$root" && ./mvnw -B -q -pl bench -am compile dependency:build-classpath \
    -Dmdep.outputFile="$cpfile")
fi

opts="-Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn"
exec "$java" $opts -cp "$root/bench/target/classes:$(cat "$cpfile")" \
  dev.socra.bench.signup.SignUpFloodBenchmark "$@"
