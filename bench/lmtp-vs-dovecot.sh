#!/usr/bin/env bash
# LMTP delivery side by side with Dovecot on loopback, in one run: 1 and 8 persistent connections
# delivering 2 KB and 100 KB messages round-robin to USERS users, SECONDS per phase, the servers
# taking turns ROUNDS times; medians of msgs/s and p99 latency.
#   bench/lmtp-vs-dovecot.sh     (USERS=100 SECONDS=15 ROUNDS=3 WARMUP=20 CONNECTIONS=1,8 SIZES=2000,100000)
# Ports: Mallard from MALLARD_PORT_BASE (bench/mallard.sh; 24000 here), Dovecot DOVECOT_*_PORT
# (13xxx), so that it runs beside the other benchmarks. MALLARD_JAVA_OPTS passes JVM options,
# e.g. -XX:StartFlightRecording=filename=/tmp/lmtp.jfr to profile Mallard's side.
# Needs a JDK and Python 3; installs Dovecot from Debian's packages if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
users=${USERS:-100}
seconds=${SECONDS_PER_PHASE:-15}
rounds=${ROUNDS:-3}
warmup=${WARMUP:-20}
connections=${CONNECTIONS:-1,8}
sizes=${SIZES:-2000,100000}
export MALLARD_PORT_BASE=${MALLARD_PORT_BASE:-24000}
export DOVECOT_IMAP_PORT=${DOVECOT_IMAP_PORT:-13143} DOVECOT_POP3_PORT=${DOVECOT_POP3_PORT:-13110} \
    DOVECOT_LMTP_PORT=${DOVECOT_LMTP_PORT:-13024}
source bench/mallard.sh
side_by_side lmtpbench

bench_jars
bench/dovecot.sh start "$work/dovecot" "$users"
mallard_start
mallard_users "$users" bench
echo "machine: $(nproc) cores, $(date -u +%F), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/lmtp_load.py --users "$users" --seconds "$seconds" --rounds "$rounds" --warmup "$warmup" \
    --connections "$connections" --sizes "$sizes" \
    mallard=127.0.0.1:"$mallard_lmtp_port":bench%d@example.com dovecot=127.0.0.1:"$DOVECOT_LMTP_PORT":bench%d
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
