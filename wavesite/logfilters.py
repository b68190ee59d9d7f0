"""Logging filters named in settings.LOGGING."""

import logging
import threading
import time


class OncePerInterval(logging.Filter):
    """Let a message through at most once every `seconds` per process.

    For messages that repeat on every request during an outage (django-redis logs each
    cache call it answers without Redis): the first says what is wrong, the rest would
    bury the log.
    """

    def __init__(self, seconds: float = 30.0):
        super().__init__()
        self.seconds = seconds
        self._last_passed: dict[tuple[str, object], float] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, record.msg)
        now = time.monotonic()
        with self._lock:
            last = self._last_passed.get(key)
            if last is not None and now - last < self.seconds:
                return False
            self._last_passed[key] = now
        return True
