#!/usr/bin/env bash
# A throwaway Dovecot on loopback, the speed reference for Mallard's benchmarks.
#   bench/dovecot.sh start DIR USERS   users bench1..benchN, password "bench"
#   bench/dovecot.sh stop DIR
# Ports: POP3 ${DOVECOT_POP3_PORT:-11110}, IMAP ${DOVECOT_IMAP_PORT:-11143}, LMTP ${DOVECOT_LMTP_PORT:-11024}.
# Passwords are stored as Mallard stores them, Argon2id with m = 19 MiB, t = 2, p = 1 (hashed here
# through Dovecot's own libsodium), so a login costs both servers the same kind of work;
# DOVECOT_PASSWORD_SCHEME=PLAIN stores them in clear instead.
set -euo pipefail

# The passwd-file entry for password "bench".
password_entry() {
    if [ "${DOVECOT_PASSWORD_SCHEME:-ARGON2ID}" = PLAIN ]; then
        echo "{PLAIN}bench"
        return
    fi
    python3 - <<'PY'
import ctypes, ctypes.util
sodium = ctypes.CDLL(ctypes.util.find_library("sodium"))
assert sodium.sodium_init() >= 0
out = ctypes.create_string_buffer(128)
# crypto_pwhash_str_alg(out, password, length, opslimit = t, memlimit in bytes, ARGON2ID13 = 2)
assert sodium.crypto_pwhash_str_alg(out, b"bench", ctypes.c_ulonglong(5), ctypes.c_ulonglong(2),
                                    ctypes.c_size_t(19 * 1024 * 1024), ctypes.c_int(2)) == 0
print("{ARGON2ID}" + out.value.decode())
PY
}

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
    local entry
    entry=$(password_entry)
    for i in $(seq 1 "$users"); do echo "bench$i:$entry" >> "$dir/passwd"; done
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
service imap-login {
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
