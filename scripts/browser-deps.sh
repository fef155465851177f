#!/usr/bin/env bash
# Headless Chromium for the viewer's browser test, from Debian's packages.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian chromium + chromium-driver for the browser test" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
else
  echo "chromium not found and cannot install it (needs root + apt-get): the browser test will" \
       "skip outside CI; install chromium and chromium-driver to run it" >&2
fi
