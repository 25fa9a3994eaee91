#!/usr/bin/env bash
# The one place that names the system packages isvgraph needs to build, test and demo on
# Debian 12 (bookworm). Installs only what is missing; cheap when nothing is. Uses sudo when
# not run as root. Called by every Makefile target that builds.
set -euo pipefail

PACKAGES=(
  # toolchain
  cmake ninja-build g++ pkg-config ccache clang-format
  # libraries (docs/development.md, "Library notes")
  libboost-graph-dev librocksdb-dev libssl-dev
  libgdal-dev gdal-bin libzip-dev libicu-dev
  # data: ISO 3166-2 regions (riskdata's CAHRA rule for sites without a region)
  iso-codes
  nlohmann-json3-dev libcli11-dev libspdlog-dev
  # the PostgreSQL chain store (libpq), and the server its tests start in a temporary directory
  # (initdb and pg_ctl of postgresql-15; the package's own cluster is kept from starting)
  libpq-dev postgresql-15
  # the message catalogue's check (msgfmt --check on i18n/po/nl.po; docs/translation.md)
  gettext
  # tests and benchmarks (python3 runs the benchmark generator and checker of make bench)
  libgtest-dev libgmock-dev libbenchmark-dev curl jq python3
  # the load test (scripts/load-test.sh; its quick run is part of make test)
  wrk
  # fuzzing (make fuzz, and the smoke in make test): clang with libFuzzer and the sanitizers' runtime
  clang-14 libclang-rt-14-dev
  # browser tests of the web UI (driven by playwright-core from npm)
  chromium chromium-driver
  # the reverse-proxy configuration's test (deploy/nginx; the test starts its own nginx)
  nginx-light
  # the service unit's check (systemd-analyze verify) and make package (dpkg-shlibdeps)
  systemd dpkg-dev
  # promtool checks the /metrics exposition in the metrics test (the package's daemon is not
  # started by it: no test needs a Prometheus server)
  prometheus
)
# Node.js and npm install the web UI's test tools (web/package.json). A machine that has them
# from elsewhere (NodeSource) keeps its own; Debian's come in only when there are none.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  PACKAGES+=(nodejs npm)
fi

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null; then
  SUDO=(sudo)
else
  echo "bootstrap: missing packages (${missing[*]}) and not root; install them or run as root" >&2
  exit 1
fi

echo "bootstrap: installing ${#missing[@]} missing package(s): ${missing[*]}"
# Debian starts a package's service on installation: nginx would listen on port 80 of every
# interface, PostgreSQL on 5432. Tests start their own of both on loopback, so keep the system
# ones from starting (policy-rc.d answers "not now") unless the machine has a policy of its own.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee /usr/sbin/policy-rc.d >/dev/null
  "${SUDO[@]}" chmod 755 /usr/sbin/policy-rc.d
  trap '"${SUDO[@]}" rm -f /usr/sbin/policy-rc.d' EXIT
fi
"${SUDO[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends \
  "${missing[@]}"
