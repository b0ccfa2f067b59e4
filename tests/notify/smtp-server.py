#!/usr/bin/python3
"""A real SMTP server on loopback for the email tests (Debian's
python3-aiosmtpd), with a self-signed certificate made here with the
openssl command line.

Usage: smtp-server.py MODE DIR
  MODE  starttls        STARTTLS required before AUTH (port 587 style)
        tls             TLS from the first byte (port 465 style)
        no-starttls     plain SMTP that never offers STARTTLS
        reject-login    STARTTLS, but every login is refused
  DIR   where cert.pem/key.pem are made and each message is saved as
        message-N.eml (its envelope recipients in message-N.rcpt)

Prints the port on the first line of stdout once it accepts connections,
then serves until stdin closes.
"""
import os, socket, ssl, subprocess, sys, warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

# AUTH without STARTTLS is what the implicit-TLS mode is: already encrypted.
warnings.simplefilter("ignore")

USER = b"olena@example.org"
PASSWORD = b"correct horse battery staple"

mode, directory = sys.argv[1], sys.argv[2]
cert = os.path.join(directory, "cert.pem")
key = os.path.join(directory, "key.pem")
subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
               check=True, capture_output=True)
context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)


class Handler:
    count = 0

    async def handle_DATA(self, server, session, envelope):
        Handler.count += 1
        base = os.path.join(directory, f"message-{Handler.count}")
        with open(base + ".rcpt", "w") as f:
            f.write("\n".join(envelope.rcpt_tos))
        # Written whole, then renamed: the test never reads half a message.
        with open(base + ".tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(base + ".tmp", base + ".eml")
        return "250 2.0.0 Message accepted for delivery"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (mode != "reject-login" and isinstance(auth_data, LoginPassword)
          and auth_data.login == USER and auth_data.password == PASSWORD)
    return AuthResult(success=ok, handled=False)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


kwargs = {"authenticator": authenticator, "auth_required": True}
if mode in ("starttls", "reject-login"):
    kwargs.update(tls_context=context, require_starttls=True, auth_require_tls=True)
elif mode == "tls":
    kwargs.update(ssl_context=context, auth_require_tls=False)
elif mode == "no-starttls":
    kwargs.update(auth_require_tls=False)
else:
    sys.exit(f"unknown mode {mode}")

port = free_port()
controller = Controller(Handler(), hostname="127.0.0.1", port=port, server_hostname="localhost", **kwargs)
controller.start()
print(port, flush=True)
try:
    sys.stdin.read()
finally:
    controller.stop()
