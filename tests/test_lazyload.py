"""events.lazyload: a heavy object loaded once per process, however many threads ask."""

import threading
import time

from events.lazyload import load_once


def test_load_once_runs_the_loader_once_when_threads_race() -> None:
    calls = []
    barrier = threading.Barrier(8)

    def slow_loader() -> object:
        calls.append(1)
        time.sleep(0.05)  # long enough for every other thread to arrive meanwhile
        return object()

    get = load_once(slow_loader)
    results = []

    def worker() -> None:
        barrier.wait()
        results.append(get())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert len(results) == 8 and all(result is results[0] for result in results)
