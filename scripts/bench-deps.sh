#!/usr/bin/env bash
# The API benchmark's load generator: wrk (C, event-driven: a few % of one core for
# thousands of requests a second), from Debian's packages. Without it the benchmark stops:
# a Python client would compete with the service for the same cores and report its own
# slowness as the service's.
set -euo pipefail
if command -v wrk >/dev/null 2>&1; then
  exit 0
fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian wrk for the API benchmark" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
if ! command -v wrk >/dev/null 2>&1; then
  echo "wrk is not installed and cannot be installed here (needs root + apt-get):" \
       "install it (Debian/Ubuntu: apt-get install wrk; macOS: brew install wrk) and run" \
       "make bench again" >&2
  exit 1
fi
