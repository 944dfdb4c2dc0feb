#!/usr/bin/env python3
"""A real SMTP server for the tests (aiosmtpd), on 127.0.0.1 only.

Usage: smtp_sink.py PORT OUTDIR
Every message received is written to OUTDIR/<time>-<n>.eml exactly as it arrived on the
wire (CRLF line endings kept), with the envelope recipients in a matching .rcpt file.
Prints "ready PORT" once listening, and runs until its standard input closes.
With SMTP_SINK_AUTH=user:password in the environment it advertises AUTH (PLAIN, LOGIN)
without TLS, refuses mail until the client authenticates, and answers 535 to any other
credentials. With SMTP_SINK_DELAY_MS=N it waits N ms after storing each message before
answering 250, like a slow server: sends are then in flight long enough to be killed.
"""
import asyncio
import itertools
import os
import sys
import time

try:
    from aiosmtpd.controller import Controller
except ImportError:
    sys.exit("aiosmtpd is not installed: pip install aiosmtpd")

port = int(sys.argv[1])
outdir = sys.argv[2]
os.makedirs(outdir, exist_ok=True)
counter = itertools.count()
delay = int(os.environ.get("SMTP_SINK_DELAY_MS", "0")) / 1000


class Saver:
    async def handle_DATA(self, server, session, envelope):
        name = f"{time.time_ns()}-{next(counter)}"
        tmp = os.path.join(outdir, name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(envelope.original_content)
        with open(os.path.join(outdir, name + ".rcpt"), "w") as f:
            f.write("\n".join(envelope.rcpt_tos))
        os.rename(tmp, os.path.join(outdir, name + ".eml"))
        if delay:
            await asyncio.sleep(delay)
        return "250 OK"


auth = os.environ.get("SMTP_SINK_AUTH")
if auth:
    from aiosmtpd.smtp import AuthResult

    want_user, want_password = auth.split(":", 1)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (
            auth_data.login.decode() == want_user
            and auth_data.password.decode() == want_password
        )
        return AuthResult(success=ok, handled=False)

    controller = Controller(
        Saver(),
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticator,
        auth_required=True,
        auth_require_tls=False,
    )
else:
    controller = Controller(Saver(), hostname="127.0.0.1", port=port)
controller.start()
print("ready", port, flush=True)
try:
    sys.stdin.read()
finally:
    controller.stop()
