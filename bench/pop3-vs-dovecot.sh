#!/usr/bin/env bash
# POP3 side by side with Dovecot on loopback, in one run: the same COUNT messages delivered over
# LMTP to one user on each server, then STAT + UIDL + RETR of all of them, ROUNDS times.
#   bench/pop3-vs-dovecot.sh            (COUNT=1000 ROUNDS=11 WARMUP=20 by default)
#   LATENCY=1 bench/pop3-vs-dovecot.sh  also times each RETR's turnaround in one more session each
# The untimed warm-up rounds let Mallard's JIT finish compiling: its compiler threads took 3.7 s
# in the first round, 0.75-0.9 s a round in rounds 4-5, 150 ms a round in rounds 11-16 and 40-100
# ms from round 20 on (java.ci.totalTime), CPU that the single-threaded client needs on a
# two-core machine. A POP3 server runs for days, so the steady state is what is measured.
# The first warm-up round also fills Mallard's content cache, as it fills the kernel's page cache
# for Dovecot's maildir files; MALLARD_CONTENT_CACHESIZE=0 in the environment turns the cache off.
# Needs a JDK and Python 3; installs Dovecot from Debian's packages if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${COUNT:-1000}
rounds=${ROUNDS:-11}
warmup=${WARMUP:-20}
work=$(mktemp -d /tmp/mallard-bench.XXXXXX)
chmod 755 "$work"   # Dovecot's mail processes run as nobody and must reach their maildirs below it
token=$(head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n')
mallard_pid=""

# Mallard's exit status after the kill is not a failure: never let it stop the cleanup.
cleanup() {
    if [ -n "$mallard_pid" ]; then
        kill "$mallard_pid" 2>/dev/null || true
        wait "$mallard_pid" 2>/dev/null || true
    fi
    bench/dovecot.sh stop "$work/dovecot"
    # Both stores hold the 1,000 messages (about 100 MB a run): gone after a good run, kept after
    # a failed one (its logs are there) or with KEEP_WORK set.
    if [ "$1" -eq 0 ] && [ -z "${KEEP_WORK:-}" ]; then
        rm -rf "$work"
    fi
}
trap 'cleanup $?' EXIT

await_port() {
    for _ in $(seq 1 900); do  # up to 3 minutes: a loaded machine starts slowly
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return
        sleep 0.2
    done
    echo "port $1 did not open; see $work/mallard.log" >&2
    exit 1
}

[ -f standalone/target/mallard-standalone.jar ] || ./mvnw -q -B -DskipTests package
bench/dovecot.sh start "$work/dovecot" 1
# Mallard on ports of its own (base MALLARD_PORT_BASE, default 18000), not the defaults that a
# developer's Mallard or a test run may hold. The maildrop holds every message, as Dovecot's does
# (Mallard's default is the newest 250). MALLARD_JAVA_OPTS reaches the JVM (e.g. a flight recording).
base=${MALLARD_PORT_BASE:-18000}
MALLARD_DATA_DIR="$work/mallard" MALLARD_ROOT_TOKEN="$token" MALLARD_POP3_ALLOWPLAINTEXTLOGIN=true \
    MALLARD_POP3_MAXMESSAGES="$count" \
    MALLARD_HTTP_PORT=$((base + 80)) MALLARD_API_PORT=$((base + 81)) MALLARD_AUTH_PORT=$((base + 82)) \
    MALLARD_ACME_PORT=$((base + 83)) MALLARD_IMAP_PORT=$((base + 143)) MALLARD_IMAP_TLSPORT=$((base + 993)) \
    MALLARD_POP3_PORT=$((base + 110)) MALLARD_POP3_TLSPORT=$((base + 995)) MALLARD_LMTP_PORT=$((base + 24)) \
    java ${MALLARD_JAVA_OPTS:-} -jar standalone/target/mallard-standalone.jar > "$work/mallard.log" 2>&1 &
mallard_pid=$!
await_port $((base + 80))
await_port $((base + 110))
# The gateway can open before the API behind it does (an empty reply, curl's 52): retry for a while.
curl -sf --retry 60 --retry-delay 1 --retry-all-errors -X POST http://127.0.0.1:$((base + 80))/users -H "X-Access-Token: $token" -H 'Content-Type: application/json' \
    -d '{"username":"bench1","password":"bench-password","address":"bench1@example.com"}' > /dev/null

python3 bench/seed_lmtp.py --port $((base + 24)) --rcpt bench1@example.com --count "$count"
python3 bench/seed_lmtp.py --port "${DOVECOT_LMTP_PORT:-11024}" --rcpt bench1 --count "$count"
echo "rounds: $rounds after $warmup warm-up rounds, machine: $(nproc) cores, $(date -u +%F)," \
    "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/pop3_bench.py --rounds "$rounds" --warmup "$warmup" ${LATENCY:+--latency} \
    mallard=127.0.0.1:$((base + 110)):bench1:bench-password \
    dovecot=127.0.0.1:"${DOVECOT_POP3_PORT:-11110}":bench1:bench
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
