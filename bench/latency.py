"""How long a read takes on this machine as the data read grows: the step the caches make.

Usage (from the project root)::

    .venv/bin/python bench/latency.py                 # 0.25 MB to 512 MB
    .venv/bin/python bench/latency.py --sizes 1,16,256

Each size is an array of 8-byte integers holding one random cycle through all of it; the script
follows the cycle (each value read is the index of the next read), so every read waits for the one
before and none can be foreseen. The time per step is the interpreter's loop (a few tens of
nanoseconds) plus the wait for memory: flat while the array fits in a cache the process gets, then
higher. ``lscpu`` reports what the processor has, not what a process on a shared machine gets;
this shows the latter, which is what decides where the benchmark's phases slow down per node
(``outcome-graph check`` peaks at about 90 MB on a 10,000-node plan and 500 MB on a
100,000-node one).
"""

from __future__ import annotations

import argparse
import array
import random
import time

DEFAULT_SIZES = "0.25,1,2,4,8,16,32,64,128,256,512"


def random_cycle(n: int, seed: int = 0) -> array.array[int]:
    """An array of ``n`` integers where following ``i = a[i]`` from any element visits every element
    once, in a random order, before coming back."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    after = array.array("q", bytes(8 * n))
    for here, there in zip(order, order[1:] + order[:1]):
        after[here] = there
    return after


def step_time(megabytes: float, steps: int = 1_000_000, repeat: int = 3) -> float:
    """Seconds per step of a random cycle through ``megabytes`` of 8-byte integers (best of
    ``repeat``)."""
    after = random_cycle(max(2, int(megabytes * 2**20 / 8)))
    best = float("inf")
    for _ in range(repeat):
        i = 0
        start = time.perf_counter()
        for _ in range(steps):
            i = after[i]
        best = min(best, time.perf_counter() - start)
    return best / steps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="comma-separated sizes in MB")
    parser.add_argument("--steps", type=int, default=1_000_000, help="steps timed per size")
    args = parser.parse_args(argv)
    for megabytes in (float(s) for s in args.sizes.split(",") if s.strip()):
        print(
            f"{megabytes:8.2f} MB  {step_time(megabytes, args.steps) * 1e9:6.0f} ns per step",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
