"""How a test server starts and ends. It must never outlive its test: it stops by
itself when the process that started it is gone (a test runner that crashed never
sends SIGTERM) or after a time limit, whichever comes first."""

import os
import signal
import threading
import time
from http.server import ThreadingHTTPServer


def watch_parent(limit_seconds: float = 900) -> None:
    # A parent's worker thread may have blocked these; the test must be able to stop us.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    parent = os.getppid()
    started = time.monotonic()

    def watch():
        while True:
            if os.getppid() != parent or time.monotonic() - started > limit_seconds:
                os._exit(0)
            time.sleep(0.5)

    threading.Thread(target=watch, daemon=True).start()


def serve(handler) -> None:
    """Serves `handler` on a free port of 127.0.0.1, printing the port first, until stopped."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
