#!/usr/bin/env bash
# Installs the real components the embedded cluster runs on into the git-ignored .tools/ folder:
#   - ClickHouse 26.5 as a library (libchdb.so) from the npm package @chdb/lib-linux-x64-gnu
#   - the S3 server s3rver
# Idempotent: does nothing when the pinned versions are already present.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
CHDB_VERSION="26.5.3"
S3RVER_VERSION="3.7.1"

have_version() { # package dir, version
  [ -f "$1/package.json" ] && grep -q "\"version\": *\"$2\"" "$1/package.json"
}

if have_version "$tools/node_modules/@chdb/lib-linux-x64-gnu" "$CHDB_VERSION" \
   && have_version "$tools/node_modules/s3rver" "$S3RVER_VERSION" \
   && [ -f "$tools/node_modules/@chdb/lib-linux-x64-gnu/libchdb.so" ]; then
  echo "tools: chdb $CHDB_VERSION and s3rver $S3RVER_VERSION present in .tools/"
  exit 0
fi

command -v npm >/dev/null || { echo "tools: npm is required (apt-get install -y nodejs npm)" >&2; exit 1; }
mkdir -p "$tools"
[ -f "$tools/package.json" ] || echo '{ "name": "clickvault-cluster-tools", "private": true }' > "$tools/package.json"
echo "tools: installing @chdb/lib-linux-x64-gnu@$CHDB_VERSION and s3rver@$S3RVER_VERSION into .tools/ ..."
npm install --prefix "$tools" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
  "@chdb/lib-linux-x64-gnu@$CHDB_VERSION" "s3rver@$S3RVER_VERSION"
[ -f "$tools/node_modules/@chdb/lib-linux-x64-gnu/libchdb.so" ] || { echo "tools: libchdb.so missing after install" >&2; exit 1; }
echo "tools: done"
