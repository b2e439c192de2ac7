# Shared by up, down and status: where the local cluster lives and the addresses of its parts. Every part listens
# on a loopback address of its own, so two PostgreSQL servers and two Gatehouse nodes use their usual ports side by
# side, as separate hosts would.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
STATE=${GATEHOUSE_CLUSTER_DIR:-/tmp/gatehouse-cluster}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
# Gatehouse needs Java 25: JAVA_HOME's, else a JDK 25 under /usr/lib/jvm (as .ci/run picks it).
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
if ! "$JAVA" -version 2>&1 | grep -q '"25'; then
  JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || true)
fi

ETCD=127.0.0.1:2379
ETCD_PEER=127.0.0.1:2380
PG_NODES=(pg1 pg2)
declare -A PG_HOST=([pg1]=127.0.0.11 [pg2]=127.0.0.12)
PATRONI_PORT=8008
PG_PORT=5432
PRIMARY=127.0.0.1:5000        # HAProxy: the current primary, whichever node it is
GATEHOUSE_NODES=(gh1 gh2)
declare -A GH_HOST=([gh1]=127.0.0.21 [gh2]=127.0.0.22)
FRONT=127.0.0.1:8090          # HAProxy: the Gatehouse nodes, round robin
HAPROXY_STATS=127.0.0.1:8404

# Development-only credentials of the local cluster (never for production: see docs/production.md).
PG_SUPERUSER_PASSWORD=local-cluster-superuser
PG_REPLICATION_PASSWORD=local-cluster-replication
PG_REWIND_PASSWORD=local-cluster-rewind

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }

# PostgreSQL refuses to run as root: the database processes run as the postgres user when we are root. setpriv
# execs the command itself (runuser would stay as its parent), so the recorded pid is the process that runs.
if [ "$(id -u)" = 0 ]; then AS_DB=(setpriv --reuid=postgres --regid=postgres --init-groups --); else AS_DB=(); fi
as_db() { "${AS_DB[@]}" "$@"; }

pidfile() { echo "$STATE/pids/$1.pid"; }

alive() { local f; f=$(pidfile "$1"); [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; }

# Starts a command in the background with its own log, and records its pid for down.
start() {
  local name=$1; shift
  mkdir -p "$STATE/pids" "$STATE/logs"
  if alive "$name"; then log "$name already running (pid $(cat "$(pidfile "$name")"))"; return; fi
  nohup "$@" >"$STATE/logs/$name.log" 2>&1 &
  echo $! >"$(pidfile "$name")"
  log "$name started (pid $!), log: $STATE/logs/$name.log"
}

# Waits until a command succeeds, up to a number of seconds; gives up at once if the process it waits for died.
wait_for() {
  local what=$1 seconds=$2; shift 2
  for _ in $(seq 1 "$seconds"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    if [ -f "$(pidfile "$what")" ] && ! alive "$what"; then
      log "$what stopped; the end of its log:"; tail -5 "$STATE/logs/$what.log" >&2; return 1
    fi
    sleep 1
  done
  log "gave up waiting for $what"; return 1
}
