"""A local SMTP server standing in for the agency's mail relay (127.0.0.1, a free port).

It speaks just enough SMTP for Django's SMTP backend (EHLO/HELO, MAIL, RCPT, DATA,
RSET, NOOP, QUIT) and records each accepted message as (recipients, subject). After
``hold()``, a new connection gets no greeting until ``release()``: the client waits,
as it would on a relay that hangs, which lets a test catch a task worker in the
middle of sending. ``waiting`` is set once a client is held.
"""

from __future__ import annotations

import email
import socketserver
import threading
from email.policy import default


class SMTPStandIn:
    def __init__(self):
        self.messages: list[tuple[tuple[str, ...], str]] = []
        self.held = threading.Event()
        self.released = threading.Event()
        self.waiting = threading.Event()
        self.hold_after = 0
        stand_in = self

        class Handler(socketserver.StreamRequestHandler):
            def reply(self, line: str) -> None:
                self.wfile.write(f"{line}\r\n".encode())

            def handle(self):
                if stand_in.held.is_set() and len(stand_in.messages) >= stand_in.hold_after:
                    stand_in.waiting.set()
                    stand_in.released.wait(timeout=300)
                    return  # a held client is never greeted: it is gone by now
                self.reply("220 stand-in ESMTP")
                recipients: list[str] = []
                while line := self.rfile.readline():
                    command = line.decode(errors="replace").strip()
                    verb = command[:4].upper()
                    if verb in ("EHLO", "HELO"):
                        self.reply("250 stand-in")
                    elif verb == "MAIL":
                        recipients = []
                        self.reply("250 OK")
                    elif verb == "RCPT":
                        recipients.append(command.split(":", 1)[1].strip(" <>"))
                        self.reply("250 OK")
                    elif verb == "DATA":
                        self.reply("354 end with .")
                        data = b"".join(iter(self.rfile.readline, b".\r\n"))
                        message = email.message_from_bytes(data, policy=default)
                        stand_in.messages.append((tuple(recipients), str(message["Subject"])))
                        self.reply("250 OK queued")
                    elif verb == "QUIT":
                        self.reply("221 bye")
                        return
                    else:  # RSET, NOOP
                        self.reply("250 OK")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.server.server_address[1]}"

    def hold(self, after_messages: int = 0) -> None:
        """Hold every new connection once ``after_messages`` messages were accepted."""
        self.hold_after = after_messages
        self.released.clear()
        self.held.set()

    def release(self) -> None:
        self.held.clear()
        self.released.set()

    def stop(self) -> None:
        self.release()
        self.server.shutdown()
        self.server.server_close()
