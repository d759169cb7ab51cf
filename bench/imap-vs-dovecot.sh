#!/usr/bin/env bash
# IMAP side by side with Dovecot on loopback, in one run: both servers get the same COUNT messages
# per user over LMTP, then clients (each its own user) run sessions of LOGIN, SELECT, FETCH of
# headers and of a body, STORE, SEARCH and APPEND for SECONDS per phase at each concurrency of
# CLIENTS, ROUNDS phases per server taking turns; medians of ops/s, p50 and p99 per operation.
#   bench/imap-vs-dovecot.sh     (CLIENTS=1,10,100 COUNT=200 SECONDS=20 ROUNDS=3 WARMUP=60)
# WARMUP is seconds of untimed load per server first. After 10 s, Mallard's JIT compiler threads
# still took 38% of its CPU samples in the one-client phase that followed (async-profiler); after
# 60 s, 9%. An IMAP server runs for days, so the steady state is what is measured.
# Both sides: plaintext LOGIN on loopback, password hashed with Argon2id m=19 MiB t=2 p=1.
# Ports: Mallard from MALLARD_PORT_BASE (bench/mallard.sh; 20000), Dovecot DOVECOT_*_PORT (12xxx).
# Needs a JDK and Python 3; installs Dovecot from Debian's packages if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${CLIENTS:-1,10,100}
count=${COUNT:-200}
seconds=${SECONDS_PER_PHASE:-20}
rounds=${ROUNDS:-3}
warmup=${WARMUP:-60}
users=$(tr ',' '\n' <<< "$clients" | sort -n | tail -1)
export DOVECOT_IMAP_PORT=${DOVECOT_IMAP_PORT:-12143} DOVECOT_POP3_PORT=${DOVECOT_POP3_PORT:-12110} \
    DOVECOT_LMTP_PORT=${DOVECOT_LMTP_PORT:-12024}
source bench/mallard.sh
side_by_side imapbench

imap_servers "$users" "$count"
echo "machine: $(nproc) cores, $(date -u +%F), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -jar bench/target/mallard-bench.jar imap-mix --clients "$clients" --seconds "$seconds" --rounds "$rounds" \
    --warmup "$warmup" mallard=127.0.0.1:"$mallard_imap_port":bench dovecot=127.0.0.1:"$DOVECOT_IMAP_PORT":bench
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
