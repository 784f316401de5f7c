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
./mvnw -B -q -DskipTests install -pl server -am
classpath_file=$(mktemp)
./mvnw -B -q dependency:build-classpath -pl server -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test
exec java -Xmx2g -cp "server/target/test-classes:server/target/classes:$(cat "$classpath_file")" \
  "dev.mosaic.bench.$benchmark" "$@"
