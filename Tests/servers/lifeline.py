"""A test server must never outlive its test: it stops by itself when the process
that started it is gone (a test runner that crashed never sends SIGTERM) or after
a time limit, whichever comes first."""

import os
import threading
import time


def watch_parent(limit_seconds: float = 900) -> None:
    parent = os.getppid()
    started = time.monotonic()

    def watch():
        while True:
            if os.getppid() != parent or time.monotonic() - started > limit_seconds:
                os._exit(0)
            time.sleep(0.5)

    threading.Thread(target=watch, daemon=True).start()
