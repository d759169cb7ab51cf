"""A real LMTP client (Python's smtplib.LMTP) for LmtpPythonClientTest.

Usage: lmtp_client.py HOST PORT SENDER MESSAGE_FILE RCPT...
Upgrades with STARTTLS (self-signed certificate: not verified), then sends one message with
BODY=8BITMIME and SMTPUTF8 and prints tab-separated lines: the LHLO features, the RCPT replies
and, per accepted recipient, its reply after DATA (RFC 2033 §4.2: one reply each, in RCPT order).
"""
import smtplib
import ssl
import sys

host, port, sender, message_file = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
recipients = sys.argv[5:]
with open(message_file, "rb") as f:
    message = f.read()

lmtp = smtplib.LMTP(host, port, timeout=20)
code, _ = lmtp.ehlo()
assert code == 250 and lmtp.has_extn("starttls"), lmtp.esmtp_features
lmtp.starttls(context=ssl._create_unverified_context())
lmtp.ehlo()
print("features\t" + " ".join(sorted(lmtp.esmtp_features)))
lmtp.mail(sender, ["BODY=8BITMIME", "SMTPUTF8"])
accepted = []
for rcpt in recipients:
    code, text = lmtp.rcpt(rcpt)
    print("\t".join(["rcpt", rcpt, str(code), text.decode()]))
    if code == 250:
        accepted.append(rcpt)
if accepted:
    code, text = lmtp.data(message)
    print("\t".join(["data", accepted[0], str(code), text.decode()]))
    for rcpt in accepted[1:]:
        code, text = lmtp.getreply()
        print("\t".join(["data", rcpt, str(code), text.decode()]))
lmtp.quit()
