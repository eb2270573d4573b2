# shellcheck shell=bash
# Redis: reuse a server already answering on $CAIMEI_REDIS_PORT, else start the installed redis-server
# (no persistence, bound to 127.0.0.1), else install it (root + apt). redis-cli / redis-benchmark
# (package redis-tools) are installed when missing.

REDIS_STARTED_MARK="$RUN_DIR/redis.started"

redis_ping() {
  if have redis-cli; then
    [ "$(timeout 3 redis-cli -h 127.0.0.1 -p "$CAIMEI_REDIS_PORT" ping 2>/dev/null)" = PONG ]
  else
    timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1; printf "PING\r\n" >&3; head -c5 <&3' \
      "$CAIMEI_REDIS_PORT" 2>/dev/null | grep -q PONG
  fi
}

redis_start() {
  if ! have redis-cli || ! have redis-benchmark; then
    apt_install redis-tools || warn "redis-cli/redis-benchmark missing; as root run: apt-get install -y redis-tools"
  fi
  if redis_ping; then
    log "redis: already answering on 127.0.0.1:$CAIMEI_REDIS_PORT"
    return 0
  fi
  if ! have redis-server; then
    apt_install redis-server || die "Redis is not installed; as root run: apt-get update && apt-get install -y redis-server redis-tools"
    if redis_ping; then log "redis: started by the package install"; return 0; fi
  fi
  port_open "$CAIMEI_REDIS_PORT" && die "port $CAIMEI_REDIS_PORT is taken by something that does not answer Redis PING; set CAIMEI_REDIS_PORT"
  mkdir -p "$CAIMEI_HOME/redis" "$LOG_DIR" "$RUN_DIR"
  log "starting redis-server on 127.0.0.1:$CAIMEI_REDIS_PORT"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$CAIMEI_REDIS_PORT" --save "" --appendonly no \
    --dir "$CAIMEI_HOME/redis" --pidfile "$(pid_file redis)" --logfile "$LOG_DIR/redis.log" >&2 9>&- \
    || die "redis-server failed to start (see $LOG_DIR/redis.log)"
  touch "$REDIS_STARTED_MARK"
  local i
  for ((i = 0; i < 20; i++)); do redis_ping && break; sleep 0.5; done
  redis_ping || { tail_log "$LOG_DIR/redis.log"; die "redis did not answer PING on port $CAIMEI_REDIS_PORT"; }
  log "redis: up on 127.0.0.1:$CAIMEI_REDIS_PORT"
}

redis_stop() {
  if [ -f "$REDIS_STARTED_MARK" ]; then
    if redis_ping && have redis-cli; then
      log "stopping redis (started by infra.sh)"
      redis-cli -h 127.0.0.1 -p "$CAIMEI_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
      sleep 0.5
    fi
    # redis-server daemonizes itself, so its pid file holds the server pid (not a process group leader)
    local pid
    if pid="$(read_pid redis)"; then
      kill -TERM "$pid" 2>/dev/null || true
      sleep 1
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$REDIS_STARTED_MARK" "$(pid_file redis)"
  else
    log "redis: not started by infra.sh, leaving it running"
  fi
}

redis_status() {
  local state=down owner=machine pid=-
  redis_ping && state=up
  [ "$state" = down ] && owner=-
  if [ -f "$REDIS_STARTED_MARK" ]; then owner=infra.sh; pid="$(read_pid redis || echo -)"; fi
  if [ "$pid" = - ] && have redis-cli && [ "$state" = up ]; then
    pid="$(redis-cli -h 127.0.0.1 -p "$CAIMEI_REDIS_PORT" info server 2>/dev/null | tr -d '\r' | awk -F: '/^process_id:/{print $2}')"
    pid="${pid:--}"
  fi
  printf '%-9s %-7s port=%-5s pid=%-8s managed-by=%s\n' redis "$state" "$CAIMEI_REDIS_PORT" "$pid" "$owner"
}

redis_logfile() {
  if [ -f "$REDIS_STARTED_MARK" ] || [ -f "$LOG_DIR/redis.log" ]; then echo "$LOG_DIR/redis.log"
  else echo /var/log/redis/redis-server.log; fi
}
