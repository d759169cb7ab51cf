#!/usr/bin/env python3
"""Holds CONNECTIONS IMAP connections in IDLE (users bench1..benchUSERS, spread evenly), runs
--measure while they are held, then delivers one message over LMTP to SAMPLE users and reports
how long each of their idling connections took to see the EXISTS, counted from the LMTP reply.
Ends with DONE on every connection, which each must answer with a tagged OK: proof that all
of them were still alive. One process, asyncio: idle connections cost the client nothing."""
import argparse
import asyncio
import resource
import smtplib
import statistics
import subprocess
import sys
import time


class Idler:
    def __init__(self, index, user):
        self.index = index
        self.user = user
        self.reader = None
        self.writer = None
        self.exists_at = None
        self.done = None


async def tagged(reader, tag):
    while True:
        line = await reader.readline()
        if not line:
            raise ConnectionError(f"closed while waiting for {tag.decode()}")
        if line.startswith(tag + b" "):
            if not line.startswith(tag + b" OK"):
                raise ConnectionError(line.decode(errors="replace").strip())
            return


async def open_idle(idler, args, gate):
    async with gate:
        idler.reader, idler.writer = await asyncio.open_connection(args.host, args.port)
        greeting = await idler.reader.readline()
        if not greeting.startswith(b"* OK"):
            raise ConnectionError(f"greeting {greeting!r}")
        idler.writer.write(f'a1 LOGIN {idler.user} "{args.password}"\r\n'.encode())
        await tagged(idler.reader, b"a1")
        idler.writer.write(b"a2 SELECT INBOX\r\n")
        await tagged(idler.reader, b"a2")
        idler.writer.write(b"a3 IDLE\r\n")
        while True:
            line = await idler.reader.readline()
            if not line:
                raise ConnectionError("closed before IDLE continuation")
            if line.startswith(b"+"):
                return


async def watch(idler):
    """Reads until IDLE ends, noting when the first EXISTS arrives."""
    while True:
        line = await idler.reader.readline()
        if not line:
            idler.done = "closed"
            return
        if line.endswith(b" EXISTS\r\n") and idler.exists_at is None:
            idler.exists_at = time.monotonic()
        if line.startswith(b"a3 "):
            idler.done = line.decode(errors="replace").strip()
            return


def deliver(args, users):
    """One transaction per user, one after the other; returns when each was acknowledged."""
    lmtp = smtplib.LMTP(args.host, args.lmtp_port)
    lmtp.ehlo()
    acknowledged = {}
    for user in users:
        message = (f"From: sender@example.org\r\nTo: bench{user}@example.com\r\nSubject: wake up\r\n"
                   f"Message-ID: <idle-check-{user}@example.org>\r\n\r\nnew mail for the idlers\r\n").encode()
        refused = lmtp.sendmail("sender@example.org", [args.rcpt_format % user], message)
        if refused:
            raise SystemExit(f"refused: {refused}")
        acknowledged[user] = time.monotonic()
    lmtp.quit()
    return acknowledged


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--lmtp-port", type=int, required=True)
    parser.add_argument("--connections", type=int, default=10000)
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--password", default="bench")
    parser.add_argument("--rcpt-format", default="bench%d@example.com")
    parser.add_argument("--sample", type=int, default=20, help="users the check message goes to")
    parser.add_argument("--parallel", type=int, default=50, help="connections being set up at once")
    parser.add_argument("--wait", type=float, default=5.0, help="seconds to wait for EXISTS")
    parser.add_argument("--measure", help="shell command run while every connection idles")
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if args.connections + 100 > hard:
        raise SystemExit(f"open-file limit {hard} is too low for {args.connections} connections")

    idlers = [Idler(i, f"bench{i % args.users + 1}") for i in range(args.connections)]
    gate = asyncio.Semaphore(args.parallel)
    started = time.monotonic()
    results = await asyncio.gather(*(open_idle(idler, args, gate) for idler in idlers), return_exceptions=True)
    failures = [r for r in results if isinstance(r, BaseException)]
    idling = [idler for idler, r in zip(idlers, results) if not isinstance(r, BaseException)]
    print(f"idling: {len(idling)} of {args.connections} connections over {args.users} users "
          f"in {time.monotonic() - started:.0f} s; failures {len(failures)}"
          + (f" (first: {failures[0]!r})" if failures else ""), flush=True)
    watchers = [asyncio.ensure_future(watch(idler)) for idler in idling]

    if args.measure:
        await asyncio.sleep(2)
        proc = await asyncio.create_subprocess_shell(args.measure)
        await proc.wait()

    sample_users = sorted({idler.index % args.users + 1 for idler in idling})[:args.sample]
    loop = asyncio.get_running_loop()
    delivery_started = time.monotonic()
    acknowledged = await loop.run_in_executor(None, deliver, args, sample_users)
    delivery_seconds = time.monotonic() - delivery_started
    await asyncio.sleep(args.wait)
    sampled = [idler for idler in idling if idler.index % args.users + 1 in acknowledged]
    # From the LMTP reply for that user's message; negative when the EXISTS came first.
    seen = [idler.exists_at - acknowledged[idler.index % args.users + 1] for idler in sampled
            if idler.exists_at is not None]
    sampled_ids = {idler.index for idler in sampled}
    others = sum(1 for idler in idling if idler.exists_at is not None and idler.index not in sampled_ids)
    print(f"{len(sample_users)} deliveries, one at a time, took {delivery_seconds:.3f} s; "
          f"EXISTS reached {len(seen)} of their {len(sampled)} idling connections; "
          f"within 1 s of the LMTP reply: {sum(1 for s in seen if s <= 1.0)}; "
          + (f"min {min(seen) * 1000:.0f} ms, median {statistics.median(seen) * 1000:.0f} ms, "
             f"max {max(seen) * 1000:.0f} ms; " if seen else "")
          + f"EXISTS on other users' connections: {others}", flush=True)

    for idler in idling:
        idler.writer.write(b"DONE\r\n")
    await asyncio.wait(watchers, timeout=60)
    alive = sum(1 for idler in idling if idler.done and idler.done.startswith("a3 OK"))
    print(f"DONE answered with OK on {alive} of {len(idling)} connections", flush=True)
    for idler in idling:
        idler.writer.close()
    ok = not failures and alive == len(idling) and len(seen) == len(sampled) and all(s <= 1.0 for s in seen)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    asyncio.run(main())
