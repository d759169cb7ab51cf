#!/usr/bin/env python3
"""Delivers COUNT varied messages to each recipient over LMTP: the same bytes to every server
compared, so that a benchmark measures the servers and not the mail (seeded generator).
Recipients share a transaction, BATCH at a time (RFC 2033 answers each one)."""
import argparse
import random
import smtplib
from email.message import EmailMessage

WORDS = ("mallard duck pond feather migrate wetland quack drake hen nest reed river "
         "meeting report invoice schedule draft review budget project release deploy").split()


def message(rng, n):
    msg = EmailMessage()
    msg["From"] = f"Sender {n % 17} <sender{n % 17}@example.org>"
    msg["To"] = "bench@example.com"
    msg["Subject"] = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 8)))
    msg["Message-ID"] = f"<bench-{n}@example.org>"
    paragraphs = rng.randint(1, 40)
    msg.set_content("\n\n".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 120)))
                                for _ in range(paragraphs)))
    if n % 5 == 0:  # every fifth message carries an attachment of 10-200 KB
        msg.add_attachment(rng.randbytes(rng.randint(10_000, 200_000)), maintype="application",
                           subtype="octet-stream", filename=f"file-{n}.bin")
    return msg.as_bytes()


def deliver(lmtp, recipients, raw):
    """One transaction; after DATA, LMTP answers once per accepted recipient (RFC 2033 §4.2),
    which smtplib's sendmail does not read."""
    code, reply = lmtp.mail("sender@example.org")
    if code != 250:
        raise SystemExit(f"MAIL: {code} {reply}")
    for rcpt in recipients:
        code, reply = lmtp.rcpt(rcpt)
        if code != 250:
            raise SystemExit(f"RCPT {rcpt}: {code} {reply}")
    replies = [lmtp.data(raw)] + [lmtp.getreply() for _ in recipients[1:]]
    failed = [(rcpt, reply) for rcpt, reply in zip(recipients, replies) if reply[0] != 250]
    if failed:
        raise SystemExit(f"DATA: {failed}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--rcpt", required=True, nargs="+")
    parser.add_argument("--batch", type=int, default=50, help="recipients per transaction")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    total = 0
    recipients = args.rcpt
    lmtp = smtplib.LMTP(args.host, args.port)
    lmtp.ehlo()
    for n in range(args.count):
        raw = message(rng, n)
        total += len(raw)
        for first in range(0, len(recipients), args.batch):
            batch = recipients[first:first + args.batch]
            deliver(lmtp, batch, raw)
    lmtp.quit()
    print(f"delivered {args.count} messages, {total} bytes, to each of {len(recipients)} recipients "
          f"({recipients[0]}...) on {args.host}:{args.port}")


if __name__ == "__main__":
    main()
