# shellcheck shell=bash
# PostgreSQL: reuse a server already answering on $CAIMEI_PG_PORT, else start the Debian cluster,
# else install it (root + apt). Then make sure role caimei and databases caimei / caimei_test exist.
# The role password is LOCAL-DEV ONLY.

PG_STARTED_MARK="$RUN_DIR/postgres.started"   # contents: "<version> <cluster>" when infra.sh started it

pg_ready() { have pg_isready && pg_isready -q -h 127.0.0.1 -p "$CAIMEI_PG_PORT" -t 3; }

pg_find_cluster() {
  # prints "<version> <cluster>" of the Debian cluster configured on our port
  have pg_lsclusters || return 1
  pg_lsclusters -h 2>/dev/null | awk -v p="$CAIMEI_PG_PORT" '$3 == p { print $1, $2; exit }' | grep .
}

pg_start_cluster() {
  local vc ver
  vc="$(pg_find_cluster)" || {
    ver="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n1)"
    [ -n "$ver" ] || return 1
    if pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' | grep -qx "$ver main"; then
      die "PostgreSQL cluster $ver/main exists but is not configured for port $CAIMEI_PG_PORT; start it yourself or set CAIMEI_PG_PORT to its port ($(pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main"{print $3}'))"
    fi
    is_root || die "no PostgreSQL cluster on port $CAIMEI_PG_PORT; as root run: pg_createcluster -p $CAIMEI_PG_PORT $ver main --start"
    log "creating PostgreSQL cluster $ver/main on port $CAIMEI_PG_PORT"
    pg_createcluster -p "$CAIMEI_PG_PORT" "$ver" main >&2
    vc="$ver main"
  }
  log "starting PostgreSQL cluster $vc"
  # shellcheck disable=SC2086
  pg_ctlcluster --skip-systemctl-redirect $vc start >&2 9>&- || die "pg_ctlcluster $vc start failed (see /var/log/postgresql/)"
  mkdir -p "$RUN_DIR"; echo "$vc" >"$PG_STARTED_MARK"
}

# pg_super SQL... : run psql as the postgres superuser, TCP trust first, then the unix socket as OS user postgres.
PG_SUPER_MODE=""
pg_super() {
  if [ -z "$PG_SUPER_MODE" ]; then
    if PGCONNECT_TIMEOUT=5 psql -w -h 127.0.0.1 -p "$CAIMEI_PG_PORT" -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
      PG_SUPER_MODE=tcp
    elif is_root && have runuser && (cd / && runuser -u postgres -- psql -w -p "$CAIMEI_PG_PORT" -d postgres -Atqc 'select 1') >/dev/null 2>&1; then
      PG_SUPER_MODE=runuser
    elif is_root && (cd / && su postgres -s /bin/sh -c "psql -w -p $CAIMEI_PG_PORT -d postgres -Atqc 'select 1'") >/dev/null 2>&1; then
      PG_SUPER_MODE=su
    else
      die "cannot connect to PostgreSQL on port $CAIMEI_PG_PORT as superuser 'postgres' (tried psql -h 127.0.0.1 -U postgres and the local socket as OS user postgres); set PGPASSWORD for user postgres or run as root"
    fi
  fi
  case "$PG_SUPER_MODE" in
    tcp) psql -w -h 127.0.0.1 -p "$CAIMEI_PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -Atq "$@" ;;
    runuser) (cd / && runuser -u postgres -- psql -w -p "$CAIMEI_PG_PORT" -d postgres -v ON_ERROR_STOP=1 -Atq "$@") ;;
    su) (cd / && su postgres -s /bin/sh -c "psql -w -p $CAIMEI_PG_PORT -d postgres -v ON_ERROR_STOP=1 -Atq $(printf '%q ' "$@")") ;;
  esac
}

pg_ensure_objects() {
  pg_super -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'caimei') THEN
        CREATE ROLE caimei LOGIN PASSWORD 'caimei';
      ELSE
        ALTER ROLE caimei LOGIN PASSWORD 'caimei';
      END IF;
    END \$\$;" >/dev/null
  local db
  for db in caimei caimei_test; do
    if [ "$(pg_super -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
      log "creating database $db"
      pg_super -c "CREATE DATABASE $db OWNER caimei" >/dev/null
    else
      pg_super -c "ALTER DATABASE $db OWNER TO caimei" >/dev/null
    fi
  done
  if ! PGPASSWORD=caimei PGCONNECT_TIMEOUT=5 psql -w -h 127.0.0.1 -p "$CAIMEI_PG_PORT" -U caimei -d caimei -Atqc 'select 1' >/dev/null 2>&1; then
    warn "role caimei cannot log in over TCP with its password; check pg_hba.conf (host all all 127.0.0.1/32 scram-sha-256)"
  fi
}

postgres_start() {
  if ! have psql || ! have pg_isready; then
    if ! have pg_ctlcluster; then
      apt_install postgresql || die "PostgreSQL is not installed; as root run: apt-get update && apt-get install -y postgresql"
    else
      apt_install postgresql-client || die "psql/pg_isready missing; as root run: apt-get install -y postgresql-client"
    fi
  fi
  if pg_ready; then
    log "postgres: already answering on 127.0.0.1:$CAIMEI_PG_PORT"
  else
    if ! have pg_ctlcluster || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
      apt_install postgresql || die "PostgreSQL server is not installed; as root run: apt-get update && apt-get install -y postgresql"
      if pg_ready; then log "postgres: started by the package install"; fi
    fi
    if ! pg_ready; then
      pg_start_cluster || die "PostgreSQL server binaries not found; as root run: apt-get install -y postgresql"
      local i
      for ((i = 0; i < 30; i++)); do pg_ready && break; sleep 1; done
      pg_ready || die "PostgreSQL did not become ready on port $CAIMEI_PG_PORT (see /var/log/postgresql/)"
    fi
  fi
  pg_ensure_objects
  log "postgres: up on 127.0.0.1:$CAIMEI_PG_PORT (role caimei, databases caimei, caimei_test)"
}

postgres_stop() {
  if [ -f "$PG_STARTED_MARK" ]; then
    local vc; vc="$(cat "$PG_STARTED_MARK")"
    log "stopping PostgreSQL cluster $vc (started by infra.sh)"
    # shellcheck disable=SC2086
    pg_ctlcluster --skip-systemctl-redirect $vc stop >&2 || warn "pg_ctlcluster $vc stop failed"
    rm -f "$PG_STARTED_MARK"
  else
    log "postgres: not started by infra.sh, leaving it running"
  fi
}

postgres_status() {
  local state=down owner="machine"
  pg_ready && state=up
  [ "$state" = down ] && owner=-
  [ -f "$PG_STARTED_MARK" ] && owner="infra.sh (cluster $(cat "$PG_STARTED_MARK"))"
  printf '%-9s %-7s port=%-5s pid=%-8s managed-by=%s\n' postgres "$state" "$CAIMEI_PG_PORT" \
    "$(pg_pid || echo -)" "$owner"
}

pg_pid() {
  local dir
  have pg_lsclusters || return 1
  dir="$(pg_lsclusters -h 2>/dev/null | awk -v p="$CAIMEI_PG_PORT" '$3 == p { print $6; exit }')"
  [ -n "$dir" ] && [ -r "$dir/postmaster.pid" ] && head -n1 "$dir/postmaster.pid"
}

postgres_logfile() {
  local vc
  vc="$(pg_find_cluster 2>/dev/null)" || return 1
  echo "/var/log/postgresql/postgresql-${vc%% *}-${vc##* }.log"
}
