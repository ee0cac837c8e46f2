"""A real SMTP server for the tests (aiosmtpd, from PyPI): keeps every message
it accepts as a file in a folder, refuses for good any recipient whose address
begins with `refused`, and runs until its standard input closes (the Rust
tests) or, with `--until-stopped`, until it is sent SIGTERM or SIGINT (the
browser tests, whose runner starts it with no standard input).

    python smtp_sink.py PORT FOLDER [--until-stopped]   (prints `ready` once it listens)
"""

import pathlib
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder: pathlib.Path) -> None:
        self.folder = folder
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refused"):
            return "550 5.1.1 <%s>: no such mailbox here" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode()
        # Written whole, then renamed: a reader never sees half a message.
        partial = self.folder / (".%04d.partial" % self.count)
        partial.write_bytes(content)
        partial.rename(self.folder / ("%04d.eml" % self.count))
        return "250 Message accepted for delivery"


def main() -> None:
    port, folder = int(sys.argv[1]), pathlib.Path(sys.argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    if "--until-stopped" in sys.argv[3:]:
        stopped = threading.Event()
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, lambda *_: stopped.set())
        while not stopped.wait(1):
            pass
    else:
        sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()
