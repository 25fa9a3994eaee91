#!/usr/bin/env bash
# The REST answers of one build to a fixed list of requests (scripts/api-snapshot/requests.tsv),
# recorded so that two builds can be compared byte for byte: the check that a change which
# should change no behaviour (a refactoring) changed none.
#
#   scripts/api-snapshot.sh --bin build/release/cli/isvgraph --out /tmp/snap-new
#   scripts/api-snapshot.sh --a OLD_BINARY --b NEW_BINARY          # both, then the comparison
#
# Each run loads the demo into a fresh store (isvgraph demo), stops it, creates one token per
# organisation and role the list names, serves the store on a free loopback port and sends the
# requests in order. Per request it records the status, the content type, the headers a client
# acts on (Location, Allow, Content-Disposition) and the body (JSON through the line's jq filter
# when it has one). Answers depend on the day (alerts, audit validity): compare runs of one day.
set -euo pipefail
cd "$(dirname "$0")/.."
tool=api-snapshot
source scripts/load/common.sh

requests=scripts/api-snapshot/requests.tsv
bin= out= bin_a= bin_b=
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --a) bin_a=$2; shift 2 ;;
    --b) bin_b=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    *) echo "$tool: unknown argument $1 (see the comment at the top)" >&2; exit 2 ;;
  esac
done

# snapshot BINARY OUT: records every answer of BINARY into OUT (one file per request).
snapshot() {
  local binary=$1 dir=$2 work port pid
  work=$(mktemp -d /tmp/isvgraph-snapshot-XXXXXX)
  rm -rf "$dir" && mkdir -p "$dir"
  port=$(free_port)
  # The demo loads its data, prints its tokens and serves; once it answers, it is stopped and
  # the store is reopened with the tokens this list needs.
  "$binary" demo --fresh --db "$work/db" --listen "127.0.0.1:$port" --quiet >"$work/demo.out" 2>"$work/demo.log" &
  pid=$!
  wait_health "$port" "$pid" "$work/demo.log"
  kill -TERM "$pid"; wait "$pid" || true
  declare -A tokens=()
  local who
  for who in $(grep -v '^#' "$requests" | cut -f3 | grep ':' | sort -u); do
    tokens[$who]=$("$binary" token create --db "$work/db" --org "${who%%:*}" --role "${who##*:}" 2>/dev/null)
  done
  "$binary" serve --db "$work/db" --listen "127.0.0.1:$port" --quiet 2>"$work/serve.log" &
  pid=$!
  wait_health "$port" "$pid" "$work/serve.log"
  local name method path body filter auth n=0
  while IFS=$'\t' read -r name method who path body filter; do
    [ -z "$name" ] || [ "${name:0:1}" = "#" ] && continue
    n=$((n + 1))
    auth=()
    case "$who" in
      -) ;;
      bad) auth=(-H "Authorization: Bearer isv_not_a_token") ;;
      *) auth=(-H "Authorization: Bearer ${tokens[$who]}") ;;
    esac
    local data=()
    if [ "$body" != "-" ]; then
      printf '%b' "$body" >"$work/body"
      data=(--data-binary "@$work/body" -H "Content-Type: application/json")
    fi
    curl -s -o "$work/answer" -D "$work/headers" -X "$method" "${auth[@]}" "${data[@]}" \
      "http://127.0.0.1:$port$path"
    {
      echo "$method $path"
      grep -i -E '^(HTTP/|content-type:|location:|allow:|content-disposition:)' "$work/headers" | tr -d '\r'
      echo
      if [ -n "${filter:-}" ] && jq -e . "$work/answer" >/dev/null 2>&1; then
        jq -S "$filter" "$work/answer"
      elif grep -qiE '^content-type: (image/png|application/vnd|application/geopackage)' "$work/headers"; then
        echo "binary, sha256 $(sha256sum <"$work/answer" | cut -d' ' -f1), $(wc -c <"$work/answer") bytes"
      else
        cat "$work/answer"
      fi
    } >"$dir/$(printf '%03d' "$n")-$name.txt"
  done < "$requests"
  kill -TERM "$pid"; wait "$pid" || true
  rm -rf "$work"
  echo "$tool: $n answers of $binary in $dir"
}

if [ -n "$bin_a" ] || [ -n "$bin_b" ]; then
  [ -n "$bin_a" ] && [ -n "$bin_b" ] || { echo "$tool: --a and --b go together" >&2; exit 2; }
  base=$(mktemp -d /tmp/isvgraph-compare-XXXXXX)
  snapshot "$bin_a" "$base/a"
  snapshot "$bin_b" "$base/b"
  total=$(ls "$base/a" | wc -l)
  if diff -r "$base/a" "$base/b" >"$base/diff"; then
    echo "$tool: all $total answers are byte-identical"
    rm -rf "$base"
  else
    differing=$(grep -c '^diff ' "$base/diff" || true)
    echo "$tool: $differing of $total answers differ; the diff is in $base/diff" >&2
    exit 1
  fi
elif [ -n "$bin" ] && [ -n "$out" ]; then
  snapshot "$bin" "$out"
else
  echo "usage: $0 --bin BINARY --out DIR | --a BINARY --b BINARY" >&2; exit 2
fi
