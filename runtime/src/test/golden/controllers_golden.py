#!/usr/bin/python3
"""Golden data for anneal's metric controllers (PlateauSchedule, EarlyStopper).

Run from the repository root with a Python that has torch 1.13 (Debian's python3-torch):

    /usr/bin/python3 runtime/src/test/golden/controllers_golden.py

Writes runtime/src/test/resources/golden/controllers/{pytorch_plateau,keras_plateau,
keras_early_stopping}.txt. Deterministic (fixed seeds). Tests read only those files.

References:
- PyTorch: the real torch.optim.lr_scheduler.ReduceLROnPlateau of the installed torch (1.13;
  pytorch/pytorch torch/optim/lr_scheduler.py, whose step/is_better/_reduce_lr are unchanged in
  current main apart from tensor LRs), driven through an SGD optimizer.
- Keras: keras-team/keras keras/src/callbacks/reduce_lr_on_plateau.py and
  keras/src/callbacks/early_stopping.py (Keras 3, commit 040582fc160b1080954ddc1f554dd70fbbb1da5a),
  transcribed line by line below (Keras itself is not installed). The optimizer's learning rate is
  kept as a float64 number (Keras stores it in a float32 variable); the callback's arithmetic and
  its `old_lr > np.float32(min_lr)` check are as written.

File format: comment lines start with '#'; each case is
    case <n>
    rules <name>=<value> ...
    metric <v> ...
    <series> <v> ...
with floats written by repr() (shortest round-trip form; NaN, Infinity, -Infinity).
"""

import math
import os
import random

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden", "controllers")


def fmt(x):
    if isinstance(x, bool):
        return "1" if x else "0"
    if isinstance(x, int):
        return str(x)
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return repr(x)


def metrics(rng, n):
    """A random metric sequence: plateaus, noise, ties, negatives and non-finite values."""
    kind = rng.choice(["plateau", "walk", "ties", "negative", "special", "steps", "tiny"])
    out = []
    v = rng.uniform(-2, 5)
    for i in range(n):
        if kind == "plateau":
            if rng.random() < 0.15:
                v -= rng.uniform(0, 0.5)
            x = v + rng.gauss(0, 1e-5) * (rng.random() < 0.5)
        elif kind == "walk":
            v += rng.gauss(-0.01, 0.05)
            x = v
        elif kind == "ties":
            x = round(v + rng.choice([-0.02, -0.01, 0, 0, 0.01]), 2)
            v = min(v, x) if rng.random() < 0.3 else v
        elif kind == "negative":
            v -= abs(rng.gauss(0, 0.02)) * (rng.random() < 0.4)
            x = -1.0 - v * v + rng.choice([0, 0, 1e-4, -1e-4])
        elif kind == "special":
            v += rng.gauss(-0.005, 0.03)
            x = rng.choice([v, v, v, v, v, float("nan"), float("inf"), -float("inf")])
        elif kind == "steps":
            if rng.random() < 0.1:
                v = v * rng.choice([0.5, 0.9, 0.99, 0.9999, 1.0])
            x = v
        else:  # tiny: differences around the thresholds
            x = v * (1 + rng.choice([-2e-4, -1e-4, -5e-5, 0, 1e-4])) if rng.random() < 0.5 else v
            v = x if rng.random() < 0.5 else v
        out.append(float(x))
    return out


def plateau_rules(rng, compat):
    goal = rng.choice(["MINIMIZE", "MINIMIZE", "MAXIMIZE"])
    r = {
        "goal": goal,
        "factor": rng.choice([0.1, 0.5, 0.3, 0.9, 0.7]),
        "patience": rng.choice([0, 1, 2, 3, 5]),
        "cooldown": rng.choice([0, 0, 1, 2, 4]),
        "minScale": rng.choice([0.0, 0.0, 0.01, 0.2, 0.05]),
        "startAfter": rng.choice([0, 0, 0, 2, 5]),
        "value": rng.choice([0.1, 1.0, 3e-4, 0.05, 2.5]),
    }
    if compat == "PYTORCH" and rng.random() < 0.5:
        r["relThreshold"], r["absThreshold"] = 0.0, rng.choice([0.0, 1e-3, 0.01, 0.1])
    elif compat == "PYTORCH":
        r["relThreshold"], r["absThreshold"] = rng.choice([0.0, 1e-4, 1e-3, 0.01, 0.1]), 0.0
    else:  # KERAS: min_delta = absThreshold
        r["relThreshold"], r["absThreshold"] = 1e-4, rng.choice([0.0, 1e-4, 1e-3, 0.01, 0.1])
    return r


def run_torch(r, ms):
    value = r["value"]
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=value)
    mode = "max" if r["goal"] == "MAXIMIZE" else "min"
    rel_mode = r["absThreshold"] == 0.0
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(
        opt, mode=mode, factor=r["factor"], patience=r["patience"],
        threshold=r["relThreshold"] if rel_mode else r["absThreshold"],
        threshold_mode="rel" if rel_mode else "abs", cooldown=r["cooldown"],
        min_lr=r["minScale"] * value, eps=1e-8)
    lrs = []
    for i, m in enumerate(ms):
        if i >= r["startAfter"]:
            sched.step(m)
        lrs.append(opt.param_groups[0]["lr"])
    return {"lr": lrs}


class KerasReduceLROnPlateau:
    """keras/src/callbacks/reduce_lr_on_plateau.py, on_epoch_end, with the LR as a float."""

    def __init__(self, lr, mode, factor, patience, min_delta, cooldown, min_lr):
        self.lr = lr
        self.factor = factor
        self.min_lr = min_lr
        self.min_delta = min_delta
        self.patience = patience
        self.cooldown = cooldown
        self.cooldown_counter = 0
        self.wait = 0
        if mode == "min":
            self.monitor_op = lambda a, b: np.less(a, b - self.min_delta)
            self.best = np.inf
        else:
            self.monitor_op = lambda a, b: np.greater(a, b + self.min_delta)
            self.best = -np.inf

    def in_cooldown(self):
        return self.cooldown_counter > 0

    def on_epoch_end(self, current):
        if self.in_cooldown():
            self.cooldown_counter -= 1
            self.wait = 0

        if self.monitor_op(current, self.best):
            self.best = current
            self.wait = 0
        elif not self.in_cooldown():
            self.wait += 1
            if self.wait >= self.patience:
                old_lr = float(self.lr)
                if old_lr > np.float32(self.min_lr):
                    new_lr = old_lr * self.factor
                    new_lr = max(new_lr, self.min_lr)
                    self.lr = new_lr
                    self.cooldown_counter = self.cooldown
                    self.wait = 0


def run_keras_plateau(r, ms):
    value = r["value"]
    cb = KerasReduceLROnPlateau(value, "max" if r["goal"] == "MAXIMIZE" else "min", r["factor"],
                                r["patience"], r["absThreshold"], r["cooldown"], r["minScale"] * value)
    lrs = []
    for i, m in enumerate(ms):
        if i >= r["startAfter"]:
            cb.on_epoch_end(m)
        lrs.append(float(cb.lr))
    return {"lr": lrs}


class KerasEarlyStopping:
    """keras/src/callbacks/early_stopping.py, on_epoch_end (mode 'min'/'max', no weights)."""

    def __init__(self, mode, min_delta, patience, baseline, start_from_epoch):
        self.patience = patience
        self.baseline = baseline
        self.min_delta = abs(min_delta)
        self.wait = 0
        self.start_from_epoch = start_from_epoch
        # _set_monitor_op
        self.monitor_op = np.less if mode == "min" else np.greater
        if self.monitor_op == np.less:
            self.min_delta *= -1
        self.best = float("inf") if self.monitor_op == np.less else -float("inf")
        self.best_epoch = 0
        self.stop_training = False

    def on_epoch_end(self, epoch, current):
        """Returns (stop requested at this call, improved at this call)."""
        if current is None or epoch < self.start_from_epoch:
            return False, False
        self.wait += 1
        if self._is_improvement(current, self.best):
            self.best = current
            self.best_epoch = epoch
            if self.baseline is None or self._is_improvement(current, self.baseline):
                self.wait = 0
            return False, True
        if self.wait >= self.patience and epoch > 0:
            self.stop_training = True
            return True, False
        return False, False

    def _is_improvement(self, monitor_value, reference_value):
        return bool(self.monitor_op(monitor_value - self.min_delta, reference_value))


def run_early_stopping(r, ms):
    """anneal's EarlyStopper: Keras's counting plus the nonFinite policy in front of it."""
    cb = KerasEarlyStopping("max" if r["goal"] == "MAXIMIZE" else "min", r["minDelta"],
                            r["patience"], None if math.isnan(r["baseline"]) else r["baseline"],
                            r["startAfter"])
    out = {"stop": [], "stopped": [], "improved": [], "best": [], "bestIndex": []}
    stopped = False
    best_index = -1
    for i, m in enumerate(ms):
        stop, improved = False, False
        if i < r["startAfter"]:
            pass
        elif not math.isfinite(m) and r["nonFinite"] == "STOP":
            stop = True
        elif not math.isfinite(m) and r["nonFinite"] == "IGNORE":
            pass
        elif not math.isfinite(m):  # COUNT_AS_BAD: never an improvement
            cb.wait += 1
            if cb.wait >= cb.patience and i > 0:
                stop = True
        else:
            stop, improved = cb.on_epoch_end(i, m)
        if improved:
            best_index = i
        stopped = stopped or stop
        out["stop"].append(stop)
        out["stopped"].append(stopped)
        out["improved"].append(improved)
        out["best"].append(cb.best if best_index >= 0 else float("nan"))
        out["bestIndex"].append(best_index)
    return out


def stopping_rules(rng):
    goal = rng.choice(["MINIMIZE", "MINIMIZE", "MAXIMIZE"])
    return {
        "goal": goal,
        "patience": rng.choice([0, 1, 2, 3, 5, 8]),
        "minDelta": rng.choice([0.0, 0.0, 1e-4, 1e-3, 0.01, 0.1]),
        "baseline": rng.choice([float("nan"), float("nan"), 0.0, 1.0, -1.0, 2.5]),
        "startAfter": rng.choice([0, 0, 0, 1, 3]),
        "nonFinite": rng.choice(["STOP", "COUNT_AS_BAD", "IGNORE"]),
    }


def write(name, title, cases):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        f.write("# " + title + "\n# generated by runtime/src/test/golden/controllers_golden.py; "
                "torch " + torch.__version__ + ", numpy " + np.__version__ + "\n")
        for n, (rules, ms, series) in enumerate(cases):
            f.write("case %d\n" % n)
            f.write("rules " + " ".join("%s=%s" % (k, v if isinstance(v, str) else fmt(v))
                                        for k, v in rules.items()) + "\n")
            f.write("metric " + " ".join(fmt(m) for m in ms) + "\n")
            for key, values in series.items():
                f.write(key + " " + " ".join(fmt(v) for v in values) + "\n")
    print("wrote", path, len(cases), "cases")


def main():
    os.makedirs(OUT, exist_ok=True)
    for compat, runner, seed in (("PYTORCH", run_torch, 1), ("KERAS", run_keras_plateau, 2)):
        rng = random.Random(seed)
        cases = []
        for _ in range(300):
            r = plateau_rules(rng, compat)
            ms = metrics(rng, rng.randint(20, 60))
            if r["goal"] == "MAXIMIZE" and rng.random() < 0.7:
                ms = [-m for m in ms]
            cases.append((dict(r, compat=compat), ms, runner(r, ms)))
        write(compat.lower() + "_plateau.txt",
              "ReduceLROnPlateau: LR after each observation (" + compat + ")", cases)
    rng = random.Random(3)
    cases = []
    for _ in range(400):
        r = stopping_rules(rng)
        ms = metrics(rng, rng.randint(5, 40))
        if r["goal"] == "MAXIMIZE" and rng.random() < 0.7:
            ms = [-m for m in ms]
        cases.append((r, ms, run_early_stopping(r, ms)))
    write("keras_early_stopping.txt", "EarlyStopping (Keras 3 counting + nonFinite policy)", cases)


if __name__ == "__main__":
    main()
