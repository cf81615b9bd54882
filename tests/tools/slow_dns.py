#!/usr/bin/python3
"""A DNS responder that answers every query after a set delay.

The kernel here has no netem qdisc, so a slow name server is made in user
space: each answer is sent by loop.call_later, with no task or thread per
query, so thousands of queries can wait at once. Names under the zone get
an A record (and an AAAA record with --aaaa) derived from the name; any
other name gets NXDOMAIN. Names under --fast-zone are answered at once. Every query is logged as "query NAME TYPE" (to
--log, or standard output), so tests can count what they asked.

Run it with /usr/bin/python3: it needs Debian's python3-dnslib.
"""
import argparse
import asyncio
import hashlib
import sys

from dnslib import AAAA, QTYPE, RCODE, RR, A, DNSRecord


def host_number(name):
    return int.from_bytes(hashlib.sha1(name.encode()).digest()[:2], "big") % 250 + 2


class Responder(asyncio.DatagramProtocol):
    def __init__(self, options, log):
        self.options = options
        self.log = log
        self.transport = None
        self.loop = asyncio.get_running_loop()

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        try:
            request = DNSRecord.parse(data)
        except Exception:  # not DNS: ignore, as a server would
            return
        name = str(request.q.qname).rstrip(".").lower()
        qtype = QTYPE.get(request.q.qtype, str(request.q.qtype))
        self.log.write(f"query {name} {qtype}\n")
        self.log.flush()
        reply = request.reply()
        zone = self.options.zone
        fast = self.options.fast_zone
        in_fast = bool(fast) and (name == fast or name.endswith("." + fast))
        if in_fast or name == zone or name.endswith("." + zone):
            number = host_number(name)
            if qtype == "A":
                reply.add_answer(RR(request.q.qname, QTYPE.A, rdata=A(f"192.0.2.{number}"), ttl=0))
            elif qtype == "AAAA" and self.options.aaaa:
                reply.add_answer(RR(request.q.qname, QTYPE.AAAA, rdata=AAAA(f"2001:db8::{number:x}"), ttl=0))
        else:
            reply.header.rcode = RCODE.NXDOMAIN
        self.loop.call_later(0 if in_fast else self.options.delay, self.transport.sendto, reply.pack(), addr)


async def serve(options):
    log = open(options.log, "a", buffering=1) if options.log else sys.stdout
    loop = asyncio.get_running_loop()
    await loop.create_datagram_endpoint(lambda: Responder(options, log), local_addr=(options.listen, options.port))
    print("ready", flush=True)
    await asyncio.Event().wait()  # until killed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=53)
    parser.add_argument("--delay", type=float, default=1.0, help="seconds before each answer")
    parser.add_argument("--zone", default="slow.test")
    parser.add_argument("--aaaa", action="store_true", help="answer AAAA queries too")
    parser.add_argument("--fast-zone", help="a second zone whose names are answered at once")
    parser.add_argument("--log", help="file to append the query log to")
    asyncio.run(serve(parser.parse_args()))


if __name__ == "__main__":
    main()
