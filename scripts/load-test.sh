#!/usr/bin/env bash
# The load test of issue 10: wrk against one isvgraph server on loopback, then the same small
# lookups against the bare HTTP layer (bench/bare_http: one fixed answer) for the floor.
#
#   scripts/load-test.sh --data DIR   generator output (../shared/bench/gen_chains.py); the store
#                                     is loaded once with `isvgraph bench --load-only`
#   scripts/load-test.sh --data demo  the demo (examples/demo), for the quick run of make test
#
# Options: --bin DIR (isvgraph and bare_http; default build/release), --db DIR (default
# build/load/db-<data name>), --seconds N (each mixed run, default 60), --mixed-runs N (default
# 3), --lookup-seconds N (each lookup run, default 15), --lookup-rounds N (lookup runs on each,
# default 5), --connections N (default 32), --server-threads N (default 4).
#
# It runs: the mixed workload --mixed-runs times (memory after each, split into the store's
# caches and write buffers, which fill up to their limits, and the rest, which must not grow),
# then site lookups on isvgraph and on the bare handler, alternately, --lookup-rounds times each.
# The summary gives two readings of the lookups, since the machine is shared and wrk runs on the
# same cores: the best run of each (noise only ever slows a run down), and the median of the
# ratios of neighbouring runs (each isvgraph run with the bare run after it). It prints what wrk
# measured and the summary; exit status 1 when any request failed (socket errors or non-2xx).
# Everything listens on 127.0.0.1 and stops by itself.
set -euo pipefail

bin=build/release data="" db="" seconds=60 lookup_seconds=15 connections=32 server_threads=4
mixed_runs=3 lookup_rounds=5
while [ $# -gt 0 ]; do
  case $1 in
    --bin) bin=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --db) db=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --mixed-runs) mixed_runs=$2; shift 2 ;;
    --lookup-seconds) lookup_seconds=$2; shift 2 ;;
    --lookup-rounds) lookup_rounds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --server-threads) server_threads=$2; shift 2 ;;
    *) echo "load-test: unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
[ -n "$data" ] || { echo "load-test: --data DIR|demo is required" >&2; exit 2; }
for count in "$mixed_runs" "$lookup_rounds"; do
  [[ $count =~ ^[1-9][0-9]*$ ]] || { echo "load-test: --mixed-runs and --lookup-rounds take a count of at least 1" >&2; exit 2; }
done
isvgraph=$bin/cli/isvgraph bare=$bin/bench/bare_http
for tool in "$isvgraph" "$bare"; do
  [ -x "$tool" ] || { echo "load-test: $tool not built (make release)" >&2; exit 2; }
done
command -v wrk >/dev/null || { echo "load-test: wrk missing (scripts/bootstrap.sh installs it)" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
server_pid="" bare_pid=""
cleanup() {
  for pid in $server_pid $bare_pid; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

tool=load-test
. "$here/load/common.sh"

port=$(free_port)
ids=$work/ids.txt
if [ "$data" = demo ]; then
  db=${db:-$work/db}
  "$isvgraph" demo --fresh --db "$db" --listen "127.0.0.1:$port" --quiet \
    > "$work/server.log" 2>&1 &
  server_pid=$!
  wait_health "$port" "$server_pid" "$work/server.log"
  token=$(awk '/^Admin token/ {print $NF}' "$work/server.log")
  demo=$(cd "$here/../examples/demo" && pwd)
  { tail -n +2 "$demo/sites.csv" | cut -d, -f1 | sed 's/^/site /'
    tail -n +2 "$demo/contracts-umc-north.csv" | cut -d, -f1 | sed 's/^/contract /'
    for c in NL DE BD IN CN PK MY VN TR BR; do echo "country $c"; done
    echo "token $token"
  } > "$ids"
else
  name=$(basename "$data")
  db=${db:-build/load/db-$name}
  if [ ! -d "$db" ]; then
    echo "load-test: loading $data into $db"
    mkdir -p "$(dirname "$db")"
    "$isvgraph" bench --load-only --data "$data" --db "$db" --out "$work/out"
  fi
  write_data_ids "$isvgraph" "$data" "$db" "$ids"
  token=$(awk '$1 == "token" {print $2}' "$ids")
  "$isvgraph" serve --db "$db" --listen "127.0.0.1:$port" --threads "$server_threads" --quiet \
    > "$work/server.log" 2>&1 &
  server_pid=$!
  wait_health "$port" "$server_pid" "$work/server.log"
fi
[ -n "$token" ] || { echo "load-test: no token" >&2; exit 1; }
export LOAD_IDS=$ids

failures=0
run_wrk() {  # LABEL PORT SECONDS MIX
  local out=$work/wrk-$1.txt
  LOAD_MIX=$4 wrk -t2 -c"$connections" -d"$3"s --latency -s "$here/load/mixed.lua" \
    "http://127.0.0.1:$2" > "$out"
  local rps p50 p99 errors non2xx
  rps=$(wrk_rps "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out"); p99=$(awk '$1 == "99%" {print $2}' "$out")
  errors=$(wrk_socket_errors "$out") non2xx=$(wrk_non2xx "$out")
  failures=$((failures + errors + non2xx))
  printf '%-22s %10s req/s   p50 %8s   p99 %8s   socket errors %s   non-2xx %s\n' \
    "$1" "$rps" "$p50" "$p99" "$errors" "$non2xx"
  echo "$rps" > "$work/rps-$1"
}

# 50 sites of the load test's own, which the writes replace back and forth.
for n in $(seq 1 50); do
  curl -sf -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Load test site $n (fictional)\",\"country\":\"BD\",\"sector\":\"manufacture_of_textiles\",\"role\":\"factory\"}" \
    "http://127.0.0.1:$port/v1/sites/LOADTEST-$n" > /dev/null
done

# Measure the steady state: the server reads every country's site names in the background
# after start (a match would otherwise wait 1-2 s for a large country); wait for that first.
ready_start=$(date +%s.%N)
wait_site_names "$port"
echo "load-test: site names of every country in memory $(awk -v a="$ready_start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s after the health check answered"

echo "load-test: $(grep -c '^site ' "$ids") site ids, $(grep -c '^contract ' "$ids") contracts; wrk -t2 -c$connections; server threads $server_threads"
# The server's resident memory, split into what the store's caches and write buffers hold (they
# fill up to their configured sizes; /v1/health reports them) and the rest, which must not grow
# from one run to the next.
rss_trail="" rest_trail=""
memory_line() {  # LABEL
  local rss health line
  rss=$(rss_mb "$server_pid")
  health=$(curl -sf "http://127.0.0.1:$port/v1/health")
  line=$(python3 -c '
import json, sys
label, rss, health = sys.argv[1], float(sys.argv[2]), json.loads(sys.argv[3])
m, heap = health["store"]["memory"], health["heap"]
mb = lambda key: m[key] / 1048576
store = sum(mb(k) for k in ("block_cache_bytes", "row_cache_bytes", "memtable_bytes",
                            "table_reader_bytes", "site_cache_bytes"))
print("%.1f %.1f server memory %s: RSS %.1f MB = store caches and write buffers %.1f (block cache "
      "%.1f of %.0f, row cache %.1f, memtables %.1f, table readers %.1f, site cache %.1f, %d sites)"
      " + the rest %.1f MB; C heap in use %.1f MB, freed but held %.1f MB"
      % (rss, rss - store, label, rss, store, mb("block_cache_bytes"),
         mb("block_cache_capacity_bytes"), mb("row_cache_bytes"), mb("memtable_bytes"),
         mb("table_reader_bytes"), mb("site_cache_bytes"), m["site_cache_entries"], rss - store,
         heap["in_use_bytes"] / 1048576, heap["free_held_bytes"] / 1048576))
' "$1" "$rss" "$health")
  rss_trail="$rss_trail${rss_trail:+ -> }${line%% *}"
  line=${line#* }
  rest_trail="$rest_trail${rest_trail:+ -> }${line%% *}"
  echo "${line#* }"
}
memory_line before
mixed_rps=""
for run in $(seq 1 "$mixed_runs"); do
  run_wrk "mixed-$run" "$port" "$seconds" mixed
  mixed_rps="$mixed_rps${mixed_rps:+ / }$(cat "$work/rps-mixed-$run")"
  memory_line "after run $run"
done

bare_port=$(free_port)
"$bare" "127.0.0.1:$bare_port" "$server_threads" > "$work/bare.log" 2>&1 &
bare_pid=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$bare_port/" >/dev/null 2>&1 && break; sleep 0.2; done
pair_ratios=""
for round in $(seq 1 "$lookup_rounds"); do
  run_wrk "isvgraph-lookup-$round" "$port" "$lookup_seconds" lookup
  run_wrk "bare-lookup-$round" "$bare_port" "$lookup_seconds" lookup
  pair_ratios="$pair_ratios $(awk -v a="$(cat "$work/rps-isvgraph-lookup-$round")" \
    -v b="$(cat "$work/rps-bare-lookup-$round")" 'BEGIN {printf "%.1f", (b > 0 ? 100 * a / b : 0)}')"
done
best() { sort -g "$work"/rps-"$1"-* | tail -1; }
ours=$(best isvgraph-lookup) floor=$(best bare-lookup)
pair_median=$(printf '%s\n' $pair_ratios | sort -g | awk '{v[NR] = $1} END {
  printf "%.1f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}')
echo "summary: mixed $mixed_rps req/s; RSS $rss_trail MB, of which not the store's" \
  "caches and write buffers $rest_trail MB; small lookups, best runs: $ours vs bare $floor" \
  "req/s = $(awk -v a="$ours" -v b="$floor" 'BEGIN {printf "%.0f", (b > 0 ? 100 * a / b : 0)}') %;" \
  "run by run:$(printf ' %s' $pair_ratios | sed 's/ /, /g; s/^, / /') %, median $pair_median %;" \
  "failed requests: $failures"
[ "$failures" -eq 0 ]
