#!/usr/bin/env bash
# README command 2: install what the tests need, build with warnings as errors, run every test on the
# real components (embedded ClickHouse on libchdb.so, s3rver, AWSSDK), print "N passed, N failed, N skipped".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
results="$root/.test-results"

cleanup() {
  # Stop every node / S3 server a test host started (also those a crashed host left behind).
  pkill -TERM -f "$results/" 2>/dev/null || true
  sleep 1
  pkill -KILL -f "$results/" 2>/dev/null || true
}
trap cleanup EXIT

bash scripts/install-tools.sh || exit 1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build ClickVault.Cluster.sln -c Release -warnaserror -nologo -v quiet || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }

rm -rf "$results/trx"
dotnet test ClickVault.Cluster.sln -c Release --no-build --nologo -m:1 \
  --logger "trx" --results-directory "$results/trx" -- RunConfiguration.TreatNoTestsAsError=false
status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/trx/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(get total); p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); a=$(get aborted)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${total:-0} - ${p:-0} - ${f:-0} - ${e:-0} - ${t:-0} - ${a:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a test host that crashed leaves no counters
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
