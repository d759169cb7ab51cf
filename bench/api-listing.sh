#!/usr/bin/env bash
# Issue #8's listing figure: GET /users/{id}/mailboxes/{mb}/messages?limit=50 over CONNECTIONS
# keep-alive connections to the standalone jar, with a user token from POST /authenticate.
# The Java client of the bench module (mallard-bench http-load) runs a closed loop (every
# connection sends again when answered: requests/s at saturation, latency ~ connections /
# throughput by Little's law) and then an open loop at each of RATES requests/s spread over the
# same connections, latency counted from when each request was due (wrk2's method, no
# coordinated omission). Prints requests/s, p50/p90/p99 per phase, the server's largest heap
# occupancy while loaded (jstat, every second) and its live heap after a full GC.
# Dovecot has no HTTP API, so there is no side-by-side ratio: the goal is absolute (p99 < 50 ms).
# WARMUP (default 60) seconds of untimed closed loop come first: after the client's default of
# 10 s the closed loop that followed served 713 requests/s, after 60 s 984/s (the JIT was still
# compiling, as in the IMAP mix).
#   bench/api-listing.sh                  CONNECTIONS=500 PHASE_SECONDS=30 MESSAGES=200 RATES=250,500,1000,2000
#   VIA=gateway bench/api-listing.sh      through the gateway port instead of the API's own
#   MALLARD_JAVA_OPTS='-Xmx512m -XX:StartFlightRecording=filename=/tmp/listing.jfr,settings=profile' bench/api-listing.sh
# Mallard runs on its own ports (MALLARD_PORT_BASE, default 22500) and data directory, with a
# 512 MB heap unless MALLARD_JAVA_OPTS says otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
export MALLARD_PORT_BASE=${MALLARD_PORT_BASE:-22500}
export MALLARD_JAVA_OPTS=${MALLARD_JAVA_OPTS:--Xmx512m}
. bench/mallard.sh
connections=${CONNECTIONS:-500}
phase_seconds=${PHASE_SECONDS:-30}
warmup=${WARMUP:-60}
messages=${MESSAGES:-200}
rates=${RATES:-250,500,1000,2000}
via=${VIA:-api}
work=$(mktemp -d /tmp/mallard-api-listing.XXXXXX)
jstat_pid=""
trap 'status=$?; [ -n "$jstat_pid" ] && kill "$jstat_pid" 2>/dev/null; mallard_stop; discard_work $status' EXIT

bench_jars
for port in $mallard_http_port $((mallard_http_port + 1)) $mallard_imap_port $mallard_lmtp_port; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "port $port is taken; choose another MALLARD_PORT_BASE" >&2
        exit 1
    fi
done
mallard_start

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
gateway="http://127.0.0.1:$mallard_http_port"
user=$(curl -sf -X POST "$gateway/users" -H "X-Access-Token: $mallard_token" -H 'Content-Type: application/json' \
    -d '{"username":"bench","password":"bench-password","address":"bench@example.com"}' | json "['id']")
inbox=$(curl -sf "$gateway/users/$user/mailboxes" -H "X-Access-Token: $mallard_token" | json "['results'][0]['id']")
# Messages of a few KB with a Cc and a text body: what a listing must not read is most of each.
message() {
    printf 'From: Sender %d <sender%d@example.com>\r\nTo: bench@example.com\r\nCc: team@example.com\r\n' "$1" "$1"
    printf 'Subject: Quarterly report, part %d\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n' "$1"
    printf 'Message-ID: <m%d@example.com>\r\n\r\n' "$1"
    for line in $(seq 1 60); do
        printf 'Line %d of message %d: the quick brown fox jumps over the lazy dog.\r\n' "$line" "$1"
    done
}
appends=()   # four at a time; a bare wait would also wait for Mallard itself
for i in $(seq 1 "$messages"); do
    message "$i" | curl -sf -o /dev/null -X POST "$gateway/users/$user/mailboxes/$inbox/messages" \
        -H "X-Access-Token: $mallard_token" -H 'Content-Type: message/rfc822' --data-binary @- &
    appends+=($!)
    if [ ${#appends[@]} = 4 ]; then wait "${appends[@]}"; appends=(); fi
done
[ ${#appends[@]} = 0 ] || wait "${appends[@]}"
token=$(curl -sf -X POST "$gateway/authenticate" -H 'Content-Type: application/json' \
    -d '{"username":"bench","password":"bench-password","token":true}' | json "['token']")

if [ "$via" = gateway ]; then target=$gateway; else target="http://127.0.0.1:$((mallard_http_port + 1))"; fi
url="$target/users/$user/mailboxes/$inbox/messages?limit=50"
listed=$(curl -sf "$url" -H "X-Access-Token: $token" | json "['results'].__len__()")
[ "$listed" = 50 ] || { echo "expected a page of 50, got $listed" >&2; exit 1; }

echo "# $(date -u '+%F %H:%M') UTC, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $messages messages, GET .../messages?limit=50 via $via, $connections connections, ${phase_seconds} s a phase"
jstat -gc "$mallard_pid" 1000 > "$work/jstat.log" &
jstat_pid=$!
java -jar bench/target/mallard-bench.jar http-load --connections "$connections" --seconds "$phase_seconds" --warmup "$warmup" \
    --rates "$rates" -H "X-Access-Token: $token" "$url"
kill "$jstat_pid" 2>/dev/null; jstat_pid=""
# jstat -gc: S0U S1U EU OU are columns 3, 4, 6 and 8 (KB)
awk 'NR > 1 && $3 ~ /^[0-9.]+$/ { used = ($3 + $4 + $6 + $8) / 1024; if (used > max) max = used }
     END { printf "server heap: at most %.0f MB used while loaded", max }' "$work/jstat.log"
jcmd "$mallard_pid" GC.run > /dev/null
jcmd "$mallard_pid" GC.heap_info | awk '/garbage-first heap|total/ { for (i = 1; i <= NF; i++) if ($i == "used") u = $(i + 1) }
     END { printf ", %s live after a full GC\n", u }'
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
