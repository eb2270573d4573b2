# shellcheck shell=bash
# Keycloak 26 (Quarkus distribution from Maven Central) in dev mode with the committed realm
# infra/keycloak/caimei-realm.json imported at start. Bootstrap admin admin/admin: LOCAL DEV ONLY.
#
# The issuer is pinned with --hostname=http://127.0.0.1:$CAIMEI_KEYCLOAK_PORT, so tokens always carry
# iss=http://127.0.0.1:<port>/realms/caimei whichever host name the client used to reach Keycloak.

KC_VERSION="${CAIMEI_KEYCLOAK_VERSION:-26.7.3}"
KC_DIR="$CAIMEI_HOME/keycloak"
KC_DIST="$KC_DIR/keycloak-$KC_VERSION"
KC_REALM_SRC="$REPO_ROOT/infra/keycloak/caimei-realm.json"
KC_REALM_STAMP="$KC_DIR/realm.sha256"    # hash of the realm file the running/persisted DB was imported from
KC_START_TIMEOUT="${CAIMEI_KEYCLOAK_START_TIMEOUT:-240}"
KC_HEAP="${CAIMEI_KEYCLOAK_HEAP:--Xms128m -Xmx768m}"
KC_ISSUER_BASE="http://127.0.0.1:$CAIMEI_KEYCLOAK_PORT"

kc_unzip() { # zip destdir
  local zip="$1" dest="$2"
  if have unzip; then
    unzip -q "$zip" -d "$dest"
  elif have jar || [ -x "${JAVA_HOME:-/nonexistent}/bin/jar" ]; then
    local jarbin; jarbin="$(command -v jar || echo "$JAVA_HOME/bin/jar")"
    (cd "$dest" && "$jarbin" xf "$zip")
  elif have python3; then
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$zip" "$dest"
  else
    apt_install unzip || die "cannot unpack $zip: install unzip (apt-get install -y unzip)"
    unzip -q "$zip" -d "$dest"
  fi
}

kc_install() {
  [ -x "$KC_DIST/bin/kc.sh" ] && return 0
  local zip="$DL_DIR/keycloak-quarkus-dist-$KC_VERSION.zip"
  if [ ! -s "$zip" ]; then
    log "keycloak: fetching org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip via Maven"
    mkdir -p "$DL_DIR"
    mvnw dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory="$DL_DIR" >&2 \
      || die "could not fetch the Keycloak distribution from Maven Central"
  fi
  log "keycloak: unpacking $zip"
  rm -rf "$KC_DIR/unpack.tmp"
  mkdir -p "$KC_DIR/unpack.tmp"
  kc_unzip "$zip" "$KC_DIR/unpack.tmp"
  [ -f "$KC_DIR/unpack.tmp/keycloak-$KC_VERSION/bin/kc.sh" ] || die "unexpected layout in $zip"
  chmod +x "$KC_DIR/unpack.tmp/keycloak-$KC_VERSION/bin/"*.sh
  rm -rf "$KC_DIST"
  mv "$KC_DIR/unpack.tmp/keycloak-$KC_VERSION" "$KC_DIST"
  rm -rf "$KC_DIR/unpack.tmp"
}

kc_realm_url() { echo "http://127.0.0.1:$CAIMEI_KEYCLOAK_PORT/realms/caimei/.well-known/openid-configuration"; }
kc_ready() { [ "$(http_status "$(kc_realm_url)")" = 200 ]; }
kc_running() { read_pid keycloak >/dev/null; }

keycloak_start() {
  [ -f "$KC_REALM_SRC" ] || die "realm file missing: $KC_REALM_SRC"
  local want; want="$(file_sha "$KC_REALM_SRC")"
  if kc_running; then
    if [ -f "$KC_REALM_STAMP" ] && [ "$(cat "$KC_REALM_STAMP")" = "$want" ]; then
      if kc_ready; then
        log "keycloak: already running (pid $(read_pid keycloak)) on $KC_ISSUER_BASE"
        return 0
      fi
    else
      log "keycloak: realm file changed since import, restarting with a fresh database"
      kill_tree keycloak
    fi
  fi
  if ! kc_running; then
    port_open "$CAIMEI_KEYCLOAK_PORT" && die "port $CAIMEI_KEYCLOAK_PORT is in use by a process infra.sh did not start; stop it or set CAIMEI_KEYCLOAK_PORT"
    port_open "$CAIMEI_KEYCLOAK_MGMT_PORT" && die "port $CAIMEI_KEYCLOAK_MGMT_PORT is in use; stop that process or set CAIMEI_KEYCLOAK_MGMT_PORT"
    kc_install
    if [ ! -f "$KC_REALM_STAMP" ] || [ "$(cat "$KC_REALM_STAMP")" != "$want" ]; then
      # The dev-mode H2 database keeps the previously imported realm and --import-realm skips existing
      # realms, so drop the database to make the committed realm file the one that runs.
      [ -d "$KC_DIST/data/h2" ] && log "keycloak: realm file changed, dropping the dev database for a fresh import"
      rm -rf "$KC_DIST/data/h2"
    fi
    mkdir -p "$KC_DIST/data/import" "$LOG_DIR"
    cp "$KC_REALM_SRC" "$KC_DIST/data/import/caimei-realm.json"
    echo "$want" >"$KC_REALM_STAMP"
    log "keycloak: starting on $KC_ISSUER_BASE (management port $CAIMEI_KEYCLOAK_MGMT_PORT)"
    spawn keycloak "$LOG_DIR/keycloak.log" env \
      KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
      JAVA_OPTS_KC_HEAP="$KC_HEAP" \
      "$KC_DIST/bin/kc.sh" start-dev \
      --http-host=127.0.0.1 --http-port="$CAIMEI_KEYCLOAK_PORT" \
      --http-management-host=127.0.0.1 \
      --http-management-port="$CAIMEI_KEYCLOAK_MGMT_PORT" \
      --hostname="$KC_ISSUER_BASE" \
      --hostname-backchannel-dynamic=true \
      --health-enabled=true \
      --import-realm
  fi
  local t0=$SECONDS
  until kc_ready; do
    if ! kc_running; then
      tail_log "$LOG_DIR/keycloak.log"
      die "keycloak exited during start-up (log: $LOG_DIR/keycloak.log)"
    fi
    if ((SECONDS - t0 >= KC_START_TIMEOUT)); then
      tail_log "$LOG_DIR/keycloak.log"
      die "keycloak realm caimei not served within ${KC_START_TIMEOUT}s: $(kc_realm_url) (log: $LOG_DIR/keycloak.log)"
    fi
    sleep 2
  done
  log "keycloak: up on $KC_ISSUER_BASE, realm caimei ready after $((SECONDS - t0))s (pid $(read_pid keycloak))"
}

keycloak_stop() { kill_tree keycloak; }

keycloak_status() {
  local state=down pid
  pid="$(read_pid keycloak || echo -)"
  if [ "$pid" != - ] && kc_ready; then state=up
  elif [ "$pid" != - ]; then state=starting
  elif port_open "$CAIMEI_KEYCLOAK_PORT"; then state=foreign; fi
  printf '%-9s %-7s port=%-5s pid=%-8s issuer=%s/realms/caimei mgmt-port=%s\n' keycloak "$state" \
    "$CAIMEI_KEYCLOAK_PORT" "$pid" "$KC_ISSUER_BASE" "$CAIMEI_KEYCLOAK_MGMT_PORT"
}

keycloak_logfile() { echo "$LOG_DIR/keycloak.log"; }
