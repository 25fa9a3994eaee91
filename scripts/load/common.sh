# Helpers of scripts/load-test.sh and scripts/compare-builds.sh (sourced, not run). Everything
# listens on 127.0.0.1. The caller sets `tool` (its name, for messages).

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_health PORT PID LOG: until /v1/health answers; exits with the server's log if it died.
wait_health() {
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$1/v1/health" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { echo "$tool: the server exited; its log:" >&2; cat "$3" >&2; exit 1; }
    sleep 0.5
  done
  echo "$tool: the server did not answer within 300 s" >&2; exit 1
}

# wait_site_names PORT: until the server has read every country's site names (the steady state;
# a match would otherwise wait for a large country's names).
wait_site_names() {
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$1/v1/health" | grep -q '"site_names_ready":true' && return 0
    sleep 0.5
  done
}

rss_mb() { awk '/^VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }

# cpu_ticks PID: user + system time of the process so far, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# write_data_ids ISVGRAPH DATA DB IDS: the ids file of mixed.lua for generator output DATA
# loaded into DB: 5000 sites, the contracts of the buyer with the most of them, countries, and
# a new buyer token of that buyer (written into DB, so DB must not be served meanwhile).
write_data_ids() {
  local buyer token
  # The buyer with the most contracts signs in; its contracts are the chains asked for.
  buyer=$(tail -n +2 "$2/contracts.csv" | cut -d, -f2 | sort | uniq -c | sort -rn | awk 'NR==1 {print $2}')
  token=$("$1" token create --db "$3" --org "$buyer" --role buyer)
  { tail -n +2 "$2/sites.csv" | cut -d, -f1 | shuf -n 5000 --random-source=<(yes) | sed 's/^/site /'
    tail -n +2 "$2/contracts.csv" | awk -F, -v b="$buyer" '$2 == b {print "contract " $1}'
    for c in NL DE BD IN CN PK MY VN TR BR; do echo "country $c"; done
    echo "token $token"
  } > "$4"
}

# What a wrk output file FILE says: requests per second, socket errors (connect, read, write
# and timeout together) and answers other than 2xx; 0 where wrk printed no such line.
wrk_rps() { awk '/^Requests\/sec/ {print $2}' "$1"; }
wrk_socket_errors() {
  awk '/Socket errors/ {gsub(",", ""); s=0; for (i=1;i<=NF;i++) if ($i ~ /^[0-9]+$/) s+=$i; print s}' "$1" | grep . || echo 0
}
wrk_non2xx() { awk '/Non-2xx/ {print $NF}' "$1" | grep . || echo 0; }
