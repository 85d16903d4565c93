#!/usr/bin/env bash
# Gateway benchmark: what Socra's OpenAI-compatible gateway adds to a call, and how many calls a
# second it carries, against a canned upstream fast enough not to matter (nginx returning a fixed
# chat completion). Measured with wrk, direct to nginx and through Socra, on 1 and 32 connections.
#
#   bench/gateway/run.sh                     build, run, print a markdown table (about 4 minutes)
#   WARMUP=15 DURATION=20 bench/gateway/run.sh
#   SERVER_JAVA_OPTS='-XX:StartFlightRecording=filename=/tmp/gw.jfr' bench/gateway/run.sh
#   BENCH_SOURCE=tree bench/gateway/run.sh   the working tree instead of the last commit
#   BENCH_SOURCE=1a2b3c4 bench/gateway/run.sh  that commit (runs to compare should name one)
#   SPEND_CAP_USD=0 bench/gateway/run.sh      without the per-user daily spend cap (default: $5, as served)
# Experiments that attribute cost (never the reported configuration):
#   SERVER_JAVA_OPTS='-Dmanagement.observations.enable.spring.security=false' bench/gateway/run.sh
#   GATEWAY_BENCH_DROP_BEANS=ledgerWriter bench/gateway/run.sh
#
# Needs nginx and wrk (Debian packages nginx-light or nginx, and wrk; installed when missing and
# running as root), a JDK 21+ (found as ../../socra finds one), and free loopback ports
# NGINX_PORT (default 28781) and SOCRA_PORT (default 28780). Progress goes to stderr, the table to
# stdout; logs and configs stay in the printed work directory.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/bench/gateway"
WARMUP="${WARMUP:-15}"
DURATION="${DURATION:-20}"
NGINX_PORT="${NGINX_PORT:-28781}"
SOCRA_PORT="${SOCRA_PORT:-28780}"
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:-}"
BENCH_SOURCE="${BENCH_SOURCE:-head}"
# The server's default $5 daily spend cap, as a real server runs: the check reads a running total
# kept per user and day (it used to sum the day's ledger rows; see docs/benchmarks.md).
# SPEND_CAP_USD=0 measures without it.
SPEND_CAP_USD="${SPEND_CAP_USD:-5}"

say() { echo "gateway-bench: $*" >&2; }

# shellcheck source=../../scripts/find-java.sh
source "$root/scripts/find-java.sh"
if ! java="$(find_java)"; then
  say "needs a Java runtime 21 or newer; set SOCRA_JAVA to its bin/java"
  exit 2
fi
for tool in nginx wrk curl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
      pkg="$tool"; [[ "$tool" == nginx ]] && pkg=nginx-light
      say "installing $pkg"
      apt-get install -y "$pkg" >/dev/null
    else
      say "needs $tool (Debian: apt-get install nginx-light wrk curl)"
      exit 2
    fi
  fi
done
for port in "$NGINX_PORT" "$SOCRA_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    say "port $port is taken; set NGINX_PORT / SOCRA_PORT"
    exit 2
  fi
done

work="$(mktemp -d /tmp/socra-gateway-bench.XXXXXX)"
say "work directory $work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

# Built from a copy, so a build running in the working tree meanwhile cannot change the classes
# under the running server: the last commit (default), or the working tree as it is.
src="$work/src"
mkdir -p "$src"
if [[ "$BENCH_SOURCE" == tree ]]; then
  (cd "$root" && git ls-files -z --cached --others --exclude-standard | tar -c --null -T - -f -) \
    | tar -x -C "$src"
  say "building the working tree in $src ..."
else
  commit="$(cd "$root" && git rev-parse --short "${BENCH_SOURCE/#head/HEAD}")"
  (cd "$root" && git archive "$commit") | tar -x -C "$src"
  say "building commit $commit in $src ..."
fi
(cd "$src" && ./mvnw -B -q -pl server -am compile dependency:build-classpath \
  -Dmdep.outputFile="$work/cp.txt" -Dspotless.check.skip=true -Dspotless.apply.skip=true)
cp="$src/server/target/classes:$(cat "$work/cp.txt")"

# --- the canned upstream ----------------------------------------------------------------------
mkdir -p "$work/nginx"
cat >"$work/nginx.conf" <<CONF
daemon off;
user root;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  keepalive_requests 10000000;
  keepalive_timeout 300s;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      default_type application/json;
      return 200 '$(tr -d '\n' <"$here/canned.json")';
    }
  }
}
CONF
nginx -c "$work/nginx.conf" -p "$work/nginx" >"$work/nginx/stdout.log" 2>&1 &
nginx_pid=$!
pids+=("$nginx_pid")

# --- Socra, one provider pointing at nginx -----------------------------------------------------
cat >"$work/socra.yaml" <<YAML
providers:
  canned:
    protocol: openai
    base_url: http://127.0.0.1:$NGINX_PORT/v1
    key_env: CANNED_API_KEY
    model: canned-model
    context_window: 128000
    price: { input: 0.15, output: 0.60, as_of: 2026-11-25, source: benchmark }
routes:
  default: [canned]
YAML
token_file="$work/token"
# shellcheck disable=SC2086
env -u ANTHROPIC_API_KEY -u GOOGLE_API_KEY -u GROQ_API_KEY -u OPENAI_API_KEY \
  GATEWAY_BENCH_DROP_BEANS="${GATEWAY_BENCH_DROP_BEANS:-}" PORT="$SOCRA_PORT" SOCRA_DATA_DIR="$work/data" SOCRA_CONFIG="$work/socra.yaml" \
  CANNED_API_KEY=test-key-gateway-bench-0000 SOCRA_USER_RPM=1000000 SOCRA_USER_DAILY_USD="$SPEND_CAP_USD" \
  "$java" -Xms512m -Xmx512m $SERVER_JAVA_OPTS -cp "$cp" "$src/bench/gateway/GatewayBenchServer.java" "$token_file" \
  >"$work/socra.log" 2>&1 &
socra_pid=$!
pids+=("$socra_pid")
say "waiting for Socra (log: $work/socra.log) ..."
for _ in $(seq 1 240); do
  [[ -s "$token_file" ]] && break
  kill -0 "$socra_pid" 2>/dev/null || { say "Socra exited; see $work/socra.log"; exit 1; }
  sleep 0.5
done
[[ -s "$token_file" ]] || { say "Socra did not start within 2 minutes"; exit 1; }
token="$(cat "$token_file")"
printf 'Authorization: Bearer %s\n' "$token" >"$work/auth-header"
rm -f "$token_file"

body='{"model":"default","max_tokens":64,"messages":[{"role":"user","content":"Say hello."}]}'
direct="$(curl -sS -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$NGINX_PORT/v1/chat/completions")"
through="$(curl -sS -H @"$work/auth-header" -H 'Content-Type: application/json' -d "$body" \
  "http://127.0.0.1:$SOCRA_PORT/v1/chat/completions")"
[[ "$direct" == *'"chat.completion"'* ]] || { say "nginx answered: $direct"; exit 1; }
rm -f "$work/auth-header"
[[ "$through" == *'"model":"canned/canned-model"'* ]] || { say "Socra answered: $through"; exit 1; }
say "both answer; Socra: $through"

# --- load ---------------------------------------------------------------------------------------
# wrk prints latencies as 123.45us / 1.23ms / 1.02s; the table wants microseconds.
micros() { awk -v v="$1" 'BEGIN {
  if (v ~ /us$/) { sub(/us$/, "", v); print v + 0 }
  else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.0f\n", v * 1000 }
  else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.0f\n", v * 1000000 }
  else print v }'; }

results=()
# CPU time a process (and its threads) has used, in clock ticks: utime + stime of /proc/PID/stat.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz="$(getconf CLK_TCK)"

run() { # name url connections bearer-token-or-empty pid-of-the-server
  local name="$1" url="$2" c="$3" token="$4" pid="$5" t=1 out before after
  [[ "$c" -gt 1 ]] && t=2
  say "$name, $c connection(s): warm-up ${WARMUP}s"
  SOCRA_BENCH_TOKEN="$token" wrk -t"$t" -c"$c" -d"${WARMUP}s" -s "$here/post.lua" "$url" >/dev/null
  say "$name, $c connection(s): measuring ${DURATION}s"
  before="$(ticks "$pid")"
  out="$(SOCRA_BENCH_TOKEN="$token" wrk -t"$t" -c"$c" -d"${DURATION}s" --latency \
    -s "$here/post.lua" "$url")"
  after="$(ticks "$pid")"
  echo "$out" >"$work/wrk-$name-$c.txt"
  local rps p50 p90 p99 errors load requests cpu
  load="$(cut -d' ' -f1 /proc/loadavg)"
  requests="$(awk '/requests in/ {print $1}' <<<"$out")"
  # the server's CPU per request: what capacity costs, whatever else shares the machine
  cpu="$(awk -v d="$((after - before))" -v hz="$hz" -v n="$requests" 'BEGIN {printf "%.0f", d / hz * 1e6 / n}')"
  rps="$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")"
  p50="$(micros "$(awk '$1 == "50%" {print $2}' <<<"$out")")"
  p90="$(micros "$(awk '$1 == "90%" {print $2}' <<<"$out")")"
  p99="$(micros "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
  errors="$(awk '/Non-2xx/ {print $NF} /Socket errors/ {print}' <<<"$out" | tr '\n' ' ')"
  results+=("| $name | $c | $rps | $p50 | $p90 | $p99 | $cpu | ${errors:-none} | $load |")
  eval "rps_${name}_$c=$rps; p50_${name}_$c=$p50"
}
nginx_worker="$(pgrep -P "$nginx_pid" | head -n1)"
run nginx "http://127.0.0.1:$NGINX_PORT/v1/chat/completions" 1 "" "$nginx_worker"
run nginx "http://127.0.0.1:$NGINX_PORT/v1/chat/completions" 32 "" "$nginx_worker"
run socra "http://127.0.0.1:$SOCRA_PORT/v1/chat/completions" 1 "$token" "$socra_pid"
run socra "http://127.0.0.1:$SOCRA_PORT/v1/chat/completions" 32 "$token" "$socra_pid"

echo
echo "Gateway benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'); warm-up ${WARMUP}s, measured ${DURATION}s per row;"
echo "latency and CPU (user + system time of the server process: the nginx worker, or Socra's JVM) in µs"
echo "Socra built from ${commit:-the working tree}; per-user limits: 1,000,000 requests a minute, daily spend cap ${SPEND_CAP_USD} USD (0 = none)"
if [[ -n "$SERVER_JAVA_OPTS${GATEWAY_BENCH_DROP_BEANS:-}" ]]; then
  echo "EXPERIMENT: SERVER_JAVA_OPTS='$SERVER_JAVA_OPTS' GATEWAY_BENCH_DROP_BEANS='${GATEWAY_BENCH_DROP_BEANS:-}'"
fi
echo
echo "| upstream | connections | requests/s | p50 | p90 | p99 | server CPU per request | errors | load after |"
echo "|---|--:|--:|--:|--:|--:|--:|---|--:|"
printf '%s\n' "${results[@]}"
echo
# shellcheck disable=SC2154 # set through eval in run
echo "Added at the median, one connection: $((p50_socra_1 - p50_nginx_1)) µs (aim: at most 200)."
# shellcheck disable=SC2154
echo "Through Socra, 32 connections: $rps_socra_32 requests/s (aim: at least 8000)."
echo
echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(uname -sr);" \
  "$("$java" -version 2>&1 | head -n2 | tail -n1); $(nginx -v 2>&1); $(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2)"
say "raw wrk output and logs in $work"
