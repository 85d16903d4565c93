#!/usr/bin/env bash
# What sharing state through Redis costs against one server alone (docs/benchmarks.md, "Several
# servers"): per routed call and per relayed token, both sides in one run, with a redis-server of
# its own on a free loopback port. Arguments: [calls] [streams] [tokens per stream]
#   bench/cluster.sh                 # 5,000 calls; 100 streams of 200 tokens (about a minute)
# Set CLUSTER_NO_BUILD=1 to run the classes as they are.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/find-java.sh
source "$root/scripts/find-java.sh"
if ! java="$(find_java)"; then
  echo "cluster: needs a Java runtime 21 or newer; set SOCRA_JAVA to its bin/java." >&2
  exit 2
fi
[[ -x /usr/bin/redis-server ]] || { echo "cluster: needs /usr/bin/redis-server (apt-get install redis-server)" >&2; exit 2; }

cpfile="$root/bench/target/cluster-classpath.txt"
if [[ -z "${CLUSTER_NO_BUILD:-}" ]]; then
  (cd "$root" && ./mvnw -B -q -pl bench -am compile dependency:build-classpath \
    -Dmdep.outputFile="$cpfile")
fi
exec "$java" -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$root/bench/target/classes:$(cat "$cpfile")" dev.socra.bench.cluster.ClusterCostBenchmark "$@"
