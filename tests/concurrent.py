"""Requests sent at the same instant from many threads, each with its own database
connection, for the tests of what must hold under a crowd."""

import threading
from collections.abc import Callable
from contextlib import contextmanager

from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection


@contextmanager
def client_signals_held():
    """Django's test Client disconnects `close_old_connections` from the request signals
    around every request and connects it again afterwards. Those are global operations
    on a module-level signal, not meant for threads: with a dozen clients at once one
    thread can connect it back while another is half-way through its request. Held
    disconnected here for the whole burst (each thread closes its own connection at the
    end), so what a test measures is the application under concurrency, not that race."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def at_once[T](calls: list[Callable[[], T]], timeout: float = 30) -> list[T]:
    """Run each call in a thread of its own, all released together by a barrier; return
    their results in the order of `calls` (an exception in one is raised here)."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)
    errors: list[BaseException] = []

    def run(index: int, call: Callable[[], T]) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except BaseException as error:  # handed to the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    with client_signals_held():
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=timeout)
    if errors:
        raise errors[0]
    return results
