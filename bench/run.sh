#!/usr/bin/env bash
# Benchmarks of the running platform next to this machine's limits, measured in one run (./caimei bench).
#
#   bench/run.sh [--use-running-gateway] [flags of the benchmark, see bench/run.sh --help]
#
# Needs the stack started by ./caimei up. Builds bench/target/caimei-bench.jar when missing or stale, starts a
# second gateway (port CAIMEI_BENCH_GATEWAY_PORT, default 18088) from the same build with per-client budgets
# raised so the gateway figures measure the gateway rather than its rate limiter, runs every section, stops that
# gateway and writes BENCHMARKS.md and bench/results.json. No benchmark ever runs during the Maven build.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

GATEWAY_PORT="${CAIMEI_GATEWAY_PORT:-8080}"
INGEST_PORT="${CAIMEI_INGEST_PORT:-8081}"
SCORING_PORT="${CAIMEI_SCORING_PORT:-8082}"
RANKING_PORT="${CAIMEI_RANKING_PORT:-8083}"
KEYCLOAK_PORT="${CAIMEI_KEYCLOAK_PORT:-8180}"
REDIS_PORT="${CAIMEI_REDIS_PORT:-6379}"
KAFKA_PORT="${CAIMEI_KAFKA_PORT:-9092}"
BENCH_GATEWAY_PORT="${CAIMEI_BENCH_GATEWAY_PORT:-18088}"
BENCH_GATEWAY_MANAGEMENT_PORT=$((BENCH_GATEWAY_PORT + 1000))
ISSUER="http://127.0.0.1:$KEYCLOAK_PORT/realms/caimei"
JAR="bench/target/caimei-bench.jar"

log() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }

own_gateway=1
args=()
for a in "$@"; do
  case "$a" in
    --use-running-gateway) own_gateway=0 ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'
      echo "  --use-running-gateway   measure the gateway on port $GATEWAY_PORT as it runs (its budgets apply)"
      [[ -f "$JAR" ]] && java -jar "$JAR" --help
      exit 0
      ;;
    *) args+=("$a") ;;
  esac
done

command -v redis-benchmark >/dev/null || { log "redis-benchmark is required (apt-get install redis-tools)"; exit 2; }
# wrk is the independent load tool of the board queries; install it where we can, else those rows are skipped
if ! command -v wrk >/dev/null; then
  if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
    log "installing wrk (apt-get install -y wrk)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1; } \
      || log "wrk could not be installed: the wrk rows of the query section will be missing"
  else
    log "wrk is not installed (apt-get install wrk): the wrk rows of the query section will be missing"
  fi
fi

if [[ ! -f "$JAR" ]] || [[ -n "$(find bench/pom.xml bench/src/main -newer "$JAR" -print -quit)" ]]; then
  log "building $JAR"
  flock /tmp/caimei-build.lock ./mvnw -B -q -o -f bench/pom.xml package -DskipTests \
    || flock /tmp/caimei-build.lock ./mvnw -B -q -f bench/pom.xml package -DskipTests
fi

# the benchmark itself checks that the services its sections need are ready
gateway_url="http://127.0.0.1:$GATEWAY_PORT"
gateway_note="the running gateway, shipped per-client budgets"
gw_pid=""
stop_gateway() {
  if [[ -n "$gw_pid" ]] && kill -0 "$gw_pid" 2>/dev/null; then
    log "stopping the benchmark gateway (pid $gw_pid)"
    kill "$gw_pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$gw_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$gw_pid" 2>/dev/null || true
  fi
}
# ingest and the scorer are measured on their own with the services after them stopped (SIGSTOP), and again with
# everything running; whatever happens to the benchmark, those services are continued on exit
service_pid() {
  local pid
  pid="$(cat "${CAIMEI_HOME:-$ROOT/.caimei}/services/$1.pid" 2>/dev/null || true)"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
  return 0
}
scorer_pid="$(service_pid scoring-service)"
ranking_pid="$(service_pid ranking-service)"
cleanup() {
  local pid
  for pid in $scorer_pid $ranking_pid; do kill -CONT "$pid" 2>/dev/null || true; done
  stop_gateway
}
trap cleanup EXIT

if ((own_gateway)); then
  gw_jar="gateway/target/quarkus-app/quarkus-run.jar"
  [[ -f "$gw_jar" ]] || { log "missing $gw_jar: run ./caimei up (it builds) first"; exit 2; }
  if curl -fs "http://127.0.0.1:$BENCH_GATEWAY_PORT/openapi" >/dev/null 2>&1; then
    log "port $BENCH_GATEWAY_PORT is already in use; set CAIMEI_BENCH_GATEWAY_PORT or pass --use-running-gateway"
    exit 2
  fi
  budget=1000000
  log "starting a benchmark gateway on 127.0.0.1:$BENCH_GATEWAY_PORT (log: bench/target/bench-gateway.log)"
  java -Xmx512m -XX:+UseParallelGC -Dquarkus.http.port="$BENCH_GATEWAY_PORT" -Dquarkus.management.port="$BENCH_GATEWAY_MANAGEMENT_PORT" \
    -Dquarkus.rest-client.ranking.url="http://127.0.0.1:$RANKING_PORT" \
    -Dquarkus.rest-client.scoring.url="http://127.0.0.1:$SCORING_PORT" \
    -Dquarkus.rest-client.ingest.url="http://127.0.0.1:$INGEST_PORT" \
    -Dquarkus.rest-client.catalog.url="http://127.0.0.1:$RANKING_PORT" \
    -Dquarkus.profile=local \
    -Dquarkus.oidc.auth-server-url="$ISSUER" \
    -Dquarkus.redis.hosts="redis://127.0.0.1:$REDIS_PORT" \
    -Dcaimei.gateway.rate-limit.per-second.advertiser=$budget \
    -Dcaimei.gateway.rate-limit.per-second.analyst=$budget \
    -Dcaimei.gateway.rate-limit.per-second.admin=$budget \
    -Dcaimei.gateway.rate-limit.per-second.ingest=$budget \
    -jar "$gw_jar" >bench/target/bench-gateway.log 2>&1 &
  gw_pid=$!
  deadline=$((SECONDS + 120))
  until curl -fs "http://127.0.0.1:$BENCH_GATEWAY_MANAGEMENT_PORT/q/health/ready" >/dev/null 2>&1; do
    if ! kill -0 "$gw_pid" 2>/dev/null; then log "the benchmark gateway exited; see bench/target/bench-gateway.log"; exit 1; fi
    if ((SECONDS > deadline)); then log "the benchmark gateway is not ready after 120 s"; exit 1; fi
    sleep 1
  done
  gateway_url="http://127.0.0.1:$BENCH_GATEWAY_PORT"
  gateway_note="a second gateway from the same build on port $BENCH_GATEWAY_PORT, per-client budgets raised to $budget/s (the rate-limit check still runs, sharing counts through Redis every 50 ms)"
fi

java -Xmx1g -jar "$JAR" --root "$ROOT" --gateway "$gateway_url" --gateway-note "$gateway_note" \
  --ingest "http://127.0.0.1:$INGEST_PORT" --scoring "http://127.0.0.1:$SCORING_PORT" \
  --ranking "http://127.0.0.1:$RANKING_PORT" --issuer "$ISSUER" --redis "127.0.0.1:$REDIS_PORT" \
  --kafka "127.0.0.1:$KAFKA_PORT" ${scorer_pid:+--scorer-pid "$scorer_pid"} ${ranking_pid:+--ranking-pid "$ranking_pid"} ${args[@]+"${args[@]}"}
