#!/usr/bin/env bash
# A throwaway Dovecot on loopback, the speed reference for Mallard's benchmarks.
#   bench/dovecot.sh start DIR USERS   users bench1..benchN, password "bench"
#   bench/dovecot.sh stop DIR
# Ports: POP3 ${DOVECOT_POP3_PORT:-11110}, IMAP ${DOVECOT_IMAP_PORT:-11143}, LMTP ${DOVECOT_LMTP_PORT:-11024};
# give each concurrent run its own ports and DIR.
# DOVECOT_PASSWORD: the passdb entry of every user ({PLAIN}bench by default; the IMAP benchmark
# passes an {ARGON2ID} hash with Mallard's parameters, so LOGIN costs the same on both sides).
set -euo pipefail

install_dovecot() {
    command -v dovecot >/dev/null && return
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        dovecot-core dovecot-imapd dovecot-pop3d dovecot-lmtpd >/dev/null
}

start() {
    local dir=$1 users=${2:-1}
    install_dovecot
    mkdir -p "$dir"/run "$dir"/state "$dir"/mail
    dir=$(cd "$dir" && pwd)
    : > "$dir/passwd"
    local password=${DOVECOT_PASSWORD:-"{PLAIN}bench"}
    for i in $(seq 1 "$users"); do echo "bench$i:$password" >> "$dir/passwd"; done
    local owner=""
    if [ "$(id -u)" = 0 ]; then
        # Mail processes run as nobody, login and internal processes as Debian's own users.
        chown -R nobody:nogroup "$dir/mail"
        chmod 755 "$dir"
        owner="default_login_user = dovenull
default_internal_user = dovecot"
        local uid=nobody gid=nogroup
    else
        local uid gid
        uid=$(id -un); gid=$(id -gn)
        owner="default_login_user = $uid
default_internal_user = $uid"
    fi
    cat > "$dir/dovecot.conf" <<CONF
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
protocols = imap pop3 lmtp
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$dir/mail/%n/Maildir
$owner
passdb {
  driver = passwd-file
  args = username_format=%n $dir/passwd
}
userdb {
  driver = static
  args = uid=$uid gid=$gid home=$dir/mail/%n
}
# One login and one mail process per IMAP connection (Debian's defaults): room for 100 clients
# that reconnect (the default limit is 100 processes).
service imap {
  process_limit = 250
}
service imap-login {
  process_limit = 250
  inet_listener imap {
    port = ${DOVECOT_IMAP_PORT:-11143}
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    port = ${DOVECOT_POP3_PORT:-11110}
  }
  inet_listener pop3s {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${DOVECOT_LMTP_PORT:-11024}
  }
}
protocol lmtp {
  postmaster_address = postmaster@localhost
}
CONF
    dovecot -c "$dir/dovecot.conf"
}

stop() {
    local dir=$1
    [ -f "$dir/dovecot.conf" ] && doveadm -c "$dir/dovecot.conf" stop 2>/dev/null || true
}

case "${1:-}" in
    start) start "$2" "${3:-1}" ;;
    stop) stop "$2" ;;
    *) echo "usage: $0 start DIR [USERS] | stop DIR" >&2; exit 2 ;;
esac
