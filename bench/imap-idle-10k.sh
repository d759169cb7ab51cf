#!/usr/bin/env bash
# CONNECTIONS IMAP connections held in IDLE by one standalone Mallard (loopback, USERS users so
# that each user stays under the per-user connection limit): heap after a full GC and RSS before
# and while they are held, then a message delivered over LMTP must reach a sample of idlers
# within 1 s, then every connection must still answer DONE.
#   bench/imap-idle-10k.sh     (CONNECTIONS=10000 USERS=1000 SAMPLE=20)
# MALLARD_JAVA_OPTS passes JVM options (e.g. -Xmx512m to prove the goal). Mallard's ports come
# from MALLARD_PORT_BASE (default here 22000, so that it runs beside imap-vs-dovecot.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
connections=${CONNECTIONS:-10000}
users=${USERS:-1000}
sample=${SAMPLE:-20}
export MALLARD_PORT_BASE=${MALLARD_PORT_BASE:-22000}
work=$(mktemp -d /tmp/mallard-idle.XXXXXX)
source bench/mallard.sh
trap 'status=$?; mallard_stop; discard_work $status' EXIT
ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" -lt $((connections + 1000)) ]; then
    echo "open-file limit $(ulimit -n) is too low for $connections connections" >&2
    exit 1
fi

bench_jars
# Every connection comes from 127.0.0.1: lift the per-address limits for this run, of connections
# (default 50) and of logins in flight (they count in the failure window until verified; 100).
# Logging 10,000 connections in takes longer than the 30 minutes an IDLE may stay silent.
mallard_start MALLARD_IMAP_ALLOWPLAINTEXTLOGIN=true MALLARD_IMAP_MAXCONNECTIONSPERIP=$((connections + 100)) \
    MALLARD_ACCESS_IPFAILURES=$((connections + 100)) MALLARD_IMAP_IDLECOMMANDTIMEOUT=3h
mallard_users "$users" bench
echo "machine: $(nproc) cores, $(date -u +%F), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "JVM options: ${MALLARD_JAVA_OPTS:-(defaults)}"
bench/jvm-memory.sh "$mallard_pid" "before, $users users"
python3 bench/idle_hold.py --port "$mallard_imap_port" --lmtp-port "$mallard_lmtp_port" \
    --connections "$connections" --users "$users" --sample "$sample" \
    --measure "bench/jvm-memory.sh $mallard_pid 'while $connections connections idle'"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
