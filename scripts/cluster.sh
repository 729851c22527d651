#!/usr/bin/env bash
# Redress as a cluster on one PostgreSQL: several `redress serve` processes (worker off) and
# several `redress worker` processes, behind HAProxy as the load balancer. This script is the
# deployment recipe in runnable form; on real machines each step is a service unit, and the
# balancer and PostgreSQL usually sit on machines of their own (see docs/DEPLOY.md).
#
#   scripts/cluster.sh start    build if needed, migrate once, start everything, wait until healthy
#   scripts/cluster.sh stop     stop everything this script started (from its pid files)
#   scripts/cluster.sh status   which processes are running
#
# What the cluster needs, and why:
# - One database for all (REDRESS_DATABASE_URL, required): cases, sessions, rate-limit and throttle
#   counts all live there, so any server can answer any request and no sticky sessions are needed.
# - One encryption key for all: personal data sealed by one server must open on another.
# - The servers trust the balancer's X-Forwarded-For (REDRESS_TRUST_PROXY), so limits count clients,
#   not the balancer.
# - Live changes reach every server's streams through PostgreSQL LISTEN/NOTIFY: nothing to set up.
# - Workers share the deadline scan and the outbox with FOR UPDATE SKIP LOCKED: run two or more.
set -euo pipefail
cd "$(dirname "$0")/.."

CLUSTER_DIR=${CLUSTER_DIR:-./data/cluster}          # pid files, logs, the balancer's configuration
CLUSTER_PORT=${CLUSTER_PORT:-8080}                   # the balancer: the one address users reach
CLUSTER_SERVER_PORTS=${CLUSTER_SERVER_PORTS:-"8081 8082 8083"}
CLUSTER_WORKERS=${CLUSTER_WORKERS:-2}
CLUSTER_STATS_PORT=${CLUSTER_STATS_PORT:-8404}       # HAProxy's status page (/stats, ;csv for machines)
CLUSTER_REDIS_PORT=${CLUSTER_REDIS_PORT:-}           # set it to run a Redis for the limits (else they count in PostgreSQL)
HAPROXY=${HAPROXY:-haproxy}
REDIS_SERVER=${REDIS_SERVER:-redis-server}

mkdir -p "$CLUSTER_DIR"
CLUSTER_DIR=$(cd "$CLUSTER_DIR" && pwd)
redress() { node bin/redress.js "$@"; }

wait_healthy() { # url, what
  for _ in $(seq 1 150); do
    if curl -fs -o /dev/null "$1"; then return 0; fi
    sleep 0.2
  done
  echo "$2 did not become healthy at $1; see $CLUSTER_DIR/*.log" >&2
  return 1
}

start_process() { # name, command…
  local name=$1
  shift
  nohup "$@" >"$CLUSTER_DIR/$name.log" 2>&1 &
  echo $! >"$CLUSTER_DIR/$name.pid"
}

start() {
  : "${REDRESS_DATABASE_URL:?set REDRESS_DATABASE_URL to the one PostgreSQL database (postgres://…)}"
  # The servers run the compiled code; build it when it is missing or older than the sources.
  if [ ! -f dist/src/cli/main.js ] || [ -n "$(find src -newer dist/src/cli/main.js -name '*.ts' -print -quit)" ]; then
    echo "Building the server…"
    npx tsc -p tsconfig.build.json
  fi

  # One key for every process. A real deployment gives each machine the same key from its secret store.
  if [ -z "${REDRESS_ENCRYPTION_KEY:-}" ]; then
    export REDRESS_ENCRYPTION_KEY_FILE=${REDRESS_ENCRYPTION_KEY_FILE:-$CLUSTER_DIR/redress.key}
    if [ ! -f "$REDRESS_ENCRYPTION_KEY_FILE" ]; then
      (umask 077 && node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64') + '\n')" >"$REDRESS_ENCRYPTION_KEY_FILE")
    fi
  fi

  if [ -n "$CLUSTER_REDIS_PORT" ]; then
    "$REDIS_SERVER" --bind 127.0.0.1 --port "$CLUSTER_REDIS_PORT" --save '' --appendonly no \
      --daemonize yes --pidfile "$CLUSTER_DIR/redis.pid" --logfile "$CLUSTER_DIR/redis.log" --dir "$CLUSTER_DIR"
    export REDRESS_REDIS_URL="redis://127.0.0.1:$CLUSTER_REDIS_PORT"
  fi

  # Migrate once, before any server starts, so servers never race each other to change the schema.
  redress migrate

  export REDRESS_WORKER=off REDRESS_TRUST_PROXY=${REDRESS_TRUST_PROXY:-127.0.0.1} HOST=127.0.0.1
  local index=0 backends=""
  for port in $CLUSTER_SERVER_PORTS; do
    index=$((index + 1))
    start_process "server-$index" env PORT="$port" node bin/redress.js serve
    # The first server loads the built-in plan and creates the first admin; the others find them.
    if [ "$index" = 1 ]; then wait_healthy "http://127.0.0.1:$port/health" "server-1"; fi
    backends+="    server server-$index 127.0.0.1:$port check"$'\n'
  done
  index=0
  for port in $CLUSTER_SERVER_PORTS; do
    index=$((index + 1))
    wait_healthy "http://127.0.0.1:$port/health" "server-$index"
  done

  unset REDRESS_WORKER
  for index in $(seq 1 "$CLUSTER_WORKERS"); do
    start_process "worker-$index" node bin/redress.js worker
  done

  cat >"$CLUSTER_DIR/haproxy.cfg" <<EOF
global
    log stderr format short local0 warning

defaults
    mode http
    log global
    option httplog
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # A busy server may take a moment to answer its health check; it is not down for that.
    timeout check 2s
    # Live streams (server-sent events) stay open; heartbeats every 15 s keep them from idling out.
    timeout tunnel 1h
    # A request that could not reach a server is tried once more on another one.
    retries 2
    option redispatch

frontend redress
    bind 127.0.0.1:$CLUSTER_PORT
    # The servers take the client's address from here (REDRESS_TRUST_PROXY).
    option forwardfor
    default_backend servers

backend servers
    balance roundrobin
    # A server that stops answering /health is out within about a second, and back once it answers.
    option httpchk GET /health
    http-check expect status 200
    default-server inter 400ms fall 2 rise 2
$backends
listen stats
    bind 127.0.0.1:$CLUSTER_STATS_PORT
    stats enable
    stats uri /stats
EOF
  "$HAPROXY" -c -q -f "$CLUSTER_DIR/haproxy.cfg"
  "$HAPROXY" -D -f "$CLUSTER_DIR/haproxy.cfg" -p "$CLUSTER_DIR/haproxy.pid"
  wait_healthy "http://127.0.0.1:$CLUSTER_PORT/health" "the balancer"
  echo "Redress cluster: http://127.0.0.1:$CLUSTER_PORT (servers on $CLUSTER_SERVER_PORTS, $CLUSTER_WORKERS workers, status at http://127.0.0.1:$CLUSTER_STATS_PORT/stats)"
}

stop() {
  # The balancer first (no new requests), then servers and workers (they finish what they hold), then Redis.
  local pidfile pid
  for pidfile in "$CLUSTER_DIR"/haproxy.pid "$CLUSTER_DIR"/server-*.pid "$CLUSTER_DIR"/worker-*.pid "$CLUSTER_DIR"/redis.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
  done
  for pidfile in "$CLUSTER_DIR"/*.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$pidfile"
  done
}

status() {
  local pidfile
  for pidfile in "$CLUSTER_DIR"/*.pid; do
    [ -f "$pidfile" ] || continue
    if kill -0 "$(cat "$pidfile")" 2>/dev/null; then state=running; else state=stopped; fi
    echo "$(basename "$pidfile" .pid): $state"
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
