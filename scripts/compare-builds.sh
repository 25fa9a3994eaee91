#!/usr/bin/env bash
# Compares the small lookups of two isvgraph builds, fairly, on this machine: one server at a
# time on one port, a fresh process per turn, builds A and B alternating (A B, B A, A B, ...),
# two copies of the store alternating between them, and after each server the bare HTTP layer
# (bench/bare_http of build A) on the same port, so every turn has its own floor.
#
# Why not two servers side by side: on this 2-core machine the same binary measured 7-9 %
# slower in the second server's place, whatever ran there (session notes, 2026-11-28).
#
#   scripts/compare-builds.sh --a DIR --b DIR --data DIR
#
# DIR of --a and --b: build trees holding cli/isvgraph (and bench/bare_http in --a). --data:
# generator output, loaded once into --db (default build/load/db-<data name>) as
# scripts/load-test.sh does. Options: --cycles N (A and B turns each, default 4), --seconds N
# (each lookup run, default 10), --mixed-seconds N (the mixed workload first, to compare servers
# after load; default 0), --connections N (default 32), --server-threads N (default 4).
#
# Prints a line per turn (requests/s of the server and of the bare handler, their ratio, CPU
# per request of each) and, per build, the median ratio and the median CPU per request relative
# to the bare handler; then B against A. Exit status 1 when a request failed.
set -euo pipefail

a="" b="" data="" db="" cycles=4 seconds=10 mixed_seconds=0 connections=32 server_threads=4
while [ $# -gt 0 ]; do
  case $1 in
    --a) a=$2; shift 2 ;;
    --b) b=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --db) db=$2; shift 2 ;;
    --cycles) cycles=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --mixed-seconds) mixed_seconds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --server-threads) server_threads=$2; shift 2 ;;
    *) echo "compare-builds: unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
[ -n "$a" ] && [ -n "$b" ] && [ -n "$data" ] || { echo "compare-builds: --a, --b and --data are required" >&2; exit 2; }
for count in "$cycles" "$seconds"; do
  [[ $count =~ ^[1-9][0-9]*$ ]] || { echo "compare-builds: --cycles and --seconds take a count of at least 1" >&2; exit 2; }
done
[[ $mixed_seconds =~ ^[0-9]+$ ]] || { echo "compare-builds: --mixed-seconds takes a count" >&2; exit 2; }
for tool_path in "$a/cli/isvgraph" "$b/cli/isvgraph" "$a/bench/bare_http"; do
  [ -x "$tool_path" ] || { echo "compare-builds: $tool_path not built" >&2; exit 2; }
done
[ -f "$data/sites.csv" ] || { echo "compare-builds: $data/sites.csv not found (generator output)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "compare-builds: wrk missing (scripts/bootstrap.sh installs it)" >&2; exit 2; }

here=$(cd "$(dirname "$0")" && pwd)
tool=compare-builds
. "$here/load/common.sh"
work=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

db=${db:-build/load/db-$(basename "$data")}
if [ ! -d "$db" ]; then
  echo "compare-builds: loading $data into $db"
  mkdir -p "$(dirname "$db")"
  "$a/cli/isvgraph" bench --load-only --data "$data" --db "$db" --out "$work/out"
fi
write_data_ids "$a/cli/isvgraph" "$data" "$db" "$work/ids.txt"
export LOAD_IDS=$work/ids.txt
echo "compare-builds: copying the store twice into $work"
cp -r "$db" "$work/store-0"
cp -r "$db" "$work/store-1"
port=$(free_port)

failures=0
# run_wrk MIX SECONDS: wrk against the port; sets `rps` and counts failed requests.
run_wrk() {
  LOAD_MIX=$1 wrk -t2 -c"$connections" -d"$2"s -s "$here/load/mixed.lua" \
    "http://127.0.0.1:$port" > "$work/wrk.txt"
  failures=$((failures + $(wrk_socket_errors "$work/wrk.txt") + $(wrk_non2xx "$work/wrk.txt")))
  rps=$(wrk_rps "$work/wrk.txt")
}
# measure PID: a lookup run against PID; sets `rps` and `cpu` (µs of its CPU per request).
measure() {
  local before after
  before=$(cpu_ticks "$1"); run_wrk lookup "$seconds"; after=$(cpu_ticks "$1")
  cpu=$(awk -v r="$rps" -v t="$((after - before))" -v s="$seconds" -v hz="$(getconf CLK_TCK)" \
    'BEGIN {printf "%.2f", (r > 0 ? t * 1e6 / hz / (r * s) : 0)}')
}

: > "$work/turns.dat"
for cycle in $(seq 1 "$cycles"); do
  order="A B"; [ $((cycle % 2)) = 0 ] && order="B A"
  for build in $order; do
    dir=$a; [ "$build" = B ] && dir=$b
    flip=0; [ "$build" = B ] && flip=1
    store=$work/store-$(( (cycle + flip) % 2 ))
    "$dir/cli/isvgraph" serve --db "$store" --listen "127.0.0.1:$port" \
      --threads "$server_threads" --quiet > "$work/server.log" 2>&1 &
    pid=$!
    wait_health "$port" "$pid" "$work/server.log"
    wait_site_names "$port"
    if [ "$mixed_seconds" -gt 0 ]; then run_wrk mixed "$mixed_seconds"; fi
    measure "$pid"; server_rps=$rps server_cpu=$cpu
    kill "$pid"; wait "$pid" 2>/dev/null || true
    "$a/bench/bare_http" "127.0.0.1:$port" "$server_threads" > "$work/bare.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/" > /dev/null 2>&1 && break; sleep 0.2; done
    measure "$pid"
    kill "$pid"; wait "$pid" 2>/dev/null || true
    pid=""
    awk -v b="$build" -v c="$cycle" -v s="$(basename "$store")" -v r="$server_rps" -v br="$rps" \
      -v cpu="$server_cpu" -v bcpu="$cpu" -v data="$work/turns.dat" 'BEGIN {
        ratio = br > 0 ? 100 * r / br : 0; cpu_ratio = bcpu > 0 ? cpu / bcpu : 0
        printf "%s cycle %d %s: %.0f req/s, bare %.0f = %.1f %%; CPU per request %.1f us, bare %.1f us (x%.3f)\n",
          b, c, s, r, br, ratio, cpu, bcpu, cpu_ratio
        printf "%s %.3f %.4f\n", b, ratio, cpu_ratio >> data }'
  done
done

median() { sort -g | awk '{v[NR] = $1} END {printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
for build in A B; do
  ratio=$(awk -v b="$build" '$1 == b {print $2}' "$work/turns.dat" | median)
  cpu=$(awk -v b="$build" '$1 == b {print $3}' "$work/turns.dat" | median)
  echo "summary $build: median $ratio % of the bare handler; CPU per request x$cpu the bare handler's"
  declare "ratio_$build=$ratio" "cpu_$build=$cpu"
done
awk -v ra="$ratio_A" -v rb="$ratio_B" -v ca="$cpu_A" -v cb="$cpu_B" 'BEGIN {
  printf "summary B vs A: throughput %+.1f points, CPU per request x%.3f\n", rb - ra, (ca > 0 ? cb / ca : 0) }'
echo "failed requests: $failures"
[ "$failures" -eq 0 ]
