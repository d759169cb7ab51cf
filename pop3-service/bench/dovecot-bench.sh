#!/usr/bin/env bash
# POP3 side by side with Dovecot on loopback (issue #7): STAT + UIDL + RETR of 1,000 messages.
# Starts the shared reference Dovecot with one user, delivers 1,000 messages to it over LMTP,
# then runs Pop3BenchmarkTest, which copies those messages into Mallard and times both servers
# with the same client. Needs dovecot-pop3d (../shared/tools/dovecot-ref.sh install).
set -euo pipefail
cd "$(dirname "$0")/../.."
TOOLS=${TOOLS:-/work/shared/tools}
COUNT=${COUNT:-1000}
SIZE=${SIZE:-4000}
export DOVECOT_REF_DIR=${DOVECOT_REF_DIR:-/tmp/dovecot-ref-pop3-bench}
export IMAP_PORT=${IMAP_PORT:-11143} POP3_PORT=${POP3_PORT:-11110} LMTP_PORT=${LMTP_PORT:-11024}
trap '"$TOOLS/dovecot-ref.sh" clean >/dev/null 2>&1 || true' EXIT
"$TOOLS/dovecot-ref.sh" clean >/dev/null 2>&1 || true
"$TOOLS/dovecot-ref.sh" start 1
python3 "$TOOLS/lmtp-load.py" --port "$LMTP_PORT" -n "$COUNT" -k 4 --users 1 --size "$SIZE" --max-secs 120
mvn -q -B -o -pl pop3-service test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=Pop3BenchmarkTest \
    -Dpop3.bench.dovecot="127.0.0.1:$POP3_PORT:user1:pass"
grep -h "POP3 bench" pop3-service/target/surefire-reports/*Pop3BenchmarkTest*-output.txt
