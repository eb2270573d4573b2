# shellcheck shell=bash
# Shared helpers for infra/infra.sh (sourced, not executed).
# Everything this script creates lives under $CAIMEI_HOME (default <repo>/.caimei, git-ignored).

CAIMEI_HOME="${CAIMEI_HOME:-$REPO_ROOT/.caimei}"
RUN_DIR="$CAIMEI_HOME/run"        # pid files, "started by us" markers, lock
LOG_DIR="$CAIMEI_HOME/logs"       # one log per component
DL_DIR="$CAIMEI_HOME/downloads"   # fetched archives

CAIMEI_KAFKA_PORT="${CAIMEI_KAFKA_PORT:-9092}"
CAIMEI_KAFKA_CONTROLLER_PORT="${CAIMEI_KAFKA_CONTROLLER_PORT:-9093}"
CAIMEI_KEYCLOAK_PORT="${CAIMEI_KEYCLOAK_PORT:-8180}"
CAIMEI_KEYCLOAK_MGMT_PORT="${CAIMEI_KEYCLOAK_MGMT_PORT:-9190}"
CAIMEI_REDIS_PORT="${CAIMEI_REDIS_PORT:-6379}"
CAIMEI_PG_PORT="${CAIMEI_PG_PORT:-5432}"

STOP_TIMEOUT="${CAIMEI_STOP_TIMEOUT:-30}"

log()  { printf '[infra %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
warn() { printf '[infra %s] WARNING: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die()  { printf '[infra %s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

have() { command -v "$1" >/dev/null 2>&1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

java_bin() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    echo "$JAVA_HOME/bin/java"
  elif have java; then
    command -v java
  else
    die "java not found: install a JDK 17 (apt-get install -y openjdk-17-jdk-headless) or set JAVA_HOME"
  fi
}

# port_open PORT [HOST] -> 0 when something accepts TCP connections there.
port_open() {
  local port="$1" host="${2:-127.0.0.1}"
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$host" "$port" 2>/dev/null
}

# http_status URL -> prints the HTTP status code (000 when unreachable). Uses curl, else bash /dev/tcp.
http_status() {
  local url="$1"
  if have curl; then
    curl -s -o /dev/null -m 5 -w '%{http_code}' "$url" 2>/dev/null || true
    return 0
  fi
  local rest="${url#http://}" hostport path host port line
  hostport="${rest%%/*}"; path="/${rest#*/}"
  host="${hostport%%:*}"; port="${hostport##*:}"; [ "$port" = "$host" ] && port=80
  line=$(timeout 5 bash -c 'exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "GET %s HTTP/1.0\r\nHost: %s\r\nConnection: close\r\n\r\n" "$2" "$0:$1" >&3
    head -n1 <&3' "$host" "$port" "$path" 2>/dev/null) || true
  line="${line#* }"; echo "${line:0:3}" | grep -E '^[0-9]{3}$' || echo 000
}

# --- process bookkeeping -------------------------------------------------------------------------

pid_file() { echo "$RUN_DIR/$1.pid"; }

# read_pid NAME -> prints the pid when the pid file exists and the process is alive.
read_pid() {
  local f pid
  f="$(pid_file "$1")"
  [ -f "$f" ] || return 1
  pid="$(tr -dc '0-9' <"$f")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

# spawn NAME LOGFILE CMD... : runs CMD detached in its own session (so stop can signal the whole
# process group), stdout/stderr appended to LOGFILE, pid recorded.
spawn() {
  local name="$1" logfile="$2"; shift 2
  mkdir -p "$RUN_DIR" "$(dirname "$logfile")"
  printf '\n===== %s starting %s =====\n' "$(date -Is)" "$name" >>"$logfile"
  # 9>&- : do not let the daemon inherit the infra.sh lock descriptor
  nohup setsid "$@" </dev/null >>"$logfile" 2>&1 9>&- &
  echo $! >"$(pid_file "$name")"
}

# kill_tree NAME : TERM the process group recorded for NAME, KILL after $STOP_TIMEOUT seconds.
kill_tree() {
  local name="$1" pid i
  pid="$(read_pid "$name")" || { rm -f "$(pid_file "$name")"; return 0; }
  log "stopping $name (pid $pid)"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < STOP_TIMEOUT * 2; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name did not stop within ${STOP_TIMEOUT}s, sending KILL"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$(pid_file "$name")"
}

# --- apt ---------------------------------------------------------------------------------------------

APT_UPDATED=0
apt_install() {
  is_root || return 1
  have apt-get || return 1
  export DEBIAN_FRONTEND=noninteractive
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    apt-get update -qq >&2 || return 1
    APT_UPDATED=1
  fi
  log "apt-get install -y $*"
  apt-get install -y -qq --no-install-recommends "$@" >&2
}

# --- maven -------------------------------------------------------------------------------------------

# Maven is run against the stand-alone infra/kafka/pom.xml (never the reactor) so that it works while
# service modules are being edited or built.
mvnw() {
  (cd "$REPO_ROOT" && ./mvnw -B -q -f infra/kafka/pom.xml "$@")
}

tail_log() {
  local f="$1" n="${2:-40}"
  [ -f "$f" ] && { echo "---- last $n lines of $f ----" >&2; tail -n "$n" "$f" >&2; echo "----" >&2; }
  return 0
}

file_sha() { sha256sum "$1" | cut -d' ' -f1; }
