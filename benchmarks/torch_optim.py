#!/usr/bin/python3
"""Times torch.optim.*.step() (float32, CPU, one thread) on 100 arrays of 10,000 floats, as
OptimizerBenchmark's `100x10000` shape, both with foreach=False (the per-tensor for-loop) and
foreach=True (the multi-tensor path).

    /usr/bin/python3 benchmarks/torch_optim.py

Gradients are random and fixed (step() reads them, it does not change them); the parameters drift
a little per step, which does not change the work. Prints the median and minimum ms per step over
many steps after a warm-up.
"""
import statistics
import time

import torch

N, LENGTH, STEPS, WARMUP = 100, 10000, 200, 20

OPTIMIZERS = [
    ("SGD momentum 0.9", lambda ps, fe: torch.optim.SGD(ps, lr=1e-3, momentum=0.9, foreach=fe)),
    ("Adam", lambda ps, fe: torch.optim.Adam(ps, lr=1e-3, foreach=fe)),
    ("AdamW wd 0.01", lambda ps, fe: torch.optim.AdamW(ps, lr=1e-3, weight_decay=0.01, foreach=fe)),
    ("RMSprop", lambda ps, fe: torch.optim.RMSprop(ps, lr=1e-3, foreach=fe)),
    ("Adagrad", lambda ps, fe: torch.optim.Adagrad(ps, lr=1e-3, foreach=fe)),
]


def main():
    torch.set_num_threads(1)
    torch.manual_seed(42)
    print("torch %s, threads %d, %d x %d float32" % (torch.__version__, torch.get_num_threads(), N,
                                                     LENGTH))
    for name, make in OPTIMIZERS:
        for foreach in (False, True):
            params = []
            for _ in range(N):
                p = torch.nn.Parameter(torch.randn(LENGTH, dtype=torch.float32))
                p.grad = torch.randn(LENGTH, dtype=torch.float32) * 0.01
                params.append(p)
            opt = make(params, foreach)
            for _ in range(WARMUP):
                opt.step()
            times = []
            for _ in range(STEPS):
                t0 = time.perf_counter_ns()
                opt.step()
                times.append(time.perf_counter_ns() - t0)
            print("%-18s foreach=%-5s median %.3f ms/step, min %.3f ms/step (%d steps)" % (
                name, foreach, statistics.median(times) / 1e6, min(times) / 1e6, STEPS))


if __name__ == "__main__":
    main()
