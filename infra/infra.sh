#!/usr/bin/env bash
# Local infrastructure for the Caimei Index Platform: PostgreSQL, Redis, Kafka (KRaft) and Keycloak,
# real components on one machine, no Docker. Needs JDK 17 (and root + apt on a bare box to install
# PostgreSQL/Redis); Kafka and Keycloak come from Maven Central.
#
#   infra/infra.sh start [component...]    start (idempotent; default: postgres redis kafka keycloak)
#   infra/infra.sh stop [component...]     stop what this script started (machine-provided PG/Redis stay up)
#   infra/infra.sh status                  one line per component
#   infra/infra.sh logs <component> [-f]   show (or follow) a component's log
#   infra/infra.sh kafka-class <main-class> [args...]   run a class from the Kafka classpath, e.g.
#       infra/infra.sh kafka-class org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --list
#       infra/infra.sh kafka-class org.apache.kafka.tools.ProducerPerformance --topic t --num-records 100000 \
#           --record-size 200 --throughput -1 --producer-props bootstrap.servers=127.0.0.1:9092
#
# State, downloads, logs and pids: ${CAIMEI_HOME:-<repo>/.caimei}. Ports (env): CAIMEI_PG_PORT=5432,
# CAIMEI_REDIS_PORT=6379, CAIMEI_KAFKA_PORT=9092, CAIMEI_KAFKA_CONTROLLER_PORT=9093,
# CAIMEI_KEYCLOAK_PORT=8180, CAIMEI_KEYCLOAK_MGMT_PORT=9190.
# Credentials created here (PostgreSQL caimei/caimei, Keycloak admin/admin, realm users) are LOCAL DEV ONLY.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LIB="$REPO_ROOT/infra/lib"
# shellcheck source=lib/common.sh
. "$LIB/common.sh"
# shellcheck source=lib/postgres.sh
. "$LIB/postgres.sh"
# shellcheck source=lib/redis.sh
. "$LIB/redis.sh"
# shellcheck source=lib/kafka.sh
. "$LIB/kafka.sh"
# shellcheck source=lib/keycloak.sh
. "$LIB/keycloak.sh"

ALL_COMPONENTS=(postgres redis kafka keycloak)

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//' >&2
  exit "${1:-2}"
}

check_components() {
  local c
  for c in "$@"; do
    case "$c" in postgres | redis | kafka | keycloak) ;; *) die "unknown component '$c' (known: ${ALL_COMPONENTS[*]})" ;; esac
  done
}

# Serialize start/stop so two concurrent invocations do not both launch a broker.
take_lock() {
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  if have flock; then
    exec 9>"$RUN_DIR/infra.lock"
    flock -n 9 || { log "waiting for another infra.sh start/stop to finish"; flock -w 600 9; } || die "another infra.sh start/stop is still running (lock $RUN_DIR/infra.lock)"
  fi
}

# Components in canonical order, filtered by the ones asked for.
ordered() {
  local c a
  for c in "${ALL_COMPONENTS[@]}"; do
    for a in "$@"; do
      if [ "$a" = "$c" ]; then echo "$c"; break; fi
    done
  done
  return 0
}

cmd_start() {
  local comps=("$@") c t0 t
  [ ${#comps[@]} -eq 0 ] && comps=("${ALL_COMPONENTS[@]}")
  check_components "${comps[@]}"
  take_lock
  t0=$SECONDS
  for c in $(ordered "${comps[@]}"); do
    t=$SECONDS
    "${c}_start"
    log "$c ready in $((SECONDS - t))s"
  done
  log "all requested components up in $((SECONDS - t0))s (state: $CAIMEI_HOME)"
  cmd_status
}

cmd_stop() {
  local comps=("$@") c list
  [ ${#comps[@]} -eq 0 ] && comps=("${ALL_COMPONENTS[@]}")
  check_components "${comps[@]}"
  take_lock
  list="$(ordered "${comps[@]}" | tac)"
  for c in $list; do "${c}_stop"; done
}

cmd_status() {
  local c
  for c in "${ALL_COMPONENTS[@]}"; do "${c}_status"; done
}

cmd_logs() {
  [ $# -ge 1 ] || die "usage: infra.sh logs <component> [-f]"
  check_components "$1"
  local f; f="$("${1}_logfile")" || die "no log known for $1"
  [ -f "$f" ] || die "no log file yet: $f"
  if [ "${2:-}" = -f ]; then exec tail -n 100 -F "$f"; else tail -n "${CAIMEI_LOG_LINES:-200}" "$f"; fi
}

main() {
  local cmd="${1:-}"
  [ $# -gt 0 ] && shift
  case "$cmd" in
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    restart) cmd_stop "$@"; cmd_start "$@" ;;
    status) cmd_status ;;
    logs) cmd_logs "$@" ;;
    kafka-class) kafka_class "$@" ;;
    -h | --help | help) usage 0 ;;
    *) usage 2 ;;
  esac
}

main "$@"
