#!/usr/bin/env bash
# Dashboard rps: published app on SQLite, on PostgreSQL, and two instances on one PostgreSQL.
# Needs wrk, curl, python3 and Debian's postgresql 15; run as root (initdb runs as the postgres user). Stops what it starts.
set -euo pipefail
B=$(mktemp -d); chown postgres "$B"
PGBIN=/usr/lib/postgresql/15/bin
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=$(free_port); A=$(free_port); P1=$(free_port); P2=$(free_port)
# Whatever happens, the apps and the server this script started are stopped by PID, and the folder goes.
cleanup() {
  for pid in "$B"/app-*.pid; do [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true; done
  [ -f "$B/pg/postmaster.pid" ] && runuser -u postgres -- $PGBIN/pg_ctl -D "$B/pg" stop -m fast > /dev/null || true
  rm -rf "$B"
}
trap cleanup EXIT
cd "$(dirname "$0")/../../.." && dotnet publish src/RescueTracker -c Release -o $B/out > $B/publish.log 2>&1
runuser -u postgres -- $PGBIN/initdb -D $B/pg -A trust -U postgres > $B/initdb.log 2>&1
runuser -u postgres -- $PGBIN/pg_ctl -D $B/pg -o "-p $PORT -k $B -c listen_addresses=127.0.0.1 -c max_connections=300" -l $B/pg.log start > /dev/null
sleep 2
runuser -u postgres -- $PGBIN/psql -h 127.0.0.1 -p $PORT -U postgres -c "CREATE DATABASE bench" > /dev/null
PGCS="Host=127.0.0.1;Port=$PORT;Database=bench;Username=postgres"
start() { # port, provider, connection string
  # One command in the background, so that $! is the app's own PID.
  cd $B/out
  ASPNETCORE_ENVIRONMENT=Production Database__Provider=$2 ConnectionStrings__RescueTracker="$3" \
    dotnet RescueTracker.dll --urls http://127.0.0.1:$1 > $B/app-$1.log 2>&1 &
  echo $! > $B/app-$1.pid
  for i in $(seq 1 120); do curl -sf http://127.0.0.1:$1/healthz/ready > /dev/null && break; sleep 0.5; done
  curl -sf http://127.0.0.1:$1/api/summary > $B/summary-$1.json
}
run() { wrk -t2 -c64 -d5s "$1" > /dev/null; wrk -t2 -c64 -d20s --latency "$1"; }
start $A Sqlite "Data Source=$B/sqlite.db"
echo "== SQLite, 1 instance"; run http://127.0.0.1:$A/
kill $(cat $B/app-$A.pid) && rm $B/app-$A.pid; sleep 2
start $P1 PostgreSQL "$PGCS"
echo "== PostgreSQL, 1 instance"; run http://127.0.0.1:$P1/
start $P2 PostgreSQL "$PGCS"
echo "== PostgreSQL, 2 instances (two wrk at once, 32 connections each)"
# Waits for the first wrk by its PID (a bare `wait` would wait for the apps too).
wrk -t1 -c32 -d5s http://127.0.0.1:$P1/ > /dev/null & w=$!; wrk -t1 -c32 -d5s http://127.0.0.1:$P2/ > /dev/null; wait $w
wrk -t1 -c32 -d20s http://127.0.0.1:$P1/ > $B/w1.txt & w=$!; wrk -t1 -c32 -d20s http://127.0.0.1:$P2/ > $B/w2.txt; wait $w
cat $B/w1.txt $B/w2.txt
echo "== summaries equal on SQLite and PostgreSQL (asOf aside)?"
python3 -c "import json,sys; a=json.load(open('$B/summary-$A.json')); b=json.load(open('$B/summary-$P1.json')); [d.pop('asOf',None) for d in (a,b)]; print(a==b)"
