#!/usr/bin/env bash
# Server CPU per IMAP operation, Mallard and Dovecot side by side on loopback: both servers get the
# same COUNT messages per user over LMTP, then CLIENTS clients repeat each operation of the IMAP
# mix (LOGIN, SELECT, FETCH of 50 headers, FETCH of a body, STORE, five SEARCHes, APPEND) ROUNDS
# times, and each server's CPU time over the phase is divided by the operations done.
#   bench/imap-op-cpu.sh     (CLIENTS=10 COUNT=200 ROUNDS=200)
# Where bench/imap-vs-dovecot.sh says which server is faster, this says what each operation costs.
# Needs a JDK and Python 3; installs Dovecot from Debian's packages if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${CLIENTS:-10}
count=${COUNT:-200}
rounds=${ROUNDS:-200}
export DOVECOT_IMAP_PORT=${DOVECOT_IMAP_PORT:-13143} DOVECOT_POP3_PORT=${DOVECOT_POP3_PORT:-13110} \
    DOVECOT_LMTP_PORT=${DOVECOT_LMTP_PORT:-13024}
source bench/mallard.sh
side_by_side imapcpu

imap_servers "$clients" "$count"
echo "machine: $(nproc) cores, $(date -u +%F), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/imap_op_cpu.py --clients "$clients" --rounds "$rounds" \
    --mallard "$mallard_imap_port:$mallard_pid" --dovecot "$DOVECOT_IMAP_PORT:$(cat "$work/dovecot/run/master.pid")"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
