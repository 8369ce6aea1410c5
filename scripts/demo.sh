#!/usr/bin/env bash
# README command 1: install what is needed, build, bring up the embedded 2x2 cluster (real ClickHouse engine + S3
# server), start the coordinator and one agent per node, and run two cluster backups with `clickvault`:
# a full one, then (after inserting rows) an incremental one; then list the catalog and verify the newest run (restore
# into scratch databases, compare every table with what the backup recorded), printing how long backup and verify took.
# Everything this script starts is stopped at the end (pass --keep to leave it running).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
keep=false; [ "${1:-}" = "--keep" ] && keep=true
dir="$root/.embedded"
bin=Release/net10.0
embedded() { dotnet "src/Embedded/bin/$bin/clickvault-embedded.dll" "$@"; }
clickvault() { dotnet "src/Cli/bin/$bin/clickvault.dll" "$@"; }
pids=()

stop_all() {
  $keep && { echo "left running; stop with: kill ${pids[*]:-} && scripts/embedded.sh down"; return; }
  for pid in "${pids[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]:-}"; do [ -n "$pid" ] && while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done; done
  [ -f "$dir/cluster.json" ] && embedded down --dir "$dir" >/dev/null || true
}
trap stop_all EXIT

bash scripts/install-tools.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "== build"
dotnet build ClickVault.Cluster.sln -c Release -nologo -v quiet

echo "== embedded cluster (2 shards x 2 replicas) and demo data (merges of demo.events paused for the demo: its incremental then writes exactly the inserted parts)"
embedded up --dir "$dir"
embedded seed --dir "$dir" --rows 100000 --merges off
settings=$(embedded configs --dir "$dir")
export CLICKVAULT_COORDINATOR_URL=$(echo "$settings" | sed -n 's/^CLICKVAULT_COORDINATOR_URL=//p')
export CLICKVAULT_OPERATOR_TOKEN=$(echo "$settings" | sed -n 's/^CLICKVAULT_OPERATOR_TOKEN=//p')

echo "== coordinator on $CLICKVAULT_COORDINATOR_URL and one agent per node (logs in .embedded/*.log)"
dotnet "src/Coordinator/bin/$bin/clickvault-coordinator.dll" --config "$(echo "$settings" | sed -n 's/^COORDINATOR_CONFIG=//p')" \
  > "$dir/coordinator.log" 2>&1 & pids+=($!)
for line in $(echo "$settings" | grep '^AGENT_CONFIG_'); do
  name=${line%%=*}; name=${name#AGENT_CONFIG_}
  dotnet "src/Agent/bin/$bin/clickvault-agent.dll" --config "${line#*=}" > "$dir/agent-$name.log" 2>&1 & pids+=($!)
done
for _ in $(seq 1 120); do
  connected=$(clickvault agents --json 2>/dev/null | grep -o '"state":"connected"' | wc -l || true)
  [ "$connected" -ge 4 ] && break
  sleep 0.5
done
clickvault agents

echo "== run 1: full backup of every shard (--full: a chain left by an earlier demo run starts anew)"
clickvault backup --full --wait
echo "== inserting more rows (a merge would make a new part that the incremental must carry whole; merges are paused)"
embedded seed --dir "$dir" --rows 20000 --merges off
echo "== run 2: incremental backup of every shard on run 1"
ms() { echo $(( $(date +%s%N) / 1000000 )); }
started=$(ms)
clickvault backup --wait
backup_ms=$(( $(ms) - started ))
echo "== catalog"
clickvault list
echo "== verify the newest run: restore it into scratch databases and compare every table with its sidecar"
started=$(ms)
clickvault verify latest
verify_ms=$(( $(ms) - started ))
echo "run 2 (incremental backup --wait) took ${backup_ms} ms; verify latest took ${verify_ms} ms"
