#!/usr/bin/env bash
# Config fetch against ../shared/bench's plain Spring MVC ceiling, in one run: a copy of the built jar in development
# mode (embedded PostgreSQL in a temporary folder) with one agent "main", measured as EXTRA targets of the shared
# run.sh. Build first: ./mvnw -B -DskipTests package. SKIP_SCC=0 adds Spring Cloud Config (needs Debian's postgresql).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_BENCH:-$repo/../shared/bench}
port=${MOSAIC_PORT:-18480}
dir=$(mktemp -d /tmp/mosaic-fetch-XXXX)
cp "$repo/server/target/mosaic.jar" "$dir/mosaic.jar"
cd "$dir"
java -jar mosaic.jar --server.port="$port" --server.address=127.0.0.1 > server.log 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  if grep -q "Setup code:" server.log && curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null; then break; fi
  sleep 1
done
code=$(grep -o "Setup code: [A-Z0-9-]*" server.log | tail -1 | cut -d' ' -f3)
B=http://127.0.0.1:$port
C=$dir/cookies
X() { awk '$6=="XSRF-TOKEN"{print $7}' "$C"; }
post() { curl -s -c "$C" -b "$C" -H "X-XSRF-TOKEN: $(X)" -H 'Content-Type: application/json' "$B$1" -d "$2"; }
json() { python3 -c "import sys,json;print(json.load(sys.stdin)['$1'])"; }
curl -s -c "$C" -b "$C" "$B/api/onboarding/status" >/dev/null
post /api/onboarding/breakglass "{\"username\":\"admin\",\"password\":\"a-long-password-1\",\"setupCode\":\"$code\"}" >/dev/null
provider=$(post /api/providers '{"name":"openai","displayName":"OpenAI","type":"openai","apiKey":"sk-bench","models":[{"id":"gpt-4o","name":"GPT-4o"}]}' | json id)
token=$(post /api/agents "{\"name\":\"main\",\"displayName\":\"Main\",\"gatewayUrl\":\"http://main:18789\",\"providerId\":\"$provider\",\"primaryModel\":\"gpt-4o\"}" | json token)
url=$B/api/internal/agent-config/main
skip_scc=${SKIP_SCC:-1}; [ "$skip_scc" = 0 ] && skip_scc=  # the shared run.sh skips Spring Cloud Config when SKIP_SCC is set at all
SKIP_SCC=$skip_scc CEILING_PORT=${CEILING_PORT:-18181} \
  EXTRA_NAME=mosaic200 EXTRA_URL=$url EXTRA_HEADERS="Authorization: Bearer $token" \
  EXTRA2_NAME=mosaic304 EXTRA2_URL=$url EXTRA2_HEADERS="Authorization: Bearer $token;;If-None-Match: {ETAG}" \
  "$shared/run.sh"
