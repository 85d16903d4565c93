#!/usr/bin/env bash
# The streaming load benchmark (docs/benchmarks.md, "Streaming: concurrent founders"): the server
# in-process with a timing stub, founders ramped up level after level (100, 1,000, 2,000 by
# default), each following its questions as Server-Sent Events; one markdown table on stdout.
# Takes about five minutes. Builds the bench module and what it needs, then runs it with a JDK 21
# or newer, found as ../socra finds one (SOCRA_JAVA, JAVA_HOME, PATH, the usual install folders).
# Arguments go to the benchmark (see StreamsBenchmark's javadoc):
#   bench/streams.sh
#   bench/streams.sh --levels 1000 --hold 60 --token-delay-ms 25
# Set STREAMS_NO_BUILD=1 to run the classes as they are; STREAMS_JAVA_OPTS replaces the JVM flags.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# shellcheck source=../scripts/find-java.sh
source "$root/scripts/find-java.sh"

if ! java="$(find_java)"; then
  echo "streams: needs a Java runtime 21 or newer; set SOCRA_JAVA to its bin/java." >&2
  exit 2
fi

cpfile="$root/bench/target/streams-classpath.txt"
if [[ -z "${STREAMS_NO_BUILD:-}" ]]; then
  # Spring Boot's metadata files do not survive the shaded JMH jar, so this runs from the classes
  # and the dependency jars. Every module of the reactor writes the file; bench, the last, wins.
  (cd "$root" && ./mvnw -B -q -pl bench -am compile dependency:build-classpath \
    -Dmdep.outputFile="$cpfile")
fi

# Two sockets per stream (client and server end) in one process.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# -Xmx2g: room for 2,000 streams and the finished questions the server keeps for rejoining (10
# minutes); G1, the JVM's default here. slf4j-simple at warn: the router logs every call at info.
opts="${STREAMS_JAVA_OPTS:--Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn}"
echo "streams: running with $java $opts" >&2
# shellcheck disable=SC2086
exec "$java" $opts -cp "$root/bench/target/classes:$(cat "$cpfile")" \
  dev.socra.bench.streams.StreamsBenchmark "$@"
