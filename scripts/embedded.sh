#!/usr/bin/env bash
# The embedded cluster by hand: scripts/embedded.sh up|down|status [--shards N --replicas N --dir D]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/install-tools.sh >/dev/null
dll=src/Embedded/bin/Release/net10.0/clickvault-embedded.dll
[ -f "$dll" ] || dotnet build src/Embedded/ClickVault.Cluster.Embedded.csproj -c Release -nologo -v quiet
verb="${1:?usage: scripts/embedded.sh up|down|status [options]}"; shift
case " $* " in *" --dir "*) exec dotnet "$dll" "$verb" "$@";; esac
exec dotnet "$dll" "$verb" --dir "$root/.embedded" "$@"
