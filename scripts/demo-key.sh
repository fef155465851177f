#!/usr/bin/env bash
# Generate (once) the API key that `make demo` serves with; print it.
set -euo pipefail
dir="${DEKG_DATA_DIR:?}"
mkdir -p "$dir"
key_file="$dir/api-key"
if [[ ! -s "$key_file" ]]; then
  (umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(24))' > "$key_file")
fi
echo "API key for write endpoints (X-API-Key): $(cat "$key_file")  [stored in $key_file]"
