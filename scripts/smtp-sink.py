"""An SMTP server for the subscriber mail tests (aiosmtpd, on 127.0.0.1 only).

Usage: smtp-sink.py PORT OUTDIR [--tls CERT KEY] [--auth USER:PASSWORD]

Saves each message it accepts as OUTDIR/NNNN.json (envelope sender, recipients, whether the
session was under STARTTLS and authenticated, the message as text) and prints "ready" once it
listens. --tls offers STARTTLS with that certificate; --auth offers AUTH PLAIN and LOGIN (also
without TLS: the client sends credentials in the clear to loopback only) and refuses mail from
sessions that did not authenticate.
"""
import json, os, sys, time, ssl, threading
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

port, outdir = int(sys.argv[1]), sys.argv[2]
args = sys.argv[3:]
tls_context, credentials = None, None
while args:
    if args[0] == "--tls":
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(args[1], args[2])
        args = args[3:]
    elif args[0] == "--auth":
        credentials = args[1].split(":", 1)
        args = args[2:]
    else:
        sys.exit("unknown argument " + args[0])

count = 0
lock = threading.Lock()

class Handler:
    async def handle_DATA(self, server, session, envelope):
        global count
        if credentials and not session.authenticated:
            return "530 5.7.0 Authentication required"
        with lock:
            count += 1
            path = os.path.join(outdir, "%04d.json" % count)
        record = {
            "mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
            "tls": session.ssl is not None, "authenticated": bool(session.authenticated),
            "data": envelope.original_content.decode("utf-8", "replace"),
        }
        with open(path + ".tmp", "w") as f:
            json.dump(record, f)
        os.rename(path + ".tmp", path)
        return "250 OK"

def authenticator(server, session, envelope, mechanism, auth_data):
    ok = credentials is not None and auth_data.login.decode() == credentials[0] and auth_data.password.decode() == credentials[1]
    return AuthResult(success=ok)

kwargs = {"hostname": "127.0.0.1", "port": port}
if tls_context:
    kwargs["tls_context"] = tls_context
if credentials:
    kwargs.update(authenticator=authenticator, auth_require_tls=False, auth_required=False)
controller = Controller(Handler(), **kwargs)
controller.start()
print("ready", flush=True)
try:
    while True:
        time.sleep(3600)
except KeyboardInterrupt:
    pass
finally:
    controller.stop()
