#!/usr/bin/env bash
# Writes the OpenAPI document generated from the route table to web/src/api/openapi.json,
# the copy the web app's types are generated from (web: npm run gen-types). A unit test
# (OpenApi.TheWebCopyIsCurrent) fails while the copy is out of date.
#   scripts/gen-openapi.sh [path/to/renkei]
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-build/release/src/app/renkei}"
"$bin" openapi > web/src/api/openapi.json
