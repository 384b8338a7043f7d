#!/usr/bin/env bash
# README command 1: install, build, create data/renkei.db with the demo dataset (first
# run only) and serve the platform on http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
bin=build/release/src/app/renkei
(cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
mkdir -p data
if [ ! -f data/renkei.db ]; then
  # One generated password for every demo account, kept beside the database (mode 600)
  # so that later runs can show it again.
  password="${RENKEI_DEMO_PASSWORD:-demo-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 12)}"
  (umask 077 && printf '%s\n' "$password" > data/demo-password.txt)
  loaded=$("$bin" demo-data --db sqlite:data/renkei.db --password "$password")
  echo "${loaded%%$'\n'*}"  # the summary line; the accounts follow below
fi
echo
echo "Demo accounts (password: $(cat data/demo-password.txt 2>/dev/null || echo 'see first run')):"
"$bin" demo-data accounts
echo
exec "$bin" serve --db sqlite:data/renkei.db --listen "${RENKEI_LISTEN:-127.0.0.1:8080}" --web-root web/dist
