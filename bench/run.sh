#!/usr/bin/env bash
# Runs one of Mosaic's benchmarks (they print their figures; they are not tests):
#   ./bench/run.sh ConfigFetchBenchmark [seconds-per-phase] [connections]
#   ./bench/run.sh ChatProxyBenchmark [requests] [concurrent-streams]
#   ./bench/run.sh FleetBenchmark [sizes=1000,5000,10000] [model-rounds] [key-rounds] [replay-events]
#   ./bench/run.sh FleetFileBenchmark [agents=1000] [providers=50] [rounds=5]
# BENCH_JVM_OPTS adds options to the benchmark's own JVM (e.g. a JFR recording); MOSAIC_JAVA_OPTS to the Mosaic process.
# Needs wrk for the fetch benchmark (installed with apt-get when missing). Uses TEST_DATABASE_URL or an
# embedded PostgreSQL, like the tests. Builds in the reactor (never `mvn install`: ~/.m2 may be shared).
set -euo pipefail
cd "$(dirname "$0")/.."
benchmark=${1:?name a benchmark: ConfigFetchBenchmark, ChatProxyBenchmark, FleetBenchmark, FleetFileBenchmark or HistoryBenchmark}
shift
if [ "$benchmark" = ConfigFetchBenchmark ] && ! command -v wrk >/dev/null 2>&1; then
  apt-get update -q && apt-get install -y -q wrk
fi
skip_ui=()
if [ -d web-ui/target ]; then skip_ui=(-Dexec.skip=true); fi
classpath_file=$(mktemp)
# one reactor build: the sibling modules resolve to their freshly built jars, never to ~/.m2
./mvnw -B -q -DskipTests "${skip_ui[@]}" package dependency:build-classpath -pl server -am \
  -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test
exec java -Xmx2g ${BENCH_JVM_OPTS:-} -cp "server/target/test-classes:server/target/classes:$(cat "$classpath_file")" \
  "dev.mosaic.bench.$benchmark" "$@"
