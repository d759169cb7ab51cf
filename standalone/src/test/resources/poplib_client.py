"""Python's poplib against Mallard: STLS with a non-verifying context, AUTH PLAIN, fetch and delete all.

The maildrop is the newest 250 INBOX messages, so the script logs in again until STAT says 0,
as a real client polling a large INBOX would.

Usage: poplib_client.py HOST PORT USER PASSWORD
Prints one line per step; exits non-zero on any protocol error.
"""
import base64
import hashlib
import poplib
import ssl
import sys

host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]

context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE

total = 0
uids = set()
digest = hashlib.sha256()
while True:
    pop = poplib.POP3(host, port, timeout=30)
    print("greeting", pop.getwelcome().decode())
    print("capa", " ".join(sorted(pop.capa())))
    pop.stls(context)
    print("stls ok")
    # RFC 5034 AUTH PLAIN with an initial response.
    plain = base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode()
    print("auth", pop._shortcmd("AUTH PLAIN " + plain).decode())
    count, octets = pop.stat()
    print("stat", count, octets)
    for line in pop.uidl()[1]:
        uids.add(line.split()[1])
    for number in range(1, count + 1):
        lines = pop.retr(number)[1]
        digest.update(b"\r\n".join(lines))
        pop.dele(number)
    total += count
    print("quit", pop.quit().decode())
    if count == 0:
        break
print("retrieved", total, len(uids), digest.hexdigest())
