#!/usr/bin/env bash
# Web benchmark (README, "Web benchmark"):
#   run.sh [p1p2]   P1 and P2, in one run:
#     P1  GET / on the published app (Production, 127.0.0.1) against the same bytes as a static file
#         served by Kestrel's static file middleware, both asked for with Accept-Encoding: br; at the
#         shipped seed and at 1,000 pledges + 100,000 transfers.
#     P2  1,000 concurrent connections to / for 30 s on the large ledger: socket errors, timeouts,
#         non-2xx answers, and the app's resident set (VmRSS) before and after.
#   run.sh circuits P6: server memory per signed-in admin circuit, 100 circuits open in Debian's
#         Chromium (Web/CircuitMemory.cs): VmRSS, and the live GC heap after a full collection
#         (dotnet-gcdump), before and after, divided by the number of circuits.
# Needs the .NET SDK; P1/P2 need wrk (Debian: apt-get install wrk), P6 needs /usr/bin/chromium and
# installs dotnet-gcdump into the temp folder unless it is on PATH. Everything
# lives in a temp folder that is removed at the end; every process started here is stopped by its PID.
set -euo pipefail
cd "$(dirname "$0")/../../.."

mode=${1:-p1p2}
case "$mode" in
  p1p2) command -v wrk >/dev/null || { echo "wrk is needed for P1/P2: apt-get install wrk" >&2; exit 1; } ;;
  circuits) [ -x /usr/bin/chromium ] || { echo "P6 needs Debian's Chromium: apt-get install chromium fonts-dejavu-core" >&2; exit 1; } ;;
  *) echo "usage: $0 [p1p2|circuits]" >&2; exit 2 ;;
esac

P1_SECONDS=${P1_SECONDS:-10}
P1_CONNECTIONS=${P1_CONNECTIONS:-50}
P1_ROUNDS=${P1_ROUNDS:-3}
P2_SECONDS=${P2_SECONDS:-30}
P2_CONNECTIONS=${P2_CONNECTIONS:-1000}
# The large ledger's size; smaller only to smoke-test the script, the P1/P2 figures are for the defaults.
LEDGER_PLEDGES=${LEDGER_PLEDGES:-1000}
LEDGER_TRANSFERS=${LEDGER_TRANSFERS:-100000}
P6_CIRCUITS=${P6_CIRCUITS:-100}
P6_PATH=${P6_PATH:-/admin}
DIAGNOSTICS_VERSION=${DIAGNOSTICS_VERSION:-10.0.750501}

# 1,000 connections need as many descriptors in wrk and in the server, plus their files and pipes.
ulimit -n "$(ulimit -Hn)"
echo "open files limit: $(ulimit -n)"

work=$(mktemp -d "${TMPDIR:-/tmp}/rescuetracker-web-bench.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  done
  rm -rf "$work"
}
trap cleanup EXIT

echo "== publishing the app (Release) and building the benchmark helpers"
dotnet publish src/RescueTracker -c Release -o "$work/app" -nodeReuse:false -p:UseSharedCompilation=false >"$work/publish.log" 2>&1 \
  || { cat "$work/publish.log"; exit 1; }
dotnet build tests/RescueTracker.Benchmarks -c Release -nodeReuse:false -p:UseSharedCompilation=false >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }
helpers="tests/RescueTracker.Benchmarks/bin/Release/net10.0/RescueTracker.Benchmarks.dll"

# A port nothing listens on; a race with another process is unlikely and fails loudly at start.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

wait_until_up() {
  local url=$1 pid=$2 log=$3
  for _ in $(seq 1 300); do
    if curl -sf -o /dev/null "$url"; then return; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "process $pid exited before serving:" >&2; cat "$log" >&2; exit 1; fi
    sleep 0.2
  done
  echo "$url did not answer within 60 s" >&2; cat "$log" >&2; exit 1
}

# start_app NAME DATABASE [SEED]: sets APP_PID and APP_URL.
start_app() {
  local name=$1 database=$2 seed=${3:-}
  local port; port=$(free_port)
  (
    cd "$work/app"
    export ASPNETCORE_ENVIRONMENT=Production
    export ConnectionStrings__RescueTracker="Data Source=$database"
    export DataProtection__KeysPath="$work/keys-$name"
    if [ -n "$seed" ]; then export Seed__Path="$seed"; fi
    exec dotnet RescueTracker.dll --urls "http://127.0.0.1:$port"
  ) >"$work/app-$name.log" 2>&1 &
  APP_PID=$!
  pids+=("$APP_PID")
  APP_URL="http://127.0.0.1:$port"
  wait_until_up "$APP_URL/healthz" "$APP_PID" "$work/app-$name.log"
}

stop() {
  kill "$1"; wait "$1" 2>/dev/null || true
  local left=() pid
  for pid in "${pids[@]}"; do [ "$pid" = "$1" ] || left+=("$pid"); done
  pids=("${left[@]}")
}

thousands() { sed -E ':a;s/([0-9])([0-9]{3})($|,)/\1,\2\3/;ta' <<<"$1"; }

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# wrk_rps URL: requests per second of one wrk run, all of it kept in the log.
wrk_rps() {
  local out
  out=$(wrk -t2 -c"$P1_CONNECTIONS" -d"${P1_SECONDS}s" -H 'Accept-Encoding: br' "$1")
  echo "$out" >>"$work/wrk.log"
  if grep -q "Non-2xx" <<<"$out"; then echo "non-2xx answers from $1:" >&2; echo "$out" >&2; exit 1; fi
  awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out"
}

results=()

# p1 NAME: / on the running app against a copy of its br bytes on a static Kestrel server.
p1() {
  local name=$1
  mkdir -p "$work/static-$name"
  curl -sf -H 'Accept-Encoding: br' -D "$work/headers-$name" -o "$work/static-$name/page.html.br" "$APP_URL/"
  grep -qi '^content-encoding: br' "$work/headers-$name" || { echo "/ was not sent in br" >&2; exit 1; }
  local br_bytes plain_bytes
  br_bytes=$(stat -c %s "$work/static-$name/page.html.br")
  plain_bytes=$(curl -sf "$APP_URL/" | wc -c)

  local port; port=$(free_port)
  dotnet "$helpers" --static-server "$work/static-$name" "http://127.0.0.1:$port" >"$work/static-$name.log" 2>&1 &
  local static_pid=$!
  pids+=("$static_pid")
  local static_url="http://127.0.0.1:$port/page.html.br"
  wait_until_up "$static_url" "$static_pid" "$work/static-$name.log"
  cmp -s "$work/static-$name/page.html.br" <(curl -sf -H 'Accept-Encoding: br' "$static_url") \
    || { echo "the static server does not send the same bytes" >&2; exit 1; }

  # Warm both (JIT, caches), then alternate so both see the same machine load.
  wrk -t2 -c"$P1_CONNECTIONS" -d2s -H 'Accept-Encoding: br' "$APP_URL/" >/dev/null
  wrk -t2 -c"$P1_CONNECTIONS" -d2s -H 'Accept-Encoding: br' "$static_url" >/dev/null
  local app_rps=() static_rps=() ratios=()
  for round in $(seq 1 "$P1_ROUNDS"); do
    local a s
    a=$(wrk_rps "$APP_URL/")
    s=$(wrk_rps "$static_url")
    app_rps+=("$a"); static_rps+=("$s")
    ratios+=("$(awk -v a="$a" -v s="$s" 'BEGIN { printf "%.2f", a / s }')")
    echo "P1 $name round $round: app $a rps, static $s rps"
  done
  stop "$static_pid"
  results+=("| P1 $name | $plain_bytes B page, $br_bytes B br | ${app_rps[*]} | ${static_rps[*]} | ${ratios[*]} |")
}

run_p1_p2() {
  echo "== P1 at the shipped seed"
  start_app seed "$work/seed.db"
  p1 "seed (9 pledges)"
  stop "$APP_PID"

  local ledger; ledger="$(thousands "$LEDGER_PLEDGES") pledges + $(thousands "$LEDGER_TRANSFERS") transfers"
  echo "== generating $ledger"
  dotnet "$helpers" --web-ledger "$work/ledger" "$LEDGER_PLEDGES" "$LEDGER_TRANSFERS"
  start_app ledger "$work/ledger/ledger.db" "$work/ledger/seed.json"
  p1 "$ledger"

  echo "== P2: $P2_CONNECTIONS connections for ${P2_SECONDS}s on the large ledger"
  local before after peak requests errors non2xx rps growth p2
  before=$(rss_kb "$APP_PID")
  p2=$(wrk -t2 -c"$P2_CONNECTIONS" -d"${P2_SECONDS}s" -H 'Accept-Encoding: br' "$APP_URL/")
  echo "$p2" | tee -a "$work/wrk.log"
  after=$(rss_kb "$APP_PID")
  peak=$(awk '/^VmHWM:/ { print $2 }' "/proc/$APP_PID/status")
  requests=$(awk '/requests in/ { print $1 }' <<<"$p2")
  errors=$(grep -o 'Socket errors:.*' <<<"$p2" || echo "Socket errors: none")
  non2xx=$(awk '/Non-2xx/ { print $NF }' <<<"$p2")
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$p2")
  growth=$(( (after - before) / 1024 ))
  stop "$APP_PID"

  echo
  echo "| case | size | app / rps | static file / rps | app / static |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${results[@]}"
  echo
  echo "| P2 | requests | rps | socket errors and timeouts | non-2xx | VmRSS before | after | growth | peak (VmHWM) |"
  echo "|---|---|---|---|---|---|---|---|---|"
  echo "| $P2_CONNECTIONS connections, ${P2_SECONDS} s | $requests | $rps | ${errors#Socket errors: } | ${non2xx:-0} | $((before / 1024)) MB | $((after / 1024)) MB | $growth MB | $((peak / 1024)) MB |"
}

# P6: an admin made by the app's own create-admin verb, one sign-in, then the circuits (Web/CircuitMemory.cs).
run_circuits() {
  local database="$work/circuits/rescuetracker.db" email="bench-admin@rescue.example" password="a long enough benchmark password"
  mkdir -p "$work/circuits"
  (
    cd "$work/app"
    export ASPNETCORE_ENVIRONMENT=Production
    export ConnectionStrings__RescueTracker="Data Source=$database"
    exec dotnet RescueTracker.dll create-admin --email "$email" <<<"$password"
  ) >"$work/create-admin.log" 2>&1 || { cat "$work/create-admin.log" >&2; exit 1; }

  # dotnet-gcdump forces a full collection and reports what is still live; without it only VmRSS is measured.
  local gcdump
  gcdump=$(command -v dotnet-gcdump || true)
  if [ -z "$gcdump" ]; then
    if dotnet tool install dotnet-gcdump --version "$DIAGNOSTICS_VERSION" --tool-path "$work/tools" >"$work/tools.log" 2>&1; then
      gcdump="$work/tools/dotnet-gcdump"
    else
      cat "$work/tools.log" >&2
      echo "could not install dotnet-gcdump; measuring VmRSS only" >&2
    fi
  fi

  start_app circuits "$database"
  echo "== P6: $P6_CIRCUITS admin circuits on $P6_PATH (app PID $APP_PID)"
  env ${gcdump:+DOTNET_GCDUMP="$gcdump"} dotnet "$helpers" --circuits "$APP_URL" "$APP_PID" "$email" "$P6_CIRCUITS" "$P6_PATH" <<<"$password"
  stop "$APP_PID"
}

case "$mode" in
  p1p2) run_p1_p2 ;;
  circuits) run_circuits ;;
esac
