#!/usr/bin/python3
"""Times torch.nn.utils.clip_grad_norm_ (L2, float32, CPU, one thread) on ClipBenchmark's shapes.

    /usr/bin/python3 benchmarks/torch_clip.py

Shapes as ClipBenchmark's `shape` parameter: 1 x 65536, 100 x 10000 and 64 x 1048576 floats.
As there, max_norm = (norm + 1e-6) * (1 - 2^-26): torch multiplies every gradient by the clamped
coefficient on every call whatever its value (no branch, see torch/nn/utils/clip_grad.py), and the
values do not drift, so every call does the same work. Prints the median and the minimum ns per call
over many calls after a warm-up.
"""
import statistics
import time

import torch

SHAPES = [(1, 65536, 3000), (100, 10000, 300), (64, 1048576, 30)]


def main():
    torch.set_num_threads(1)
    torch.manual_seed(42)
    print("torch %s, threads %d" % (torch.__version__, torch.get_num_threads()))
    for n, length, runs in SHAPES:
        params = []
        for _ in range(n):
            p = torch.nn.Parameter(torch.zeros(length, dtype=torch.float32))
            p.grad = torch.randn(length, dtype=torch.float32) * 0.01
            params.append(p)
        norm = float(torch.norm(torch.stack([torch.norm(p.grad.double()) for p in params])))
        max_norm = (norm + 1e-6) * (1 - 2.0 ** -26)
        for _ in range(max(3, runs // 10)):
            torch.nn.utils.clip_grad_norm_(params, max_norm)
        times = []
        for _ in range(runs):
            t0 = time.perf_counter_ns()
            torch.nn.utils.clip_grad_norm_(params, max_norm)
            times.append(time.perf_counter_ns() - t0)
        print("%dx%d: median %.0f ns/call, min %.0f ns/call (%d calls)" % (
            n, length, statistics.median(times), min(times), runs))


if __name__ == "__main__":
    main()
