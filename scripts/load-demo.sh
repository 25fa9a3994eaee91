#!/bin/sh
# Loads examples/demo into a new store and makes one viewer token per organisation, so that
# `make demo` serves something to look at. Usage: scripts/load-demo.sh ISVGRAPH DB TOKENS_FILE
set -eu
isvgraph=$1 db=$2 tokens=$3
demo=$(dirname "$0")/../examples/demo
if [ -f "$db/CURRENT" ]; then
  echo "demo: $db exists; not loading again (remove it to start over)"
  exit 0
fi
"$isvgraph" import --db "$db" --kind sites "$demo/sites.csv" | tail -n 1
orgs="rws utrecht bzk umc-north umc-south"
for org in $orgs; do
  "$isvgraph" import --db "$db" --org "$org" --kind links "$demo/links-$org.csv" | tail -n 1
  "$isvgraph" import --db "$db" --org "$org" --kind contracts "$demo/contracts-$org.csv" | tail -n 1
done
"$isvgraph" group join --db "$db" --org rws --group public-buyers-nl
"$isvgraph" group join --db "$db" --org utrecht --group public-buyers-nl
for org in umc-north umc-south utrecht; do
  "$isvgraph" group join --db "$db" --org "$org" --group zorginkoop-nl
done
"$isvgraph" org set --db "$db" --org utrecht --authority sub_central >/dev/null
"$isvgraph" org set --db "$db" --org umc-south --clause-level advanced >/dev/null
"$isvgraph" audits record --db "$db" --org umc-north "$demo/audit-my-glove.json" >/dev/null
"$isvgraph" audits record --db "$db" --org umc-south "$demo/audit-pk-instr.json" >/dev/null
echo "demo: 2 audits recorded for audit group zorginkoop-nl"
: > "$tokens"
for org in $orgs; do
  printf '%s %s\n' "$org" "$("$isvgraph" token create --db "$db" --org "$org" --role viewer)" >> "$tokens"
done
echo "demo: loaded; viewer tokens in $tokens (local use only)"
