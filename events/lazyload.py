"""Load a big read-only thing once per process, on first use, even when threads race for it."""

import functools
import threading
from collections.abc import Callable


def load_once[T](load: Callable[[], T]) -> Callable[[], T]:
    """Wrap a loader of no arguments so it runs at most once, under a lock, on first call.

    functools.cache alone lets two threads that arrive together both run the loader (two
    ephemeris file handles, two copies of the zone polygons); the lock makes the second one
    wait for the first.  Once loaded, the value is read without taking the lock.
    """
    lock = threading.Lock()
    loaded: list[T] = []

    @functools.wraps(load)
    def get() -> T:
        if not loaded:
            with lock:
                if not loaded:
                    loaded.append(load())
        return loaded[0]

    return get
