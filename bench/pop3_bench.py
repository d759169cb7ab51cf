#!/usr/bin/env python3
"""POP3 download throughput, servers side by side: each round logs in, runs STAT and UIDL and
RETRs every message, then QUITs without DELE. Rounds alternate between the servers so that
both see the same machine load; the median round decides. A first untimed round per server
(--warmup) measures neither a cold JIT nor cold caches, on either side."""
import argparse
import poplib
import socket
import statistics
import time


def one_round(host, port, user, password):
    started = time.perf_counter()
    pop = poplib.POP3(host, port, timeout=120)
    pop.user(user)
    pop.pass_(password)
    login = time.perf_counter() - started
    count, _ = pop.stat()
    pop.uidl()
    octets = 0
    for number in range(1, count + 1):
        octets += pop.retr(number)[2]
    pop.quit()
    return time.perf_counter() - started, login, count, octets


def retr_latencies(host, port, user, password):
    """One more session over a bare socket: for each RETR, the time from sending the command to
    its status line, which is the server's turnaround alone (poplib's line handling, client work
    that is the same for every server, comes after it)."""
    sock = socket.create_connection((host, port), timeout=120)
    lines = sock.makefile("rb")
    lines.readline()
    for command in (f"USER {user}", f"PASS {password}", "STAT"):
        sock.sendall(command.encode() + b"\r\n")
        reply = lines.readline()
    count = int(reply.split()[1])
    turnaround = []
    for number in range(1, count + 1):
        started = time.perf_counter()
        sock.sendall(f"RETR {number}\r\n".encode())
        lines.readline()
        turnaround.append(time.perf_counter() - started)
        while (line := lines.readline()) not in (b".\r\n", b""):
            pass
    sock.sendall(b"QUIT\r\n")
    lines.readline()
    sock.close()
    return sorted(turnaround)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--latency", action="store_true",
                        help="then one session per server timing each RETR's turnaround")
    parser.add_argument("servers", nargs="+", help="name=host:port:user:password")
    args = parser.parse_args()
    servers = [(spec.split("=", 1)[0], spec.split("=", 1)[1].split(":", 3)) for spec in args.servers]
    times = {name: [] for name, _ in servers}
    logins = {name: [] for name, _ in servers}
    sizes = {}
    for _ in range(args.warmup):
        for _, (host, port, user, password) in servers:
            one_round(host, int(port), user, password)
    for _ in range(args.rounds):
        for name, (host, port, user, password) in servers:
            seconds, login, count, octets = one_round(host, int(port), user, password)
            times[name].append(seconds)
            logins[name].append(login)
            sizes[name] = (count, octets)
    # Throughput in messages, not time: servers may hand out different numbers of messages (a
    # maildrop limit). Not in bytes: each server's copy of a message carries the trace headers its
    # own delivery added (Dovecot's LMTP adds about 800 bytes a message, Mallard's about 230), so a
    # byte rate would credit a server for the bytes it added. The byte rate is printed as well.
    reference = servers[-1][0]
    rate = {name: sizes[name][0] / statistics.median(times[name]) for name, _ in servers}
    byte_rate = {name: sizes[name][1] / statistics.median(times[name]) for name, _ in servers}
    for name, _ in servers:
        print(f"{name} rounds (s): " + " ".join(f"{seconds:.3f}" for seconds in times[name]))
    for name, _ in servers:
        # connect, greeting, USER and PASS: the password check is most of it
        print(f"{name} login median (s): {statistics.median(logins[name]):.4f}")
    print(f"| server | messages | bytes | median s | msgs/s | MB/s | msgs/s vs {reference} | MB/s vs {reference} |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, _ in servers:
        median = statistics.median(times[name])
        count, octets = sizes[name]
        print(f"| {name} | {count} | {octets} | {median:.3f} | {count / median:.0f} | "
              f"{octets / median / 1e6:.1f} | {rate[name] / rate[reference]:.2f} | "
              f"{byte_rate[name] / byte_rate[reference]:.2f} |")
    if args.latency:
        print("| server | RETR turnaround p50 us | p90 us | p99 us | over 0.4 ms | sum ms |")
        print("| --- | --- | --- | --- | --- | --- |")
        for name, (host, port, user, password) in servers:
            turnaround = retr_latencies(host, int(port), user, password)
            p50, p90, p99 = (turnaround[min(len(turnaround) - 1, int(q * len(turnaround)))] * 1e6
                             for q in (0.5, 0.9, 0.99))
            print(f"| {name} | {p50:.0f} | {p90:.0f} | {p99:.0f} | "
                  f"{sum(1 for t in turnaround if t > 0.0004)} | {sum(turnaround) * 1e3:.1f} |")


if __name__ == "__main__":
    main()
