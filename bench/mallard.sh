# Sourced by the bench scripts: a standalone Mallard on its own ports and data directory, so that
# several benchmarks (and a Mallard someone else runs on the default ports) can coexist.
#   MALLARD_PORT_BASE (default 20000): IMAP base+1143, POP3 base+1110, LMTP base+2424,
#   HTTP base+8080 (API, auth and ACME on the three ports after it); keep them below 32768,
#   where Linux's ephemeral client ports start.
#   MALLARD_JAVA_OPTS: extra JVM options (e.g. -XX:StartFlightRecording=...).
# Expects the repository root as the current directory, and $work (the run's directory) set
# before mallard_start: by side_by_side, or by the script.

mallard_port_base=${MALLARD_PORT_BASE:-20000}
mallard_imap_port=$((mallard_port_base + 1143))
mallard_pop3_port=$((mallard_port_base + 1110))
mallard_lmtp_port=$((mallard_port_base + 2424))
mallard_http_port=$((mallard_port_base + 8080))
mallard_pid=""
mallard_token=$(head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n')

await_port() {
    for _ in $(seq 1 600); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return
        sleep 0.2
    done
    echo "port $1 did not open; see $work/mallard.log" >&2
    exit 1
}

# mallard_start [NAME=VALUE ...]: the standalone jar with its data in $work/mallard and the
# given extra environment; returns when IMAP, LMTP and HTTP accept connections.
mallard_start() {
    env MALLARD_DATA_DIR="$work/mallard" MALLARD_ROOT_TOKEN="$mallard_token" \
        MALLARD_IMAP_PORT="$mallard_imap_port" MALLARD_IMAP_TLSPORT=$((mallard_port_base + 1993)) \
        MALLARD_POP3_PORT="$mallard_pop3_port" MALLARD_POP3_TLSPORT=$((mallard_port_base + 1995)) \
        MALLARD_LMTP_PORT="$mallard_lmtp_port" MALLARD_HTTP_PORT="$mallard_http_port" \
        MALLARD_API_PORT=$((mallard_http_port + 1)) MALLARD_AUTH_PORT=$((mallard_http_port + 2)) \
        MALLARD_ACME_PORT=$((mallard_http_port + 3)) "$@" \
        java ${MALLARD_JAVA_OPTS:-} -jar standalone/target/mallard-standalone.jar > "$work/mallard.log" 2>&1 &
    mallard_pid=$!
    await_port "$mallard_http_port"
    await_port "$mallard_imap_port"
    await_port "$mallard_lmtp_port"
}

# mallard_users COUNT PASSWORD: users bench1..benchCOUNT with addresses benchN@example.com,
# created through the API four at a time (each creation hashes a password).
mallard_users() {
    seq 1 "$1" | xargs -P 4 -I{} curl -sf -o /dev/null -X POST "http://127.0.0.1:$mallard_http_port/users" \
        -H "X-Access-Token: $mallard_token" -H 'Content-Type: application/json' \
        -d "{\"username\":\"bench{}\",\"password\":\"$2\",\"address\":\"bench{}@example.com\"}"
}

# Mallard's exit status after the kill is not a failure: never let it stop the cleanup.
mallard_stop() {
    if [ -n "$mallard_pid" ]; then
        kill "$mallard_pid" 2>/dev/null || true
        wait "$mallard_pid" 2>/dev/null || true
        mallard_pid=""
    fi
}

# discard_work STATUS: a run's data directories hold gigabytes (a store per server, 100 users'
# mail); a session of runs filled the disk. They go when the run succeeded, and stay when it
# failed (the logs are in them) or KEEP_WORK is set.
discard_work() {
    if [ "$1" -eq 0 ] && [ -z "${KEEP_WORK:-}" ]; then
        rm -rf "$work"
    fi
}

# side_by_side NAME: $work for Mallard and a Dovecot, both stopped when the script exits.
side_by_side() {
    work=$(mktemp -d "/tmp/mallard-$1.XXXXXX")
    chmod 755 "$work"   # Dovecot's mail processes run as nobody and must reach their maildirs below it
    trap 'status=$?; mallard_stop; bench/dovecot.sh stop "$work/dovecot"; discard_work $status' EXIT
}

# imap_servers USERS COUNT: the jars, then a Dovecot and a Mallard side by side, each with users
# bench1..benchUSERS (password bench) holding the same COUNT messages, delivered over LMTP.
imap_servers() {
    bench_jars
    bench/dovecot.sh start "$work/dovecot" "$1"
    # Every client comes from 127.0.0.1: lift the per-address limits, as Dovecot has none, of
    # connections (default 50) and of logins in flight (they count in the failure window until
    # verified; default 100).
    mallard_start MALLARD_IMAP_ALLOWPLAINTEXTLOGIN=true MALLARD_IMAP_MAXCONNECTIONSPERIP=1000 MALLARD_ACCESS_IPFAILURES=1000
    mallard_users "$1" bench
    python3 bench/seed_lmtp.py --port "$mallard_lmtp_port" --count "$2" --rcpt $(seq -f 'bench%g@example.com' 1 "$1")
    python3 bench/seed_lmtp.py --port "$DOVECOT_LMTP_PORT" --count "$2" --rcpt $(seq -f 'bench%g' 1 "$1")
}

# The bench jar (load clients) and the standalone jar, built once.
bench_jars() {
    [ -f standalone/target/mallard-standalone.jar ] && [ -f bench/target/mallard-bench.jar ] \
        || ./mvnw -q -B -DskipTests package
}
