#!/usr/bin/env python3
"""Server CPU per IMAP operation, Mallard and Dovecot side by side: CLIENTS logged-in clients
(each its own user) repeat one operation ROUNDS times each, and the servers' CPU time (from
/proc, user + system) over that phase is divided by the operations done. Throughput benchmarks
say which server is faster; this says which operation costs what, on each side.

Mallard is one JVM (its pid); Dovecot is its master and the processes below it, whose ended
children count through the master's children times. The client is Python's imaplib, so the
numbers are CPU of the servers only, never of the client."""
import argparse
import glob
import imaplib
import os
import random
import threading
import time

HEADERS = ("(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE "
           "BODY.PEEK[HEADER.FIELDS (DATE FROM TO CC SUBJECT MESSAGE-ID REFERENCES)])")
SEARCHES = {"search-unseen": "UNSEEN", "search-flagged-since": "FLAGGED SINCE 1-Jan-2020",
            "search-from": 'FROM "sender3"', "search-subject": 'SUBJECT "invoice"',
            "search-larger": "LARGER 20000"}
MESSAGE = (b"From: Bench <bench@example.org>\r\nTo: bench@example.com\r\nSubject: appended\r\n"
           b"Message-ID: <append@bench.example.org>\r\n\r\n"
           + b"mallard duck pond feather migrate wetland quack drake hen nest reed river\r\n" * 55)
OPERATIONS = ["login", "select", "fetch-headers", "fetch-body", "store", *SEARCHES, "append"]
TICKS = os.sysconf("SC_CLK_TCK")


def stat(pid):
    """utime, stime, cutime, cstime of a process, in clock ticks."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return [int(x) for x in fields[11:15]], int(fields[1])


def jvm_seconds(pid):
    times, _ = stat(pid)
    return (times[0] + times[1]) / TICKS


def tree_seconds(master):
    """The master's own and reaped children's time, plus the live children's own."""
    times, _ = stat(master)
    total = sum(times)
    for path in glob.glob("/proc/[0-9]*"):
        try:
            child, parent = stat(path.rsplit("/", 1)[1])
        except (OSError, ValueError, IndexError):
            continue
        if parent == master:
            total += child[0] + child[1]
    return total / TICKS


def run(operation, client, rng, i):
    if operation == "select":
        client.select("INBOX")
    elif operation == "fetch-headers":
        first = rng.randint(1, 151)
        client.fetch(f"{first}:{first + 49}", HEADERS)
    elif operation == "fetch-body":
        client.fetch(str(rng.randint(1, 200)), "BODY.PEEK[]")
    elif operation == "store":
        client.store(str(rng.randint(1, 200)), "+FLAGS" if i % 2 == 0 else "-FLAGS", "(\\Flagged)")
    elif operation in SEARCHES:
        client.search(None, SEARCHES[operation])
    elif operation == "append":
        client.append("Bench", "(\\Seen)", None, MESSAGE)


def worker(port, user, operation, rounds, failures):
    rng = random.Random(user)
    try:
        if operation == "login":
            for _ in range(rounds):
                client = imaplib.IMAP4("127.0.0.1", port)
                client.login(user, "bench")
                client.logout()
            return
        client = imaplib.IMAP4("127.0.0.1", port)
        client.login(user, "bench")
        client.select("INBOX")
        for i in range(rounds):
            run(operation, client, rng, i)
        client.logout()
    except (imaplib.IMAP4.error, OSError) as e:
        failures.append(f"{user} {operation}: {e}")


def phase(port, seconds, operation, clients, rounds):
    failures = []
    threads = [threading.Thread(target=worker, args=(port, f"bench{k + 1}", operation, rounds, failures))
               for k in range(clients)]
    cpu, started = seconds(), time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done = clients * rounds
    return (seconds() - cpu) * 1e6 / done, done / (time.monotonic() - started), failures


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mallard", required=True, help="port:pid")
    parser.add_argument("--dovecot", required=True, help="port:master pid")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=5,
                        help="untimed passes over every operation first (the JVM compiles meanwhile)")
    args = parser.parse_args()
    mallard_port, mallard_pid = (int(x) for x in args.mallard.split(":"))
    dovecot_port, dovecot_master = (int(x) for x in args.dovecot.split(":"))
    servers = [("mallard", mallard_port, lambda: jvm_seconds(mallard_pid)),
               ("dovecot", dovecot_port, lambda: tree_seconds(dovecot_master))]
    for _, port, _ in servers:
        for k in range(args.clients):
            client = imaplib.IMAP4("127.0.0.1", port)
            client.login(f"bench{k + 1}", "bench")
            client.create("Bench")  # NO when it exists: fine
            client.logout()
    for _ in range(args.warmup):
        for operation in OPERATIONS:
            for _, port, seconds in servers:
                phase(port, seconds, operation, args.clients, max(1, args.rounds // 4))
    print(f"{args.clients} clients, {args.rounds} operations each, server CPU per operation")
    print("| operation | mallard µs | mallard ops/s | dovecot µs | dovecot ops/s | CPU mallard/dovecot |")
    print("|---|---|---|---|---|---|")
    for operation in OPERATIONS:
        (m_cpu, m_rate, m_fail), (d_cpu, d_rate, d_fail) = (
            phase(port, seconds, operation, args.clients, args.rounds) for _, port, seconds in servers)
        print(f"| {operation} | {m_cpu:.0f} | {m_rate:.0f} | {d_cpu:.0f} | {d_rate:.0f} | {m_cpu / d_cpu:.2f} |",
              flush=True)
        for failure in m_fail[:3] + d_fail[:3]:
            print(f"  failed: {failure}")


if __name__ == "__main__":
    main()
