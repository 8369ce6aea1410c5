#!/usr/bin/env bash
# README command 1: install what is needed, build, bring up the embedded 2x2 cluster (real ClickHouse
# engine + S3 server), back up every shard with native BACKUP and restore each one on its other replica.
# Pass --keep true to leave the cluster running (stop it with: scripts/embedded.sh down).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/install-tools.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build tests/Embedded/ClickVault.Cluster.Embedded.csproj -c Release -nologo -v quiet
dotnet tests/Embedded/bin/Release/net10.0/clickvault-embedded.dll demo --dir "$root/.embedded" "$@"
