#!/bin/sh
# Mosaic agent entrypoint for an OpenClaw gateway container (POSIX sh + curl).
#
# 1. Fetches this agent's openclaw.json (and SOUL.md) from Mosaic, retrying with exponential backoff until
#    Mosaic answers, and writes them atomically (temp file + mv in the same folder).
# 2. Starts `openclaw gateway run --bind $OPENCLAW_BIND --auth token` in the background.
# 3. Follows Mosaic's change stream (SSE). On a new version it refetches with If-None-Match, rewrites the files
#    atomically (the gateway hot-reloads them) and reports the version with POST .../applied. A change of
#    gateway.port or gateway.bind restarts the gateway process (hot reload does not rebind). While the stream
#    is down it polls every $MOSAIC_POLL_INTERVAL seconds.
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

CONFIG_DIR="$(dirname "$OPENCLAW_CONFIG_PATH")"
SOUL="$OPENCLAW_WORKSPACE_DIR/SOUL.md"
mkdir -p "$OPENCLAW_STATE_DIR" "$CONFIG_DIR" "$OPENCLAW_WORKSPACE_DIR"

RUN="$(mktemp -d "${TMPDIR:-/tmp}/mosaic-agent.XXXXXX")"
# The bearer header lives in a curl config file (mode 600), never on a command line that `ps` shows.
esc_token="$(printf '%s' "$TOKEN" | sed 's/\\/\\\\/g; s/"/\\"/g')"
printf 'header = "Authorization: Bearer %s"\n' "$esc_token" > "$RUN/auth"
unset TOKEN esc_token

# State shared between this shell and the watcher subshell lives in files under $RUN:
#   etag, version (of the file on disk), applied (last version reported), listen (port bind), restart (flag)
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

# install_config VERSION_HINT : after a 200, write openclaw.json and remember etag/version/listen.
# Sets RESTART_NEEDED=1 when gateway.port or gateway.bind changed.
install_config() {
  etag="$(header_value "$RUN/headers" ETag)"
  ver="$(header_value "$RUN/headers" X-Config-Version)"
  ver="${ver:-$1}"
  new_listen="$(listen_of "$RUN/body")"
  old_listen="$(cat "$RUN/listen" 2>/dev/null || true)"
  atomic_write "$RUN/body" "$OPENCLAW_CONFIG_PATH"
  printf '%s\n' "$etag" > "$RUN/etag"
  printf '%s\n' "${ver:-0}" > "$RUN/version"
  printf '%s\n' "$new_listen" > "$RUN/listen"
  RESTART_NEEDED=0
  if [ -n "$old_listen" ] && [ "$old_listen" != "$new_listen" ]; then RESTART_NEEDED=1; fi
  log "config version ${ver:-?} written to $OPENCLAW_CONFIG_PATH"
}

report_applied() { # report_applied VERSION
  code="$(curl_api -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
            --data "{\"version\":$1}" "$API/applied" 2>"$RUN/curl-err")" || code=000
  case "$code" in
    2??) printf '%s\n' "$1" > "$RUN/applied"; log "reported applied version $1" ;;
    *) log "could not report applied version $1 (HTTP $code)" ;;
  esac
}

wait_healthy() { # wait_healthy SECONDS : until the gateway answers /healthz on its port
  i=0
  while [ "$i" -lt "$(( $1 * 2 ))" ]; do
    if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$(gateway_port)/healthz"; then return 0; fi
    sleep 0.5; i=$((i + 1))
  done
  return 1
}

# refresh VERSION_HINT : revalidate config and SOUL.md, write what changed, restart when needed, report.
refresh() {
  code="$(fetch_config)"
  case "$code" in
    200)
      install_config "$1"
      sync_soul || true
      ver="$(cat "$RUN/version")"
      if [ "$RESTART_NEEDED" = 1 ]; then
        log "gateway.port/bind changed to '$(cat "$RUN/listen")': restarting the gateway"
        : > "$RUN/restart"
        kill -USR1 "$MAIN_PID" 2>/dev/null || true
        # give the main shell time to restart the gateway, then wait until it serves on the new port
        sleep 3
        wait_healthy 120 || log "gateway not healthy on port $(gateway_port) yet"
      fi
      report_applied "$ver"
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
            elif [ "$(cat "$RUN/applied" 2>/dev/null || echo -1)" != "$cur" ]; then report_applied "$cur"; fi ;;
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
  if wait_healthy 180; then report_applied "$(cat "$RUN/version")"; else log "gateway not healthy after 180 s"; fi
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
  log "starting openclaw gateway (bind $OPENCLAW_BIND, port $(gateway_port))"
  "$OPENCLAW_BIN" gateway run --bind "$OPENCLAW_BIND" --auth token &
  GW_PID=$!
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

# Initial fetch: retry with exponential backoff until Mosaic answers with the config.
delay=1
while :; do
  code="$(fetch_config)"
  [ "$code" = 200 ] && break
  case "$code" in
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
    if kill -0 "$GW_PID" 2>/dev/null; then
      RESTART_REQ=0; rm -f "$RUN/restart"
      kill -TERM "$GW_PID" 2>/dev/null || true
      while kill -0 "$GW_PID" 2>/dev/null; do wait "$GW_PID" || true; done
      [ -n "$STOP_SIGNAL" ] && { status=143; break; }
      start_gateway
      continue
    fi
    RESTART_REQ=0; rm -f "$RUN/restart"
  fi
  if kill -0 "$GW_PID" 2>/dev/null; then continue; fi   # wait was interrupted by some other signal
  log "gateway exited with status $status"
  break
done
cleanup
log "exiting with status $status"
exit "$status"
