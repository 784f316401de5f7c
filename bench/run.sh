#!/usr/bin/env bash
# Runs one of Mosaic's benchmarks (they print their figures; they are not tests):
#   ./bench/run.sh ConfigFetchBenchmark [seconds-per-phase] [connections]
#   ./bench/run.sh NotificationBenchmark [subscribers] [model-rounds] [key-rounds]
#   ./bench/run.sh ChatProxyBenchmark [requests] [concurrent-streams]
# Needs wrk for the fetch benchmark (installed with apt-get when missing). Uses TEST_DATABASE_URL or an
# embedded PostgreSQL, like the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
benchmark=${1:?name a benchmark: ConfigFetchBenchmark, NotificationBenchmark or ChatProxyBenchmark}
shift
if ! command -v wrk >/dev/null 2>&1; then
  apt-get update -q && apt-get install -y -q wrk
fi
# In the reactor, never `install`: the local repository may be shared; sibling modules resolve to their target/
./mvnw -B -q -DskipTests package dependency:build-classpath -pl server -am \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -Xmx2g -cp "server/target/test-classes:server/target/classes:$(cat server/target/bench-classpath.txt)" \
  "dev.mosaic.bench.$benchmark" "$@"
