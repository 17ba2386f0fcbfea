#!/usr/bin/env python3
"""Golden data for dev.anneal.LrRangeTest (the LR range test).

Run from the repository root with a Python that has numpy and torch:

    /usr/bin/python3 runtime/src/test/golden/lr_find_golden.py

It writes runtime/src/test/resources/golden/lrfind/<case>.txt and index.txt. The Java test
(LrRangeTestGoldenTest) feeds each case's losses through LrRangeTest.record and compares the LRs,
the raw and smoothed losses, the stop point and every suggestion to 1e-12 relative.

References (transcribed below, cited by repository, path and commit):

- pytorch-lr-finder, davidtvs/pytorch-lr-finder, torch_lr_finder/lr_finder.py
  (commit 00abb9079101da04867e49fa67b16396f45d9179):
  * ExponentialLR.get_lr: base_lr * (end_lr / base_lr) ** r, r = last_epoch / (num_iter - 1);
    LinearLR.get_lr: base_lr + r * (end_lr - base_lr). The sweep reaches end_lr at the last step.
  * range_test: the loss is recorded, best_loss updated, then the test stops once
    loss > diverge_th * best_loss (the diverging point itself is recorded).
  * plot(suggest_lr=True): lrs[skip_start:-skip_end], losses[skip_start:-skip_end],
    min_grad_idx = np.gradient(np.array(losses)).argmin(), suggestion lrs[min_grad_idx].
- fastai, fastai/fastai, fastai/callback/schedule.py (commit 0a049e8a90b86d70860f68072698245a1ee787ca):
  * LRFinder.after_batch: best_loss = min(smooth_loss); stop when smooth_loss > 4 * best_loss.
  * lr_find: the suggestion functions get recorder.lrs[num_it//10:-5] and the smoothed losses
    recorder.losses[num_it//10:-5] (cut at the first NaN).
  * valley, minimum, steep: copied verbatim below (run here on float64 tensors; fastai itself runs
    them on float32 tensors built by `tensor(...)`).
- fastai, fastai/learner.py AvgSmoothLoss (same commit family): an EMA with beta = 0.98 and bias
  correction val / (1 - beta**count). fastai v2 writes it as torch.lerp(loss, val, beta) in
  float32; anneal (and this script) use the textbook form avg = beta*avg + (1-beta)*loss in
  float64, as fastai v1 and the 2018 pytorch-lr-finder did.

anneal's own documented rules (mirrored here, not taken from a library):
- the last LR is `end` exactly (the formula above may be one ulp off);
- a non-finite loss stops the sweep and is not recorded (fastai cuts its curve at the first NaN);
- steepest() on a linear sweep uses np.gradient(losses, np.log(lrs)) (per log-LR, as the design
  asks); on an exponential sweep the log-LR spacing is uniform and the pytorch-lr-finder rule
  np.gradient(losses) is used as is;
- every suggestion needs at least 2 points after skipping the first steps//10 and the last 5.
"""

import math
import os

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden", "lrfind")


# ---- fastai/callback/schedule.py (commit 0a049e8a90b86d70860f68072698245a1ee787ca), verbatim ----
def valley(lrs: list, losses: list, num_it: int):
    "Suggests a learning rate from the longest valley and returns its index"
    n = len(losses)
    max_start, max_end = 0, 0

    # find the longest valley
    lds = [1] * n
    for i in range(1, n):
        for j in range(0, i):
            if (losses[i] < losses[j]) and (lds[i] < lds[j] + 1):
                lds[i] = lds[j] + 1
            if lds[max_end] < lds[i]:
                max_end = i
                max_start = max_end - lds[max_end]

    sections = (max_end - max_start) / 3
    idx = max_start + int(sections) + int(sections / 2)

    return float(lrs[idx]), (float(lrs[idx]), losses[idx])


def minimum(lrs: list, losses: list, num_it: int):
    "Suggests a learning rate one-tenth the minumum before divergance and returns its index"
    lr_min = lrs[losses.argmin()].item()
    loss_idx = losses[min(range(len(lrs)), key=lambda i: abs(lrs[i] - lr_min))]
    return lr_min / 10, (lr_min, loss_idx)


def steep(lrs: list, losses: list, num_it: int) -> (float, tuple):
    "Suggests a learning rate when the slope is the steepest and returns its index"
    grads = (losses[1:] - losses[:-1]) / (lrs[1:].log() - lrs[:-1].log())
    lr_steep = lrs[grads.argmin()].item()
    loss_idx = losses[min(range(len(lrs)), key=lambda i: abs(lrs[i] - lr_steep))]
    return lr_steep, (lr_steep, loss_idx)
# ---- end of verbatim fastai ----


def sweep_lrs(kind, start, end, steps):
    """pytorch-lr-finder ExponentialLR / LinearLR get_lr for last_epoch = 0 .. steps-1."""
    out = []
    for i in range(steps):
        r = i / (steps - 1)
        if kind == "exponential":
            out.append(start * (end / start) ** r)
        else:
            out.append(start + r * (end - start))
    out[-1] = end  # anneal: the sweep ends on `end` exactly
    return out


def record(lrs, feed, beta, divergence):
    """The recording loop: EMA with bias correction, stop on divergence or a non-finite loss."""
    avg, best = 0.0, math.inf
    raw, smoothed = [], []
    stop = "done"
    for i, loss in enumerate(feed):
        if not math.isfinite(loss):
            stop = "nonfinite"
            break
        avg = beta * avg + (1 - beta) * loss
        s = avg / (1 - beta ** (i + 1))
        raw.append(loss)
        smoothed.append(s)
        if s < best:
            best = s
        if not math.isinf(divergence) and s > divergence * best:
            stop = "diverged"
            break
    return raw, smoothed, stop


def steepest(kind, lrs, losses):
    """pytorch-lr-finder plot(suggest_lr=True) on the already skipped lists."""
    if kind == "exponential":
        idx = np.gradient(np.array(losses)).argmin()
    else:
        idx = np.gradient(np.array(losses), np.log(np.array(lrs))).argmin()
    return lrs[idx]


def round2(x):
    return float("%.2g" % x)


def loss_curve(lrs, rng, floor=0.35, top=2.3, drop_at=1e-3, width=0.5, blow_at=0.3, blow=3.0,
               noise=0.03, nan_at=None):
    """A realistic range-test curve: a plateau at `top`, a sigmoid drop (in log10 LR) around
    `drop_at` towards `floor`, an exponential blow-up past `blow_at`, multiplicative noise."""
    out = []
    for i, lr in enumerate(lrs):
        x = math.log10(lr)
        base = floor + (top - floor) / (1 + math.exp((x - math.log10(drop_at)) / width))
        base += math.exp(blow * (x - math.log10(blow_at))) if blow > 0 else 0.0
        out.append(base * (1 + noise * rng.standard_normal()))
    if nan_at is not None:
        out[nan_at] = math.nan
    return out


def case(name, kind, start, end, steps, seed, beta=0.98, divergence=4.0, feed=None, **curve):
    lrs = sweep_lrs(kind, start, end, steps)
    if feed is None:
        feed = loss_curve(lrs, np.random.default_rng(seed), **curve)
    raw, smoothed, stop = record(lrs, feed, beta, divergence)
    n = len(raw)
    rec_lrs = lrs[:n]
    lines = [
        "# generated by runtime/src/test/golden/lr_find_golden.py; do not edit",
        "kind " + kind,
        "start " + repr(start),
        "end " + repr(end),
        "steps %d" % steps,
        "beta " + repr(beta),
        "divergence " + ("Infinity" if math.isinf(divergence) else repr(divergence)),
        "feed " + " ".join("NaN" if math.isnan(v) else repr(v) for v in feed),
        "recorded %d" % n,
        "stop " + stop,
        "lrs " + " ".join(repr(v) for v in rec_lrs),
        "losses " + " ".join(repr(v) for v in raw),
        "smoothed " + " ".join(repr(v) for v in smoothed),
    ]
    lo, hi = steps // 10, n - 5
    if hi - lo < 2:
        lines.append("suggestions none")
    else:
        sl_lrs, sl_losses = rec_lrs[lo:hi], smoothed[lo:hi]
        t_lrs = torch.tensor(sl_lrs, dtype=torch.float64)
        t_losses = torch.tensor(sl_losses, dtype=torch.float64)
        v = valley(t_lrs, t_losses, steps)[0]
        lines += [
            "suggestions some",
            "steepest " + repr(float(steepest(kind, sl_lrs, sl_losses))),
            "steep " + repr(float(steep(t_lrs, t_losses, steps)[0])),
            "valley " + repr(float(v)),
            "minimum " + repr(float(minimum(t_lrs, t_losses, steps)[0])),
            "onecycle_peak " + repr(round2(v)),
            "cyclic_high " + repr(round2(v)),
            "cyclic_low " + repr(round2(v / 4)),
        ]
    with open(os.path.join(OUT, name + ".txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("%-20s recorded %4d of %4d, stop %s" % (name, n, steps, stop))
    return name


def main():
    os.makedirs(OUT, exist_ok=True)
    names = [
        # the classic fastai defaults: 1e-7 .. 10 in 100 steps, diverges near the end
        case("u_exp_default", "exponential", 1e-7, 10.0, 100, seed=1),
        case("u_exp_long", "exponential", 1e-6, 1.0, 400, seed=2, drop_at=3e-4, blow_at=0.5,
             noise=0.05),
        # no blow-up inside the range: the sweep completes
        case("u_exp_complete", "exponential", 1e-5, 1e-1, 150, seed=3, blow_at=10.0),
        case("flat", "exponential", 1e-7, 10.0, 100, seed=4, floor=1.0, top=1.0, blow=0.0,
             noise=0.01),
        case("linear", "linear", 1e-4, 1.0, 120, seed=5, drop_at=0.02, width=0.3, blow_at=0.2,
             blow=8.0),
        case("linear_complete", "linear", 1e-3, 0.5, 80, seed=6, drop_at=0.03, blow_at=5.0),
        case("knobs", "exponential", 1e-6, 3.0, 200, seed=7, beta=0.9, divergence=3.0,
             noise=0.08),
        case("no_divergence_stop", "exponential", 1e-6, 10.0, 120, seed=8,
             divergence=math.inf),
        case("no_smoothing", "exponential", 1e-6, 1.0, 60, seed=9, beta=0.0, blow_at=10.0),
        case("nan_midway", "exponential", 1e-7, 10.0, 100, seed=10, nan_at=70),
        # diverges so early that no suggestion is possible
        case("early_divergence", "exponential", 1e-3, 100.0, 100, seed=11, drop_at=1e-5,
             blow_at=2e-3, blow=6.0),
        # 7 points, strictly decreasing: the suggestion slice has 2 points and fastai's valley
        # computes index -1 (Python: the last element)
        case("tiny_decreasing", "exponential", 1e-4, 1e-1, 7, seed=12,
             feed=[2.0, 1.9, 1.7, 1.5, 1.3, 1.2, 1.1]),
    ]
    with open(os.path.join(OUT, "index.txt"), "w") as f:
        f.write("\n".join(names) + "\n")


if __name__ == "__main__":
    main()
