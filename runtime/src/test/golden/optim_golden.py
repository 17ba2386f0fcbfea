#!/usr/bin/python3
"""Golden data for anneal's optimizers, generated with real PyTorch.

Run from the repository root with the interpreter that has torch (1.13 was used):

    /usr/bin/python3 runtime/src/test/golden/optim_golden.py

It rewrites runtime/src/test/resources/golden/optim/optim.txt (tests read it) and drift.txt (torch's
own float32-vs-float64 distance per case: the floor anneal's float runs must not exceed).

References:
  * torch.optim.SGD / Adam / AdamW / RMSprop / Adagrad (pytorch/pytorch v1.13.0,
    torch/optim/{sgd,adam,adamw,rmsprop,adagrad}.py), constructed with foreach=False so the
    _single_tensor_* functions run: called here, not re-implemented.
  * Keras 3 Adam / AdamW: keras/src/optimizers/adam.py, Adam.update_step, and
    keras/src/optimizers/base_optimizer.py, BaseOptimizer._apply_weight_decay (keras-team/keras,
    adam.py at commit 13de96aef1a446c21f545eb929a194ac06b343fd). Transcribed line by line below
    (keras_step), in torch ops of the variable's dtype.
    One convention of our own: the scalar coefficients (alpha, the decay factor) are computed in
    float64 and rounded once to the variable's dtype, as anneal and torch.optim do with Python
    floats; Keras computes them in the variable's dtype.

Every case runs 100 steps over three arrays of lengths 1, 37 and 131 (odd: vector tails), with
inputs that are float32 numbers (so the float32 and float64 runs start from the same values) drawn
from SplitMix64 (anneal's test reproduces the stream: value = float32(2 * u - 1) with u = (x >> 11)
* 2^-53; first every initial parameter, then per step every gradient, times gscale).

Groups: arrays 0 and 2 are in group 0 (scale 1, weight-decay multiplier 1), array 1 in group 1
(scale 0.5, multiplier 0): torch gets two param groups with lr * scale and weight_decay * mult.
Schedules: torch's group lr (and momentum / betas[0]) are set before every step to the listed
per-step values, which anneal's test feeds as a schedule. A clip is torch's clip_grad_norm_ for
float64; for float32 the factor min(1, max / (norm + 1e-6)) is computed from the float64 norm of
the float32 gradients and rounded to float32 before torch multiplies (anneal's float rule; torch's
own clip_grad_norm_ sums the float32 norm in float32).

Format: one record per case, lines of blank-separated tokens, numbers as Python repr of float64:

    case <name> <kind sgd|adam|adamw|rmsprop|adagrad> key=value ...   the attributes as anneal
    seed <n> gscale <g> groups <0|1> clip <max|none>
    lr <v x 100>            the lr of every step (group scale not applied)
    mom <v x 100> | mom none    momentum (sgd, rmsprop) or beta1 (adam, adamw) of every step
    f64 <v> ...             torch float64 parameters after 100 steps, one line per array
    f32 <v> ...             torch float32 parameters after 100 steps (exact float32 values)
"""

import math
import os

import numpy as np
import torch

torch.set_num_threads(1)
STEPS = 100
LENGTHS = [1, 37, 131]
GROUP_OF = [0, 1, 0]
SCALES = [1.0, 0.5]
WD_MULT = [1.0, 0.0]
M64 = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & M64

    def next_unit(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & M64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        z = z ^ (z >> 31)
        return (z >> 11) * 2.0**-53

    def next_float(self, scale=1.0):
        return float(np.float32((2 * self.next_unit() - 1) * scale))


def inputs(seed, gscale):
    rng = SplitMix64(seed)
    init = [[rng.next_float() for _ in range(n)] for n in LENGTHS]
    grads = [[[rng.next_float(gscale) for _ in range(n)] for n in LENGTHS] for _ in range(STEPS)]
    return init, grads


def lr_values(base):
    """Linear warm-up over 10 steps, then a cosine to 0 (any per-step values would do)."""
    out = []
    for k in range(STEPS):
        if k < 10:
            out.append(base * (k + 1) / 10)
        else:
            out.append(base * 0.5 * (1 + math.cos(math.pi * (k - 10) / (STEPS - 10))))
    return out


def mom_values(lo, hi):
    """A momentum cycle between hi and lo (as @CycleMomentum would give), period 40."""
    return [hi - (hi - lo) * 0.5 * (1 - math.cos(2 * math.pi * k / 40)) for k in range(STEPS)]


def make(kind, opts, groups, dtype_params):
    wd = opts.get("weightDecay", {"adamw": 0.01}.get(kind, 0.0))
    if groups:
        pg = [
            {
                "params": [p for p, g in zip(dtype_params, GROUP_OF) if g == gi],
                "weight_decay": wd * WD_MULT[gi],
            }
            for gi in range(len(SCALES))
        ]
    else:
        pg = [{"params": dtype_params, "weight_decay": wd}]
    mx = opts.get("maximize", False)
    if kind == "sgd":
        return torch.optim.SGD(
            pg,
            lr=1.0,
            momentum=opts.get("momentum", 0.0),
            dampening=opts.get("dampening", 0.0),
            nesterov=opts.get("nesterov", False),
            maximize=mx,
            foreach=False,
        )
    if kind in ("adam", "adamw"):
        cls = torch.optim.Adam if kind == "adam" else torch.optim.AdamW
        return cls(
            pg,
            lr=1.0,
            betas=(opts.get("beta1", 0.9), opts.get("beta2", 0.999)),
            eps=opts.get("eps", 1e-8),
            amsgrad=opts.get("amsgrad", False),
            maximize=mx,
            foreach=False,
        )
    if kind == "rmsprop":
        return torch.optim.RMSprop(
            pg,
            lr=1.0,
            alpha=opts.get("alpha", 0.99),
            eps=opts.get("eps", 1e-8),
            momentum=opts.get("momentum", 0.0),
            centered=opts.get("centered", False),
            maximize=mx,
            foreach=False,
        )
    if kind == "adagrad":
        return torch.optim.Adagrad(
            pg,
            lr=1.0,
            lr_decay=opts.get("lrDecay", 0.0),
            initial_accumulator_value=opts.get("initialAccumulator", 0.0),
            eps=opts.get("eps", 1e-10),
            maximize=mx,
            foreach=False,
        )
    raise ValueError(kind)


def clip_(params, max_norm, dtype):
    if dtype == torch.float64:
        torch.nn.utils.clip_grad_norm_(params, max_norm)
        return
    total = math.sqrt(sum(float((p.grad.double() ** 2).sum()) for p in params))
    coef = min(max_norm / (total + 1e-6), 1.0)
    c32 = torch.tensor(coef, dtype=torch.float32)
    for p in params:
        p.grad.mul_(c32)


def keras_step(state, params, grads, opts, kind, lr, beta1, dtype):
    """Keras 3 Adam.update_step (+ AdamW's _apply_weight_decay), line by line, per variable."""
    state["iterations"] += 1  # self.iterations + 1 == local_step inside update_step
    local_step = state["iterations"]
    beta2 = opts.get("beta2", 0.999)
    eps = opts.get("eps", 1e-8)  # anneal's default; Keras's 1e-7 is set per case
    wd = opts.get("weightDecay", 0.01 if kind == "adamw" else 0.0)
    for i, (variable, gradient) in enumerate(zip(params, grads)):
        g_lr = lr * (SCALES[GROUP_OF[i]] if state["groups"] else 1.0)
        g_wd = wd * (WD_MULT[GROUP_OF[i]] if state["groups"] else 1.0)
        if opts.get("maximize", False):
            gradient = -gradient
        if kind == "adamw":
            # _apply_weight_decay: variable.assign(variable - variable * wd * lr)
            variable.sub_(variable * torch.tensor(g_wd * g_lr, dtype=dtype))
        elif g_wd != 0:
            gradient = gradient + variable * torch.tensor(g_wd, dtype=dtype)  # anneal's L2 in @Adam
        beta_1_power = beta1**local_step  # ops.power(beta_1, local_step)
        beta_2_power = beta2**local_step
        m, v = state["m"][i], state["v"][i]
        # alpha = lr * ops.sqrt(1 - beta_2_power) / (1 - beta_1_power)
        alpha = torch.tensor(g_lr * math.sqrt(1 - beta_2_power) / (1 - beta_1_power), dtype=dtype)
        # self.assign_add(m, ops.multiply(ops.subtract(gradient, m), 1 - self.beta_1))
        m.add_((gradient - m) * torch.tensor(1 - beta1, dtype=dtype))
        # self.assign_add(v, ops.multiply(ops.subtract(ops.square(gradient), v), 1 - self.beta_2))
        v.add_((gradient * gradient - v) * torch.tensor(1 - beta2, dtype=dtype))
        if opts.get("amsgrad", False):
            v_hat = state["vhat"][i]
            v_hat.copy_(torch.maximum(v_hat, v))  # self.assign(v_hat, ops.maximum(v_hat, v))
            v = v_hat
        # self.assign_sub(variable, ops.divide(ops.multiply(m, alpha),
        #                                      ops.add(ops.sqrt(v), self.epsilon)))
        variable.sub_((m * alpha) / (v.sqrt() + torch.tensor(eps, dtype=dtype)))


def run(case, dtype):
    init, grads = inputs(case["seed"], case["gscale"])
    params = [torch.tensor(a, dtype=dtype) for a in init]
    kind, opts = case["kind"], case["opts"]
    keras = opts.get("compat") == "KERAS"
    if keras:
        state = {
            "iterations": 0,
            "groups": case["groups"],
            "m": [torch.zeros_like(p) for p in params],
            "v": [torch.zeros_like(p) for p in params],
            "vhat": [torch.zeros_like(p) for p in params],
        }
    else:
        params = [torch.nn.Parameter(p) for p in params]
        opt = make(kind, opts, case["groups"], params)
    for k in range(STEPS):
        lr = case["lr"][k]
        mom = case["mom"][k] if case["mom"] else None
        for p, g in zip(params, grads[k]):
            p.grad = torch.tensor(g, dtype=dtype)
        if case["clip"] is not None:
            clip_(params, case["clip"], dtype)
        if keras:
            beta1 = mom if mom is not None else opts.get("beta1", 0.9)
            with torch.no_grad():
                keras_step(state, params, [p.grad for p in params], opts, kind, lr, beta1, dtype)
            continue
        for gi, group in enumerate(opt.param_groups):
            group["lr"] = lr * (SCALES[gi] if case["groups"] else 1.0)
            if mom is not None:
                if kind in ("adam", "adamw"):
                    group["betas"] = (mom, group["betas"][1])
                else:
                    group["momentum"] = mom
        opt.step()
    return [p.detach().tolist() for p in params]


def cases():
    out = []
    seed = 1000

    def add(name, kind, base_lr, groups=True, clip=None, mom=None, gscale=1.0, **opts):
        nonlocal seed
        seed += 1
        out.append(
            {
                "name": name,
                "kind": kind,
                "opts": opts,
                "seed": seed,
                "gscale": gscale,
                "groups": groups,
                "clip": clip,
                "lr": lr_values(base_lr),
                "mom": mom,
            }
        )

    cyc = mom_values(0.85, 0.95)
    add("sgd_plain", "sgd", 0.05, groups=False)
    add("sgd_groups", "sgd", 0.05)
    add("sgd_momentum", "sgd", 0.05, momentum=0.9)
    add("sgd_dampening", "sgd", 0.05, momentum=0.9, dampening=0.1)
    add("sgd_nesterov", "sgd", 0.05, momentum=0.9, nesterov=True)
    add("sgd_wd", "sgd", 0.05, momentum=0.9, weightDecay=0.01)
    add("sgd_nesterov_wd_clip", "sgd", 0.05, clip=1.0, momentum=0.9, nesterov=True, weightDecay=0.05)
    add("sgd_maximize", "sgd", 0.05, momentum=0.9, maximize=True, weightDecay=0.01)
    add("sgd_momentum_schedule", "sgd", 0.05, mom=cyc, momentum=0.9)
    add("sgd_momentum_schedule_clip", "sgd", 0.05, clip=1.0, mom=cyc, momentum=0.9, dampening=0.2)
    add("adam_plain", "adam", 0.01, groups=False)
    add("adam_groups", "adam", 0.01)
    add("adam_amsgrad", "adam", 0.01, amsgrad=True)
    add("adam_l2", "adam", 0.01, weightDecay=0.01)
    add("adam_maximize", "adam", 0.01, maximize=True)
    add("adam_beta1_schedule", "adam", 0.01, mom=cyc)
    add("adam_clip_amsgrad_l2", "adam", 0.01, clip=1.0, amsgrad=True, weightDecay=0.1)
    add("adam_small_grads", "adam", 0.01, gscale=1e-6, eps=1e-6, beta2=0.99)
    add("adam_keras", "adam", 0.01, compat="KERAS", eps=1e-7)
    add("adam_keras_amsgrad_clip", "adam", 0.01, clip=1.0, compat="KERAS", amsgrad=True)
    add("adamw_plain", "adamw", 0.01, groups=False)
    add("adamw_groups", "adamw", 0.01)
    add("adamw_amsgrad", "adamw", 0.01, amsgrad=True, weightDecay=0.1)
    add("adamw_maximize", "adamw", 0.01, maximize=True)
    add("adamw_beta1_schedule_clip", "adamw", 0.01, clip=1.0, mom=cyc)
    add("adamw_keras", "adamw", 0.01, compat="KERAS", eps=1e-7, weightDecay=0.004)
    add("adamw_keras_schedule_maximize", "adamw", 0.01, mom=cyc, compat="KERAS", maximize=True)
    add("rmsprop_plain", "rmsprop", 0.001, groups=False)
    add("rmsprop_groups", "rmsprop", 0.001)
    add("rmsprop_centered", "rmsprop", 0.001, centered=True)
    add("rmsprop_momentum", "rmsprop", 0.001, momentum=0.9)
    add("rmsprop_centered_momentum_wd", "rmsprop", 0.001, centered=True, momentum=0.9,
        weightDecay=0.01)
    add("rmsprop_maximize_clip", "rmsprop", 0.001, clip=1.0, maximize=True, alpha=0.9)
    add("rmsprop_momentum_schedule", "rmsprop", 0.001, mom=cyc, momentum=0.9)
    add("adagrad_plain", "adagrad", 0.05, groups=False)
    add("adagrad_groups", "adagrad", 0.05)
    add("adagrad_lr_decay", "adagrad", 0.05, lrDecay=0.01)
    add("adagrad_initial_accumulator", "adagrad", 0.05, initialAccumulator=0.1)
    add("adagrad_wd_maximize_clip", "adagrad", 0.05, clip=1.0, weightDecay=0.01, maximize=True)
    return out


def fmt(v):
    return repr(float(v))


def main():
    root = os.path.join("runtime", "src", "test", "resources", "golden", "optim")
    os.makedirs(root, exist_ok=True)
    lines = []
    drifts = ["# case, max over elements of |torch float32 - torch float64| after 100 steps"]
    for case in cases():
        f64 = run(case, torch.float64)
        f32 = run(case, torch.float32)
        attrs = " ".join(
            "%s=%s" % (k, str(v).lower() if isinstance(v, bool) else v)
            for k, v in sorted(case["opts"].items())
        )
        lines.append(("case %s %s %s" % (case["name"], case["kind"], attrs)).rstrip())
        lines.append(
            "seed %d gscale %s groups %d clip %s"
            % (
                case["seed"],
                fmt(case["gscale"]),
                1 if case["groups"] else 0,
                "none" if case["clip"] is None else fmt(case["clip"]),
            )
        )
        lines.append("lr " + " ".join(fmt(v) for v in case["lr"]))
        lines.append("mom " + (" ".join(fmt(v) for v in case["mom"]) if case["mom"] else "none"))
        for a in f64:
            lines.append("f64 " + " ".join(fmt(v) for v in a))
        for a in f32:
            lines.append("f32 " + " ".join(fmt(v) for v in a))
        drift = max(abs(a - b) for x, y in zip(f32, f64) for a, b in zip(x, y))
        print("%-32s torch float32 vs float64: max |diff| %.3g" % (case["name"], drift))
        drifts.append("%s %r" % (case["name"], drift))
        lines.append("")
    with open(os.path.join(root, "optim.txt"), "w") as f:
        f.write("\n".join(lines))
    with open(os.path.join(root, "drift.txt"), "w") as f:
        f.write("\n".join(drifts) + "\n")


if __name__ == "__main__":
    main()
