#!/usr/bin/env python3
"""LMTP delivery throughput, servers side by side: CONNECTIONS persistent connections (LHLO
once, then MAIL/RCPT/DATA) deliver SIZE-byte messages round-robin to users bench1..benchUSERS
for SECONDS per phase; the servers take turns ROUNDS times and the median round decides.
Messages are built once per size and only their Message-ID changes, so the client spends
its CPU on sockets, not on generating mail (its CPU share is printed to show it)."""
import argparse
import os
import smtplib
import statistics
import threading
import time


def body(size):
    """SIZE bytes of text lines (the headers add about 150 more)."""
    line = b"mallard duck pond feather migrate wetland quack drake hen nest reed river meeting\r\n"
    text = line * (size // len(line) + 1)
    return text[:size - 2] + b"\r\n"


class Phase:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = []
        self.errors = []


def connection(host, port, users, rcpt_format, payload, label, offset, deadline, phase):
    lmtp = smtplib.LMTP(host, port, timeout=60)
    lmtp.ehlo("bench")
    n = offset
    latencies = []
    try:
        while time.monotonic() < deadline:
            n += 1
            header = (f"From: sender@example.org\r\nTo: user@example.com\r\nSubject: load {n}\r\n"
                      f"Message-ID: <{label}.{n}@bench.example.org>\r\n\r\n").encode()
            started = time.monotonic()
            lmtp.mail("sender@example.org")
            code, reply = lmtp.rcpt(rcpt_format % (n % users + 1))
            if code != 250:
                raise smtplib.SMTPException(f"RCPT {code} {reply}")
            code, reply = lmtp.docmd("DATA")
            if code != 354:
                raise smtplib.SMTPException(f"DATA {code} {reply}")
            # The body has no line starting with a dot: sent as it is, ended by <CRLF>.<CRLF>.
            lmtp.send(header + payload + b".\r\n")
            code, reply = lmtp.getreply()
            ended = time.monotonic()
            if code != 250:
                raise smtplib.SMTPException(f"delivery {code} {reply}")
            if ended <= deadline:
                latencies.append(ended - started)
        lmtp.quit()
    except (smtplib.SMTPException, OSError) as e:
        with phase.lock:
            phase.errors.append(repr(e))
    with phase.lock:
        phase.latencies.extend(latencies)


def run_phase(server, connections, payload, users, seconds, label):
    name, host, port, rcpt_format = server
    phase = Phase()
    deadline = time.monotonic() + seconds
    cpu = time.process_time()
    threads = [threading.Thread(target=connection, args=(host, port, users, rcpt_format, payload, label,
                                                          i * 10_000_000, deadline, phase))
               for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"rate": len(phase.latencies) / seconds,
            "p99": sorted(phase.latencies)[int(0.99 * (len(phase.latencies) - 1))] * 1000 if phase.latencies else 0,
            "errors": phase.errors,
            "cpu": 100 * (time.process_time() - cpu) / seconds}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--connections", default="1,8")
    parser.add_argument("--sizes", default="2000,100000")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=float, default=20, help="untimed seconds per server first (JIT)")
    parser.add_argument("servers", nargs="+", help="name=host:port:rcpt-format (e.g. bench%%d@example.com)")
    args = parser.parse_args()
    servers = []
    for spec in args.servers:
        name, rest = spec.split("=", 1)
        host, port, rcpt_format = rest.split(":", 2)
        servers.append((name, host, int(port), rcpt_format))
    reference = servers[-1][0]
    run = os.urandom(4).hex()
    rows = []
    for server in servers:
        warm = run_phase(server, 8, body(2000), args.users, args.warmup, f"{run}.{server[0]}.warmup")
        print(f"warm-up {server[0]}: {warm['rate']:.0f} msgs/s", flush=True)
    for size in (int(s) for s in args.sizes.split(",")):
        payload = body(size)
        for connections in (int(c) for c in args.connections.split(",")):
            results = {server[0]: [] for server in servers}
            for round_ in range(args.rounds):
                for turn in range(len(servers)):
                    server = servers[(turn + round_) % len(servers)]
                    label = f"{run}.{server[0]}.{size}.{connections}.{round_}"
                    result = run_phase(server, connections, payload, args.users, args.seconds, label)
                    results[server[0]].append(result)
                    print(f"round {round_ + 1} {server[0]} {size / 1000:g} KB x {connections}: {result['rate']:.0f} msgs/s, "
                          f"p99 {result['p99']:.1f} ms, client CPU {result['cpu']:.0f}%, errors {len(result['errors'])}"
                          + (f" (first: {result['errors'][0]})" if result["errors"] else ""), flush=True)
            medians = {name: {key: statistics.median(r[key] for r in rs) for key in ("rate", "p99", "cpu")}
                       for name, rs in results.items()}
            for name, _, _, _ in servers:
                rows.append(f"| {size / 1000:g} KB | {connections} | {name} | {medians[name]['rate']:.0f} | "
                            f"{medians[name]['p99']:.1f} | {medians[name]['rate'] / medians[reference]['rate']:.2f} | "
                            f"{medians[name]['cpu']:.0f}% |")
    print(f"\nmedian of {args.rounds} rounds of {args.seconds:.0f} s\n")
    print(f"| body | connections | server | msgs/s | p99 ms | msgs/s vs {reference} | client CPU |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
