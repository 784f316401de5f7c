#!/bin/sh
# Mosaic agent entrypoint for an OpenClaw gateway container (POSIX sh + curl).
#
# 1. Fetches this agent's openclaw.json (and SOUL.md) from Mosaic, retrying with exponential backoff until
#    Mosaic answers with a config that `openclaw config validate` accepts, and writes them atomically (temp file +
#    mv in the same folder).
# 2. Starts `openclaw gateway run --bind $OPENCLAW_BIND --auth token` in the background and reports the version
#    with POST .../applied once the gateway's /readyz answers.
# 3. Follows Mosaic's change stream (SSE). On a new version it refetches with If-None-Match and applies it safely:
#    a. `openclaw config validate --json` on the new file, before anything changes (≈ 1-2 s);
#    b. swaps it in atomically (the gateway hot-reloads it in ≈ 1 s; a change of gateway.port or gateway.bind
#       restarts the gateway process instead, since hot reload does not rebind);
#    c. waits until the gateway runs it and is ready: for a hot reload, until the gateway has promoted exactly this
#       file to openclaw.json.last-good (it does so only for a config it applied; an invalid one it skips and keeps
#       running the last good one) and /readyz answers 2xx, within $MOSAIC_APPLY_TIMEOUT seconds; for a restart,
#       until the new process answers /readyz on its port, within $MOSAIC_RESTART_TIMEOUT seconds;
#    d. reports POST .../applied {version}; or, when a step fails, puts the previous file back (restarting the
#       gateway on it when needed) and reports {version, status: "failed", error: "<short reason>"}. A refused
#       version is not tried again; the next version is (a revert or a new change gives a new version).
#    While the stream is down it polls every $MOSAIC_POLL_INTERVAL seconds.
# 4. Forwards SIGTERM/SIGINT to the gateway and exits with the gateway's status.
#
# Environment
#   MOSAIC_API_URL        Mosaic's base URL, e.g. http://mosaic:8080                          (required)
#   AGENT_NAME            this agent's name in Mosaic                                         (required)
#   AGENT_TOKEN           this agent's token, or AGENT_TOKEN_FILE naming a file holding it (Docker secrets)
#   OPENCLAW_BIND         gateway bind mode: lan (default; containers) or loopback (tests)
#   OPENCLAW_STATE_DIR    OpenClaw's state folder (default $HOME/.openclaw)
#   OPENCLAW_CONFIG_PATH  where openclaw.json is written (default $OPENCLAW_STATE_DIR/openclaw.json)
#   OPENCLAW_WORKSPACE_DIR  where SOUL.md is written (default $OPENCLAW_STATE_DIR/workspace)
#   OPENCLAW_BIN          the openclaw executable (default: openclaw on PATH)
#   MOSAIC_POLL_INTERVAL  seconds between polls while the change stream is down (default 30)
#   MOSAIC_RETRY_MAX      longest wait between start-up fetch attempts, seconds (default 30)
#   MOSAIC_CONNECT_TIMEOUT  curl connect timeout, seconds (default 5)
#   MOSAIC_STREAM_IDLE_TIMEOUT  a change stream silent this long (no event, no heartbeat) is reopened (default 45)
#   MOSAIC_APPLY_TIMEOUT  seconds for the gateway to run a hot-reloaded config and be ready on it (default 30)
#   MOSAIC_RESTART_TIMEOUT  seconds for a restarted gateway (new port or bind) to be ready (default 90)
# The token and the provider keys are never printed. Neither DATABASE_URL nor MOSAIC_SECRET_KEY is needed.
set -eu
umask 077

log() { printf '%s mosaic-agent: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }
die() { log "$*"; exit 64; }

# ---------------------------------------------------------------- settings
[ -n "${MOSAIC_API_URL:-}" ] || die "MOSAIC_API_URL is required"
[ -n "${AGENT_NAME:-}" ] || die "AGENT_NAME is required"
case "$AGENT_NAME" in *[!A-Za-z0-9._-]*) die "AGENT_NAME may hold only letters, digits, '.', '_' and '-'" ;; esac
API="${MOSAIC_API_URL%/}/api/internal/agent-config/$AGENT_NAME"

if [ -n "${AGENT_TOKEN_FILE:-}" ]; then
  [ -r "$AGENT_TOKEN_FILE" ] || die "AGENT_TOKEN_FILE is not readable"
  TOKEN="$(tr -d '\r\n' < "$AGENT_TOKEN_FILE")"
else
  TOKEN="${AGENT_TOKEN:-}"
fi
[ -n "$TOKEN" ] || die "AGENT_TOKEN or AGENT_TOKEN_FILE is required"
unset AGENT_TOKEN   # the gateway does not need it in its environment

OPENCLAW_BIND="${OPENCLAW_BIND:-lan}"
OPENCLAW_STATE_DIR="${OPENCLAW_STATE_DIR:-${HOME:-/tmp}/.openclaw}"
OPENCLAW_CONFIG_PATH="${OPENCLAW_CONFIG_PATH:-$OPENCLAW_STATE_DIR/openclaw.json}"
OPENCLAW_WORKSPACE_DIR="${OPENCLAW_WORKSPACE_DIR:-$OPENCLAW_STATE_DIR/workspace}"
# Keep the gateway's PID stable (routine restarts stay in process) and let the image, not the gateway, update.
OPENCLAW_NO_RESPAWN="${OPENCLAW_NO_RESPAWN:-1}"
OPENCLAW_NO_AUTO_UPDATE="${OPENCLAW_NO_AUTO_UPDATE:-1}"
export OPENCLAW_STATE_DIR OPENCLAW_CONFIG_PATH OPENCLAW_WORKSPACE_DIR OPENCLAW_NO_RESPAWN OPENCLAW_NO_AUTO_UPDATE
OPENCLAW_BIN="${OPENCLAW_BIN:-openclaw}"
POLL_INTERVAL="${MOSAIC_POLL_INTERVAL:-30}"
RETRY_MAX="${MOSAIC_RETRY_MAX:-30}"
CONNECT_TIMEOUT="${MOSAIC_CONNECT_TIMEOUT:-5}"
STREAM_IDLE_TIMEOUT="${MOSAIC_STREAM_IDLE_TIMEOUT:-45}"
APPLY_TIMEOUT="${MOSAIC_APPLY_TIMEOUT:-30}"
RESTART_TIMEOUT="${MOSAIC_RESTART_TIMEOUT:-90}"

CONFIG_DIR="$(dirname "$OPENCLAW_CONFIG_PATH")"
SOUL="$OPENCLAW_WORKSPACE_DIR/SOUL.md"
mkdir -p "$OPENCLAW_STATE_DIR" "$CONFIG_DIR" "$OPENCLAW_WORKSPACE_DIR"

RUN="$(mktemp -d "${TMPDIR:-/tmp}/mosaic-agent.XXXXXX")"
# The bearer header lives in a curl config file (mode 600), never on a command line that `ps` shows.
esc_token="$(printf '%s' "$TOKEN" | sed 's/\\/\\\\/g; s/"/\\"/g')"
printf 'header = "Authorization: Bearer %s"\n' "$esc_token" > "$RUN/auth"
unset TOKEN esc_token

# State shared between this shell and the watcher subshell lives in files under $RUN:
#   etag, version (of the file on disk), applied (last version reported), listen (port bind), restart (flag),
#   applying (a new config is being tried), gateway-started, gateway-exited (status), failed-version (refused) with
#   failed-reason, failed-reported (the last failure reported), reason (why the last step failed)
MAIN_PID=$$
GW_PID=
WATCH_PID=

curl_api() { # curl_api ARGS... : quiet, bounded connect time, the bearer header from the config file
  curl -sS --connect-timeout "$CONNECT_TIMEOUT" -K "$RUN/auth" "$@"
}

header_value() { # header_value FILE NAME : last value of header NAME (case-insensitive), CR stripped
  tr -d '\r' < "$1" | awk -v n="$2" 'tolower(substr($0, 1, length(n) + 1)) == tolower(n) ":" {
    v = substr($0, length(n) + 2); sub(/^[ \t]+/, "", v) } END { print v }'
}

listen_of() { # listen_of FILE : "port bind" of the rendered gateway (first "port"/"bind" keys: only gateway has them)
  p="$(grep -o '"port"[[:space:]]*:[[:space:]]*[0-9][0-9]*' "$1" | head -n 1 | sed 's/.*://; s/[[:space:]]//g')"
  b="$(grep -o '"bind"[[:space:]]*:[[:space:]]*"[^"]*"' "$1" | head -n 1 | sed 's/.*:[[:space:]]*//; s/"//g')"
  printf '%s %s\n' "${p:-18789}" "${b:-}"
}

gateway_port() { cut -d' ' -f1 < "$RUN/listen"; }

atomic_write() { # atomic_write SRC DEST : copy SRC next to DEST, then rename over DEST
  tmp="$(dirname "$2")/.$(basename "$2").mosaic-tmp.$$"
  cp "$1" "$tmp" && chmod 600 "$tmp" && mv -f "$tmp" "$2"
}

# fetch_config : GET the config with If-None-Match. Prints the HTTP status (000 when unreachable).
# On 200 the body is in $RUN/body and the headers in $RUN/headers.
fetch_config() {
  set -- -o "$RUN/body" -D "$RUN/headers" -w '%{http_code}' -H 'Accept: application/json'
  if [ -s "$RUN/etag" ] && [ -s "$OPENCLAW_CONFIG_PATH" ]; then set -- "$@" -H "If-None-Match: $(cat "$RUN/etag")"; fi
  code="$(curl_api "$@" "$API" 2>"$RUN/curl-err")" || code=000
  [ "$code" = 000 ] && log "Mosaic unreachable: $(head -c 200 "$RUN/curl-err")"
  printf '%s\n' "${code:-000}"
}

# sync_soul : write SOUL.md when it changed; 404 means no personality (remove a SOUL.md we wrote before).
sync_soul() {
  code="$(curl_api -o "$RUN/soul" -w '%{http_code}' "$API/workspace/SOUL.md" 2>"$RUN/curl-err")" || code=000
  case "$code" in
    200) if ! cmp -s "$RUN/soul" "$SOUL" 2>/dev/null; then atomic_write "$RUN/soul" "$SOUL"; chmod 644 "$SOUL"; log "SOUL.md written"; fi ;;
    404) if [ -f "$RUN/soul-written" ] && [ -f "$SOUL" ]; then rm -f "$SOUL"; log "SOUL.md removed"; fi; rm -f "$RUN/soul-written"; return 0 ;;
    *) log "SOUL.md not fetched (HTTP $code); keeping the current one"; return 1 ;;
  esac
  : > "$RUN/soul-written"
}

# install_config VERSION_HINT : after a 200 at start, write openclaw.json and remember etag/version/listen.
install_config() {
  etag="$(header_value "$RUN/headers" ETag)"
  ver="$(header_value "$RUN/headers" X-Config-Version)"
  ver="${ver:-$1}"
  atomic_write "$RUN/body" "$OPENCLAW_CONFIG_PATH"
  printf '%s\n' "$etag" > "$RUN/etag"
  printf '%s\n' "${ver:-0}" > "$RUN/version"
  listen_of "$RUN/body" > "$RUN/listen"
  log "config version ${ver:-?} written to $OPENCLAW_CONFIG_PATH"
}

# issues_of FILE : "path: message; ..." from the issues of `openclaw config validate --json` output (one line)
issues_of() {
  tr '\n\r\t' '   ' < "$1" | awk '{
    i = index($0, "\"issues\""); if (i == 0) exit
    s = substr($0, i); out = ""
    while (match(s, /"path"[ ]*:[ ]*"([^"\\]|\\.)*"/)) {
      p = substr(s, RSTART, RLENGTH); sub(/^"path"[ ]*:[ ]*"/, "", p); sub(/"$/, "", p); s = substr(s, RSTART + RLENGTH); m = ""
      if (match(s, /"message"[ ]*:[ ]*"([^"\\]|\\.)*"/)) {
        m = substr(s, RSTART, RLENGTH); sub(/^"message"[ ]*:[ ]*"/, "", m); sub(/"$/, "", m); s = substr(s, RSTART + RLENGTH)
      }
      gsub(/\\"/, "\"", m); out = out (out == "" ? "" : "; ") (p == "" ? "(root)" : p) ": " m
    }
    print out }'
}

# validate_config FILE : openclaw's own offline check (≈ 1-2 s). 1 only when it finds the file invalid (the reason
# in $RUN/reason); a validator that cannot run at all does not block a config (the readiness wait still guards it).
validate_config() {
  if OPENCLAW_CONFIG_PATH="$1" "$OPENCLAW_BIN" config validate --json > "$RUN/validate.out" 2>&1; then return 0; fi
  if grep -q '"valid"[[:space:]]*:[[:space:]]*false' "$RUN/validate.out"; then
    issues="$(issues_of "$RUN/validate.out")"
    printf 'openclaw config validate: %s\n' "${issues:-invalid}" > "$RUN/reason"
    return 1
  fi
  log "could not run openclaw config validate ($(tr '\n' ' ' < "$RUN/validate.out" | cut -c1-200)); relying on the gateway's readiness"
  return 0
}

report_applied() { # report_applied VERSION
  code="$(curl_api -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
            --data "{\"version\":$1}" "$API/applied" 2>"$RUN/curl-err")" || code=000
  case "$code" in
    2??) printf '%s\n' "$1" > "$RUN/applied"; log "reported applied version $1" ;;
    *) log "could not report applied version $1 (HTTP $code)" ;;
  esac
}

report_failed() { # report_failed VERSION REASON : the version could not be applied (the previous config runs)
  # one line of printable ASCII, at most 300 characters, as a JSON string
  why="$(printf '%s' "$2" | tr -c ' -~' ' ' | cut -c1-300 | sed 's/\\/\\\\/g; s/"/\\"/g')"
  code="$(curl_api -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
            --data "{\"version\":$1,\"status\":\"failed\",\"error\":\"$why\"}" "$API/applied" 2>"$RUN/curl-err")" || code=000
  case "$code" in
    2??) printf '%s\n' "$1" > "$RUN/failed-reported"; log "reported that version $1 could not be applied" ;;
    *) log "could not report the failure of version $1 (HTTP $code)" ;;
  esac
}

refused() { # refused VERSION : remember that the version was refused (the reason in $RUN/reason) and report it
  printf '%s\n' "$1" > "$RUN/failed-version"
  cp "$RUN/reason" "$RUN/failed-reason" 2>/dev/null || echo 'no reason recorded' > "$RUN/failed-reason"
  report_failed "$1" "$(cat "$RUN/failed-reason")"
}

gateway_ready() { # the gateway answers /readyz with 2xx on its port
  curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$(gateway_port)/readyz"
}

gateway_exited() { # the gateway process exited while a new config was tried; the reason in $RUN/reason
  [ -f "$RUN/gateway-exited" ] || return 1
  printf 'gateway exited with status %s on the new config\n' "$(cat "$RUN/gateway-exited")" > "$RUN/reason"
}

wait_ready() { # wait_ready SECONDS : until /readyz answers 2xx; 1 on timeout or when the gateway exited
  deadline=$(( $(date +%s) + $1 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if gateway_ready; then return 0; fi
    if gateway_exited; then return 1; fi
    sleep 0.5
  done
  printf 'gateway not ready on port %s within %ss\n' "$(gateway_port)" "$1" > "$RUN/reason"
  return 1
}

# wait_applied SECONDS PROOF : until the gateway runs the file now at $OPENCLAW_CONFIG_PATH and is ready. OpenClaw
# copies a config it applied to openclaw.json.last-good and keeps running the last good one when a reload fails, so
# that copy is the proof. PROOF=0 when it already held these bytes before the swap: then allow 3 s for the reload.
wait_applied() {
  started="$(date +%s)"; deadline=$((started + $1)); applied=0
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if gateway_exited; then return 1; fi
    if { [ "$2" = 0 ] && [ "$(date +%s)" -ge $((started + 3)) ]; } || cmp -s "$OPENCLAW_CONFIG_PATH" "$OPENCLAW_CONFIG_PATH.last-good"; then
      if gateway_ready; then return 0; fi
      applied=1
    else
      applied=0
    fi
    sleep 0.5
  done
  if [ "$applied" = 1 ]; then
    printf 'gateway not ready on the new config within %ss\n' "$1" > "$RUN/reason"
  else
    printf 'gateway did not apply the new config within %ss (it kept running the previous one)\n' "$1" > "$RUN/reason"
  fi
  return 1
}

restart_gateway() { # restart_gateway SECONDS : the main shell restarts the gateway; wait until the new one is ready
  rm -f "$RUN/gateway-started"
  : > "$RUN/restart"
  kill -USR1 "$MAIN_PID" 2>/dev/null || true
  deadline=$(( $(date +%s) + $1 ))
  while [ ! -f "$RUN/gateway-started" ]; do
    if [ "$(date +%s)" -ge "$deadline" ]; then printf 'gateway did not restart\n' > "$RUN/reason"; return 1; fi
    sleep 0.2
  done
  wait_ready "$1"
}

# apply_config VERSION : the new openclaw.json is in $RUN/body. Validates it, swaps it in and waits until the gateway
# runs it and is ready; otherwise puts the previous file back (restarting the gateway on it when it restarted or is
# not ready). 0 when applied; 1 with the reason in $RUN/reason.
apply_config() {
  cp "$RUN/body" "$RUN/candidate.json"
  if ! validate_config "$RUN/candidate.json"; then log "config version $1 refused: $(cat "$RUN/reason")"; return 1; fi
  old_listen="$(cat "$RUN/listen")"
  new_listen="$(listen_of "$RUN/body")"
  cp "$OPENCLAW_CONFIG_PATH" "$RUN/previous.json"
  proof=1
  if cmp -s "$RUN/body" "$OPENCLAW_CONFIG_PATH.last-good"; then proof=0; fi
  : > "$RUN/applying"
  atomic_write "$RUN/body" "$OPENCLAW_CONFIG_PATH"
  log "config version $1 written to $OPENCLAW_CONFIG_PATH"
  if [ "$old_listen" != "$new_listen" ]; then
    printf '%s\n' "$new_listen" > "$RUN/listen"
    log "gateway.port/bind changed to '$new_listen': restarting the gateway"
    if restart_gateway "$RESTART_TIMEOUT"; then rm -f "$RUN/applying"; return 0; fi
    restarted=1
  else
    if wait_applied "$APPLY_TIMEOUT" "$proof"; then rm -f "$RUN/applying"; return 0; fi
    restarted=0
  fi
  log "config version $1 failed: $(cat "$RUN/reason"); putting the previous config back"
  cp "$RUN/reason" "$RUN/failure"
  atomic_write "$RUN/previous.json" "$OPENCLAW_CONFIG_PATH"
  printf '%s\n' "$old_listen" > "$RUN/listen"
  if [ "$restarted" = 1 ] || [ -f "$RUN/gateway-exited" ] || ! wait_ready "$APPLY_TIMEOUT"; then
    log "restarting the gateway on the previous config"
    restart_gateway "$RESTART_TIMEOUT" || log "gateway not ready on the previous config either: $(cat "$RUN/reason")"
  fi
  mv -f "$RUN/failure" "$RUN/reason"
  rm -f "$RUN/applying"
  return 1
}

# refresh VERSION_HINT : revalidate config and SOUL.md; apply a new config safely (see apply_config), report.
refresh() {
  code="$(fetch_config)"
  case "$code" in
    200)
      etag="$(header_value "$RUN/headers" ETag)"
      ver="$(header_value "$RUN/headers" X-Config-Version)"
      ver="${ver:-$1}"
      if [ "$ver" = "$(cat "$RUN/failed-version" 2>/dev/null || true)" ]; then
        # refused already: keep running the previous config until Mosaic serves another version
        if [ "$(cat "$RUN/failed-reported" 2>/dev/null || true)" != "$ver" ]; then report_failed "$ver" "$(cat "$RUN/failed-reason")"; fi
        return 0
      fi
      if apply_config "$ver"; then
        printf '%s\n' "$etag" > "$RUN/etag"
        printf '%s\n' "$ver" > "$RUN/version"
        sync_soul || true
        report_applied "$ver"
      else
        refused "$ver"
      fi
      ;;
    304)
      sync_soul || true
      # same bytes as on disk: what we run is current; take Mosaic's number for it when it sends one
      ver="$(header_value "$RUN/headers" X-Config-Version)"
      if [ -n "$ver" ]; then printf '%s\n' "$ver" > "$RUN/version"; else ver="$(cat "$RUN/version" 2>/dev/null || echo 0)"; fi
      if [ "$(cat "$RUN/applied" 2>/dev/null || echo -1)" != "$ver" ]; then report_applied "$ver"; fi
      ;;
    *) log "config refresh failed (HTTP $code)"; return 1 ;;
  esac
}

# ---------------------------------------------------------------- watcher (runs as a background subshell)
follow_stream() { # one SSE connection; returns when the stream ends
  rm -f "$RUN/fifo"; mkfifo "$RUN/fifo"
  set -- -N -H 'Accept: text/event-stream' -H 'Cache-Control: no-cache'
  last="$(cat "$RUN/version" 2>/dev/null || true)"
  [ -n "$last" ] && set -- "$@" -H "Last-Event-ID: $last"
  # curl itself in the background (not a function: $! must be curl's own pid so that it can be stopped).
  # --speed-time: a stream that sends nothing, not even Mosaic's 15 s heartbeat, for that long is dead.
  curl -fsS --connect-timeout "$CONNECT_TIMEOUT" --speed-limit 1 --speed-time "$STREAM_IDLE_TIMEOUT" -K "$RUN/auth" \
    "$@" "$API/events" > "$RUN/fifo" 2>"$RUN/curl-err-sse" &
  echo $! > "$RUN/curl-pid"
  connected=0; event=; data=; id=
  while IFS= read -r line; do
    line="$(printf '%s' "$line" | tr -d '\r')"
    if [ "$connected" = 0 ]; then connected=1; log "change stream connected"; fi
    case "$line" in
      '') # dispatch
        if [ -n "$data$id" ] && { [ -z "$event" ] || [ "$event" = config ]; }; then
          v="$(printf '%s' "$data" | sed -n 's/.*"version"[[:space:]]*:[[:space:]]*\([0-9][0-9]*\).*/\1/p')"
          v="${v:-$id}"
          case "$v" in ''|*[!0-9]*) ;; *)
            cur="$(cat "$RUN/version" 2>/dev/null || echo 0)"
            # any other version (also a lower one, e.g. after a restore) means: revalidate with the ETag
            if [ "$v" != "$cur" ]; then log "change stream: version $v"; refresh "$v" || true
            elif [ "$(cat "$RUN/applied" 2>/dev/null || echo -1)" != "$cur" ] && gateway_ready; then report_applied "$cur"; fi ;;
          esac
        fi
        event=; data=; id= ;;
      :*) ;;  # comment / heartbeat
      event:*) event="$(printf '%s' "${line#event:}" | sed 's/^ //')" ;;
      data:*) data="$data$(printf '%s' "${line#data:}" | sed 's/^ //')" ;;
      id:*) id="$(printf '%s' "${line#id:}" | sed 's/^ //')" ;;
      *) ;;
    esac
  done < "$RUN/fifo"
  wait "$(cat "$RUN/curl-pid")" 2>/dev/null || true
  rm -f "$RUN/curl-pid"
  if [ "$connected" = 1 ]; then log "change stream closed"; else log "change stream unavailable: $(head -c 200 "$RUN/curl-err-sse")"; fi
}

watcher() {
  trap 'p="$(cat "$RUN/curl-pid" 2>/dev/null || true)"; kill ${p:+"$p"} ${SLEEP_PID:+"$SLEEP_PID"} 2>/dev/null || true; exit 0' TERM
  if wait_ready 180; then
    report_applied "$(cat "$RUN/version")"
  else
    log "gateway not ready 180 s after start"
    report_failed "$(cat "$RUN/version")" "gateway not ready 180 s after start"
  fi
  while :; do
    follow_stream
    # stream down: poll now and every POLL_INTERVAL seconds until a stream connects again
    refresh "$(cat "$RUN/version" 2>/dev/null || echo 0)" || true
    sleep "$POLL_INTERVAL" & SLEEP_PID=$!
    wait "$SLEEP_PID" || true
    SLEEP_PID=
  done
}

# ---------------------------------------------------------------- main
start_gateway() {
  rm -f "$RUN/gateway-exited"
  log "starting openclaw gateway (bind $OPENCLAW_BIND, port $(gateway_port))"
  "$OPENCLAW_BIN" gateway run --bind "$OPENCLAW_BIND" --auth token &
  GW_PID=$!
  : > "$RUN/gateway-started"
}

STOP_SIGNAL=
RESTART_REQ=0
cleanup() {
  if [ -n "$WATCH_PID" ]; then
    kill "$WATCH_PID" 2>/dev/null || true
    p="$(cat "$RUN/curl-pid" 2>/dev/null || true)"
    if [ -n "$p" ]; then kill "$p" 2>/dev/null || true; fi
  fi
  rm -rf "$RUN"
}
trap 'STOP_SIGNAL=TERM' TERM
trap 'STOP_SIGNAL=INT' INT
trap 'RESTART_REQ=1' USR1

# Initial fetch: retry with exponential backoff until Mosaic answers with a config that validates (a refused version
# is reported once and not tried again; the next version is).
delay=1
while :; do
  code="$(fetch_config)"
  if [ "$code" = 200 ]; then
    ver="$(header_value "$RUN/headers" X-Config-Version)"
    if [ -z "$ver" ] || [ "$ver" != "$(cat "$RUN/failed-version" 2>/dev/null || true)" ]; then
      cp "$RUN/body" "$RUN/candidate.json"
      validate_config "$RUN/candidate.json" && break
      log "config version ${ver:-?} refused: $(cat "$RUN/reason")"
      if [ -n "$ver" ]; then refused "$ver"; fi
    fi
    code=refused
  fi
  case "$code" in
    refused) log "waiting for a config the gateway accepts; retrying in ${delay}s" ;;
    401|403) log "Mosaic refused this agent's token (HTTP $code); retrying in ${delay}s" ;;
    404) log "Mosaic does not know agent '$AGENT_NAME' yet (HTTP 404); retrying in ${delay}s" ;;
    000) log "retrying in ${delay}s" ;;
    *) log "config fetch answered HTTP $code; retrying in ${delay}s" ;;
  esac
  sleep "$delay" & wait $! || true
  if [ -n "$STOP_SIGNAL" ]; then log "stopped before start"; rm -rf "$RUN"; exit 143; fi
  delay=$((delay * 2)); [ "$delay" -gt "$RETRY_MAX" ] && delay="$RETRY_MAX"
done
install_config 0
until sync_soul; do
  sleep "$delay" & wait $! || true
  if [ -n "$STOP_SIGNAL" ]; then rm -rf "$RUN"; exit 143; fi
done

start_gateway
watcher & WATCH_PID=$!

status=0
while :; do
  if wait "$GW_PID"; then status=0; else status=$?; fi
  if [ -n "$STOP_SIGNAL" ]; then
    log "SIG$STOP_SIGNAL received: stopping the gateway"
    # SIGINT is ignored by background jobs of a non-interactive shell: forward both as TERM
    kill -TERM "$GW_PID" 2>/dev/null || true
    if wait "$GW_PID"; then status=0; else status=$?; fi
    # a trap may interrupt that wait too: wait until the process is really gone
    while kill -0 "$GW_PID" 2>/dev/null; do if wait "$GW_PID"; then status=0; else status=$?; fi; done
    break
  fi
  if [ "$RESTART_REQ" = 1 ] || [ -f "$RUN/restart" ]; then
    RESTART_REQ=0; rm -f "$RUN/restart"
    if kill -0 "$GW_PID" 2>/dev/null; then
      kill -TERM "$GW_PID" 2>/dev/null || true
      while kill -0 "$GW_PID" 2>/dev/null; do wait "$GW_PID" || true; done
    fi
    [ -n "$STOP_SIGNAL" ] && { status=143; break; }
    start_gateway
    continue
  fi
  if kill -0 "$GW_PID" 2>/dev/null; then continue; fi   # wait was interrupted by some other signal
  if [ -f "$RUN/applying" ]; then
    # it exited while a new config was tried: the watcher puts the previous one back and asks for a restart
    if [ ! -f "$RUN/gateway-exited" ]; then
      log "gateway exited with status $status on the new config"
      printf '%s\n' "$status" > "$RUN/gateway-exited"
    fi
    sleep 1 & wait $! || true
    continue
  fi
  log "gateway exited with status $status"
  ver="$(cat "$RUN/version" 2>/dev/null || true)"
  if [ -n "$ver" ] && [ "$(cat "$RUN/applied" 2>/dev/null || true)" != "$ver" ] && [ -z "$STOP_SIGNAL" ]; then
    report_failed "$ver" "gateway exited with status $status before it was ready"
  fi
  break
done
cleanup
log "exiting with status $status"
exit "$status"
