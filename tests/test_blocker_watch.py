"""The runner's blocker watch: one thread for a whole run, a sample only for a block that lasts."""

from __future__ import annotations

import threading
import time

from pgshift.runner.retry import BlockerWatch


def test_one_thread_watches_every_block_and_samples_only_the_slow_one() -> None:
    watch = BlockerWatch("postgresql://unused", pid=0, delay=0.05)
    samples: list[float] = []
    watch._sample = lambda: samples.append(time.monotonic())  # type: ignore[method-assign]
    before = threading.active_count()
    for _ in range(200):  # 200 quick migrations: no thread each, no sample
        with watch.watching():
            pass
    assert threading.active_count() == before + 1
    started = time.monotonic()
    with watch.watching():  # a block that waits: sampled once, after the delay
        time.sleep(0.3)
    with watch.watching():
        pass
    watch.close()
    assert len(samples) == 1 and samples[0] - started >= 0.05
    assert threading.active_count() == before  # close() ends the thread


def test_without_a_url_nothing_is_started() -> None:
    watch = BlockerWatch(None, pid=0, delay=0.01)
    before = threading.active_count()
    with watch.watching():
        time.sleep(0.05)
    assert threading.active_count() == before
    watch.close()
