#!/usr/bin/python3
"""Generates golden vectors for composite schedules (@Sequence, @Product, @CycleMomentum).

Run from the repository root with the Debian system python (it sees python3-torch):

    /usr/bin/python3 processor/src/test/golden/generate_composites.py

Writes processor/src/test/resources/golden/composite/<case>.csv, each

    # reference: <the real call>
    # note: <optional lines>
    # schedule <name>: <anneal annotation text of that schedule method>   (parts first)
    # evaluate: <name>
    step,value
    0,0.1
    ...

and, where real torch deviates from the closed-form intent of docs/REFERENCE.md, a second file
composite/known-difference/<case>.csv holding torch's actual values, with
`# known-difference:` lines (after `# reference:`) that say why. Those files carry the same
`# schedule` / `# evaluate:` lines (the intended declaration); anneal must NOT match them.

Sources (see COMPOSITES.md next to this script for the mapping of every case):
  * torch (Debian python3-torch 1.13.1, torch/optim/lr_scheduler.py of that package):
    SequentialLR, ChainedScheduler, OneCycleLR and CyclicLR (cycle_momentum=True), stepped
    with a real optimizer (optimizer.step(); scheduler.step()), reading get_last_lr()[0] or
    optimizer.param_groups[0]['momentum'] / ['betas'][0] before stepping (row 0 = initial).
  * Optax, transcribed to float64 Python: join_schedules from optax/schedules/_join.py
    (google-deepmind/optax, read at commit 58f8353e6883290002c64867bbbfc57515c68b29),
    constant_schedule, polynomial/linear_schedule, cosine_decay_schedule,
    warmup_cosine_decay_schedule and sgdr_schedule from optax/schedules/_schedule.py
    (read at commit 006cebd2adddd064757543329c83eaed0890ed82). jnp.where -> if,
    jnp.clip/minimum -> min/max, jnp.cos -> math.cos.

Every main file is also evaluated with an independent transcription of the docs/REFERENCE.md
semantics of its `# schedule` lines (design_eval below: composites over generate.py's
design_value for plain declarations) and the script fails if the two differ by more than
1e-12 relative + 1e-15 * peak. Every known-difference file must differ by more than that
(otherwise it is not a difference). The script is deterministic (byte-identical reruns).
"""

import bisect
import math
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import generate as G  # noqa: E402  (plain-schedule helpers and design_value; imports torch)
from generate import Ann, RAMP, CYCLIC, ANNEAL, rows  # noqa: E402

import torch  # noqa: E402
from torch.optim import lr_scheduler as LR  # noqa: E402

OUT = os.path.join(G.OUT, "composite")
OUT_KD = os.path.join(OUT, "known-difference")
TORCH = "torch " + torch.__version__
REL = G.REF_VS_DESIGN_REL
ABS_PEAK = G.REF_VS_DESIGN_ABS_PEAK
STEPPED_VS_CLOSED_REL = G.STEPPED_VS_CLOSED_REL
LOOP_LIMIT = G.LOOP_LIMIT

COMPOSITES = {
    # docs/REFERENCE.md "Composition": attribute -> (Java type, has default)
    "Sequence": {"schedules": ("String[]", False), "boundaries": ("long[]", False)},
    "Product": {"schedules": ("String[]", False)},
    "CycleMomentum": {"of": ("String", False), "base": ("double", True), "max": ("double", True)},
    "Repeat": {"of": ("String", False), "times": ("int", True)},
}
CM_DEFAULT_BASE, CM_DEFAULT_MAX = 0.85, 0.95  # docs/REFERENCE.md @CycleMomentum defaults


# --------------------------------------------------------------------------------------
# Annotation text
# --------------------------------------------------------------------------------------


def jlit(v):
    if isinstance(v, str):
        assert v.isidentifier(), v
        return '"%s"' % v
    if isinstance(v, (list, tuple)) and v and isinstance(v[0], str):
        return "{" + ", ".join(jlit(x) for x in v) + "}"
    return G.java_literal(v)


def ann_java(a):
    if not a.attrs:
        return "@" + a.name
    return "@%s(%s)" % (a.name, ", ".join("%s = %s" % (k, jlit(v)) for k, v in a.attrs.items()))


def decl_text(decl):
    return " ".join(ann_java(a) for a in decl)


# --------------------------------------------------------------------------------------
# docs/REFERENCE.md semantics of composites (independent of the references)
# --------------------------------------------------------------------------------------


def cycle_momentum_value(target, base, mx, step):
    """docs/REFERENCE.md @CycleMomentum: PyTorch's momentum, same phases as the LR, opposite way."""
    b = target
    if b.name == "OneCycle":
        total = b["steps"]
        pct = b.get("pctStart", 0.3)
        cos = b.get("anneal", ANNEAL["COSINE"]).name == "COSINE"
        if b.get("threePhase", False):
            phases = [(float(pct * total) - 1, mx, base), (float(2 * pct * total) - 2, base, mx),
                      (total - 1, mx, mx)]
        else:
            phases = [(float(pct * total) - 1, mx, base), (total - 1, base, mx)]
        t = min(step, total - 1)  # holds its last value after the cycle's end
        start = 0
        for i, (end, a, z) in enumerate(phases):
            if t <= end or i == len(phases) - 1:
                p = (t - start) / (end - start)
                if cos:
                    return z + (a - z) / 2.0 * (math.cos(math.pi * p) + 1)
                return (z - a) * p + a
            start = end
        raise AssertionError
    if b.name == "Cyclic":
        up = float(b["up"])
        down = float(b.get("down", 0)) or up
        size = up + down
        ratio = up / size
        cycle = math.floor(1 + step / size)
        x = 1.0 + step / size - cycle
        f = x / ratio if x <= ratio else (x - 1) / (ratio - 1)
        mode = b.get("mode", CYCLIC["TRIANGULAR"]).name
        scale = {"TRIANGULAR": lambda: 1.0,
                 "TRIANGULAR2": lambda: 1 / (2.0 ** (cycle - 1)),
                 "EXP_RANGE": lambda: b.get("gamma", 1.0) ** step}[mode]()
        return mx - (mx - base) * f * scale
    raise AssertionError("@CycleMomentum.of must name a @OneCycle or @Cyclic schedule")


def design_length(config, name):
    """docs/REFERENCE.md length of schedule method `name` (finite schedules only)."""
    decl = config[name]
    head = decl[0]
    if head.name == "Sequence":
        return head["boundaries"][-1] + design_length(config, head["schedules"][-1])
    if head.name == "Repeat":
        assert head.get("times", 0) > 0, "repeats forever: no length"
        return head["times"] * design_length(config, head["of"])
    by = {a.name: a for a in decl}
    bodies = [a for a in decl if a.name in G.BODIES]
    assert len(bodies) == 1 and bodies[0].name in ("Cosine", "Linear"), decl
    assert "Restarts" not in by, decl
    return (by["Warmup"]["steps"] if "Warmup" in by else 0) + bodies[0]["steps"] + \
        (by["Cooldown"]["steps"] if "Cooldown" in by else 0)


def design_eval(config, name, step):
    """Value of schedule method `name` of `config` ({name: [Ann...]}) at `step`."""
    decl = config[name]
    head = decl[0]
    if head.name == "Sequence":
        assert len(decl) == 1
        parts, bounds = head["schedules"], head["boundaries"]
        assert len(bounds) == len(parts) - 1 and all(b > 0 for b in bounds)
        assert all(x < y for x, y in zip(bounds, bounds[1:]))
        i = bisect.bisect_right(bounds, step)
        start = bounds[i - 1] if i > 0 else 0
        return design_eval(config, parts[i], step - start)
    if head.name == "Product":
        assert len(decl) == 1 and len(head["schedules"]) >= 2
        v = None
        for part in head["schedules"]:
            x = design_eval(config, part, step)
            v = x if v is None else v * x
        return v
    if head.name == "Repeat":
        assert len(decl) == 1
        times = head.get("times", 0)
        length = design_length(config, head["of"])
        if times == 0 or step < times * length:
            return design_eval(config, head["of"], step % length)
        return design_eval(config, head["of"], step - (times - 1) * length)
    if head.name == "CycleMomentum":
        target = config[head["of"]]
        assert len(target) == 1, "of must name a plain @OneCycle / @Cyclic schedule"
        return cycle_momentum_value(target[0], head.get("base", CM_DEFAULT_BASE),
                                    head.get("max", CM_DEFAULT_MAX), step)
    return G.design_value(decl, step)


# --------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------

CASES = []  # dicts: name, reference, config (list of (name, decl)), evaluate, notes, values, kd


def add(name, reference, config, evaluate, values, notes=(), kd=None):
    CASES.append(dict(name=name, reference=reference, config=config, evaluate=evaluate,
                      notes=list(notes), values=values, kd=kd))


def fmt_args(**kw):
    return ", ".join("%s=%r" % (k, v) for k, v in kw.items())


def sgd(lr, momentum=0.0):
    return torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=lr, momentum=momentum)


def adam(lr):
    return torch.optim.Adam([torch.nn.Parameter(torch.zeros(1))], lr=lr)


def step_torch(make_opt, make, steps, read):
    """Real loop: row s is read(optimizer, scheduler) after s optimizer+scheduler steps."""
    wanted = set(steps)
    opt = make_opt()
    sched = make(opt)
    out = {}
    last = max(steps)
    for s in range(last + 1):
        if s in wanted:
            out[s] = read(opt, sched)
        if s == last:
            break
        opt.step()
        sched.step()
    return out


def read_lr(opt, sched):
    return sched.get_last_lr()[0]


def rel_dev(a, b):
    return abs(a - b) / max(abs(a), abs(b)) if a != b else 0.0


def close(a, b, rel):
    return abs(a - b) <= rel * max(abs(a), abs(b))


def fresh_closed(lr, make_part):
    """closed(t): torch's own _get_closed_form_lr of a fresh part scheduler at last_epoch t."""
    probe = make_part(sgd(lr))
    if not hasattr(probe, "_get_closed_form_lr"):
        # no closed form (e.g. MultiplicativeLR): step a fresh scheduler alone
        cache = {}

        def stepped(t):
            if t not in cache:
                vals = step_torch(lambda: sgd(lr), make_part, [t], read_lr)
                cache[t] = vals[t]
            return cache[t]
        return stepped

    def closed(t):
        probe.last_epoch = t
        return probe._get_closed_form_lr()[0]
    return closed


# ---- torch SequentialLR ---------------------------------------------------------------


def sequential(name, lr, parts, milestones, config, evaluate, steps, notes=(), kd_notes=None):
    """parts: list of (description, make_part(opt)). The main file is the closed-form intent
    (part i's own closed form at step - b[i-1]); torch's stepped values must agree with it to
    1e-9 relative, else kd_notes must explain the difference (known-difference file)."""
    def make(opt):
        return LR.SequentialLR(opt, schedulers=[m(opt) for _, m in parts], milestones=milestones)

    closed = [fresh_closed(lr, m) for _, m in parts]

    def intent(s):
        i = bisect.bisect_right(milestones, s)
        start = milestones[i - 1] if i > 0 else 0
        return closed[i](s - start)

    ref = "torch.optim.lr_scheduler.SequentialLR(optimizer(lr=%r), schedulers=[%s], " \
          "milestones=%r); %s" % (lr, ", ".join(d for d, _ in parts), milestones, TORCH)
    main = [(s, intent(s)) for s in steps]
    torch_vals = None
    try:
        stepped = step_torch(lambda: sgd(lr), make, [s for s in steps if s <= LOOP_LIMIT],
                             read_lr)
        torch_vals = [(s, stepped[s]) for s in steps if s in stepped]
        bad = [s for s, v in torch_vals if not close(v, intent(s), STEPPED_VS_CLOSED_REL)]
    except TypeError as e:  # torch cannot run this composition at all
        bad = None
        notes = list(notes) + ["real torch cannot step this: %s: %s" % (type(e).__name__, e)]
    if bad and kd_notes is None:
        raise AssertionError("%s: torch deviates from the closed form at %s" % (name, bad[:5]))
    if kd_notes is not None and bad is not None and not bad:
        raise AssertionError("%s: expected a known difference, torch agrees" % name)
    kd = None
    if bad:
        kd = dict(values=torch_vals, notes=kd_notes + [
            "torch differs from the closed-form intent (> %g relative) at %d of %d rows, "
            "first at step %d" % (STEPPED_VS_CLOSED_REL, len(bad), len(torch_vals), bad[0])])
    dev = None
    if bad is not None and not bad:
        notes = list(notes) + ["real torch stepping agrees with these closed-form values to "
                               "%g relative on every row" % STEPPED_VS_CLOSED_REL]
        dev = max(rel_dev(v, intent(s)) for s, v in torch_vals)
    add(name, ref, config, evaluate, main, notes, kd)
    CASES[-1]["stepped_dev"] = dev


def torch_sequential_cases():
    big = [1000, 10**6]
    linear = lambda sf, n, ef=None: (  # noqa: E731
        "LinearLR(%s)" % fmt_args(start_factor=sf, total_iters=n, **({} if ef is None else
                                                                     {"end_factor": ef})),
        lambda o: LR.LinearLR(o, start_factor=sf, total_iters=n,
                              **({} if ef is None else {"end_factor": ef})))
    expo = lambda g: ("ExponentialLR(gamma=%r)" % g,  # noqa: E731
                      lambda o: LR.ExponentialLR(o, gamma=g))
    const = lambda f, n: ("ConstantLR(%s)" % fmt_args(factor=f, total_iters=n),  # noqa: E731
                          lambda o: LR.ConstantLR(o, factor=f, total_iters=n))
    cosine = lambda t, e: ("CosineAnnealingLR(%s)" % fmt_args(T_max=t, eta_min=e),  # noqa: E731
                           lambda o: LR.CosineAnnealingLR(o, T_max=t, eta_min=e))
    steplr = lambda n, g: ("StepLR(%s)" % fmt_args(step_size=n, gamma=g),  # noqa: E731
                           lambda o: LR.StepLR(o, step_size=n, gamma=g))
    multistep = lambda ms, g: ("MultiStepLR(%s)" % fmt_args(milestones=ms, gamma=g),  # noqa
                               lambda o: LR.MultiStepLR(o, milestones=ms, gamma=g))

    # 2 parts: LinearLR -> ExponentialLR, milestone at the warm-up's end and inside it
    lr = 0.05
    for ms, tag in ((10, "at-end"), (6, "cut")):
        sequential(
            "torch-seq2-linear-exponential-" + tag, lr, [linear(0.1, 10), expo(0.95)], [ms],
            [("warm", [Ann("Linear", from_=0.1 * lr, to=lr, steps=10)]),
             ("decay", [Ann("Exponential", from_=lr, rate=0.95)]),
             ("lr", [Ann("Sequence", schedules=["warm", "decay"], boundaries=[ms])])],
            "lr", rows(150, edges=[ms, 10], large=big),
            notes=[] if ms == 10 else ["the milestone cuts the LinearLR part before its end: "
                                       "its value at step 5 (0.1 + 0.9 * 5/10 of lr) is the "
                                       "last one; the exponential restarts from lr at step 6"])

    # 3 parts: ConstantLR -> CosineAnnealingLR -> StepLR
    lr = 0.1
    sequential(
        "torch-seq3-constant-cosine-step", lr, [const(0.5, 6), cosine(60, 0.001), steplr(20, 0.5)],
        [4, 64],
        [("low", [Ann("Warmup", steps=6, from_=0.5 * lr, shape=RAMP["CONSTANT"]),
                  Ann("Constant", value=lr)]),
         ("anneal", [Ann("Cosine", from_=lr, to=0.001, steps=60)]),
         ("tail", [Ann("StepDecay", from_=lr, factor=0.5, every=20)]),
         ("lr", [Ann("Sequence", schedules=["low", "anneal", "tail"], boundaries=[4, 64])])],
        "lr", rows(200, edges=[4, 6, 34, 64, 84, 104], large=big),
        notes=["ConstantLR(total_iters=6) is cut at the milestone 4 (it never reaches its "
               "factor-1 phase); the cosine runs t = 0..59 of T_max = 60, so torch's "
               "CosineAnnealingLR never runs past T_max here"])
    sequential(
        "torch-seq3-constant-cosine-step-late", lr,
        [const(0.25, 4), cosine(60, 0.0), steplr(7, 0.8)], [10, 50],
        [("low", [Ann("Warmup", steps=4, from_=0.25 * lr, shape=RAMP["CONSTANT"]),
                  Ann("Constant", value=lr)]),
         ("anneal", [Ann("Cosine", from_=lr, steps=60)]),
         ("tail", [Ann("StepDecay", from_=lr, factor=0.8, every=7)]),
         ("lr", [Ann("Sequence", schedules=["low", "anneal", "tail"], boundaries=[10, 50])])],
        "lr", rows(160, edges=[4, 10, 50, 57, 64], large=big),
        notes=["ConstantLR ends (total_iters=4) inside its segment [0, 10); the cosine is cut "
               "at t = 40 of 60 (value well above eta_min when StepLR takes over)"])

    # 4 parts: LinearLR -> MultiStepLR -> LinearLR -> ExponentialLR
    lr = 0.2
    sequential(
        "torch-seq4-linear-multistep-linear-exponential", lr,
        [linear(0.1, 20), multistep([15, 30], 0.5), linear(0.5, 12, 0.25), expo(0.97)],
        [20, 60, 90],
        [("warm", [Ann("Linear", from_=0.1 * lr, to=lr, steps=20)]),
         ("steps", [Ann("MultiStep", from_=lr, milestones=[15, 30], factor=0.5)]),
         ("ramp", [Ann("Linear", from_=0.5 * lr, to=0.25 * lr, steps=12)]),
         ("decay", [Ann("Exponential", from_=lr, rate=0.97)]),
         ("lr", [Ann("Sequence", schedules=["warm", "steps", "ramp", "decay"],
                     boundaries=[20, 60, 90])])],
        "lr", rows(200, edges=[20, 35, 50, 60, 72, 90], large=big),
        notes=["the third part LinearLR(start_factor=0.5, end_factor=0.25, total_iters=12) "
               "ends at step 72 and holds 0.25 * lr until the milestone 90"])

    # chainable-only part: MultiplicativeLR has no closed form; at the milestone torch's
    # step(0) runs its chainable get_lr, which keeps the previous part's last lr
    lr = 0.1
    sequential(
        "torch-seq2-linear-multiplicative", lr,
        [linear(0.1, 10), ("MultiplicativeLR(lr_lambda=lambda epoch: 0.95)",
                           lambda o: LR.MultiplicativeLR(o, lr_lambda=lambda e: 0.95))],
        [8],
        [("warm", [Ann("Linear", from_=0.1 * lr, to=lr, steps=10)]),
         ("decay", [Ann("Exponential", from_=lr, rate=0.95)]),
         ("lr", [Ann("Sequence", schedules=["warm", "decay"], boundaries=[8])])],
        "lr", rows(140, edges=[8], large=[1000]),
        notes=["intent: the MultiplicativeLR part as a fresh scheduler alone (lr * 0.95^t), "
               "restarting from lr at the milestone; values of a stepped fresh MultiplicativeLR"],
        kd_notes=["at the milestone SequentialLR calls step(0); MultiplicativeLR has no "
                  "_get_closed_form_lr, so step(0) runs its chainable get_lr, which at "
                  "last_epoch 0 returns the optimizer's current lr, i.e. the previous part's "
                  "last value (warm-up at t = 7: 0.073), and multiplies by 0.95 from there: "
                  "the part never restarts from its own initial lr"])

    # milestone 0: torch accepts it, anneal forbids boundaries <= 0
    lr = 0.1
    sequential(
        "torch-seq2-milestone0", lr, [linear(0.1, 4), expo(0.9)], [0],
        [("decay", [Ann("Exponential", from_=lr, rate=0.9)])],
        "decay", rows(120, edges=[0, 4], large=[1000]),
        notes=["@Sequence.boundaries must be > 0 (a compile error otherwise): the intent of "
               "milestones=[0] (the first part owns the empty range [0, 0)) is the second part "
               "alone from step 0, which is what this declaration is"],
        kd_notes=["milestone 0: SequentialLR's constructor runs the first scheduler's initial "
                  "step (row 0 = LinearLR at 0 = 0.01) although its range is empty; at step 1 "
                  "bisect gives the second scheduler but milestones[0] (0) != 1, so it gets "
                  "step() instead of step(0): ExponentialLR's chainable form at its last_epoch "
                  "0 keeps the current lr 0.01; so row s = 0.01 * 0.9^(s-1) for s >= 1 instead "
                  "of 0.1 * 0.9^s: wrong start value (x0.1) and one step late"])

    # nested: a SequentialLR as the first part of another
    lr = 0.1
    inner = ("SequentialLR(schedulers=[LinearLR(start_factor=0.1, total_iters=10), "
             "ExponentialLR(gamma=0.9)], milestones=[10])",
             lambda o: LR.SequentialLR(o, [LR.LinearLR(o, start_factor=0.1, total_iters=10),
                                           LR.ExponentialLR(o, gamma=0.9)], milestones=[10]))

    def inner_closed_make(o):  # used only for the intent: see nested_intent below
        return inner[1](o)

    nested_cfg = [("warm", [Ann("Linear", from_=0.1 * lr, to=lr, steps=10)]),
                  ("decay", [Ann("Exponential", from_=lr, rate=0.9)]),
                  ("head", [Ann("Sequence", schedules=["warm", "decay"], boundaries=[10])]),
                  ("tail", [Ann("StepDecay", from_=lr, factor=0.5, every=10)]),
                  ("lr", [Ann("Sequence", schedules=["head", "tail"], boundaries=[30])])]
    nested("torch-seq-nested-first", lr, [inner, steplr(10, 0.5)], [30], nested_cfg, "lr",
           rows(130, edges=[10, 30, 40, 50], large=[1000]),
           kd_notes=["nested SequentialLR as the FIRST part: the outer constructor resets lr to "
                     "initial_lr (0.1), takes one step off every child and calls the inner "
                     "SequentialLR's _initial_step(), i.e. inner.step(), which steps the inner "
                     "LinearLR to its epoch 1 with the chainable form starting from the reset "
                     "lr 0.1 instead of its own start 0.01: row s (s < 10) = 0.1 * (1 + 0.9 * "
                     "(s + 1)) = 10 x the intended value at s + 1 (0.19 at step 0, 1.0 = 10 x lr "
                     "at step 9); from the inner milestone 10 on, the values are right"])
    nested_cfg2 = [("low", [Ann("Warmup", steps=5, from_=0.5 * lr, shape=RAMP["CONSTANT"]),
                            Ann("Constant", value=lr)]),
                   ("warm", [Ann("Linear", from_=0.1 * lr, to=lr, steps=10)]),
                   ("decay", [Ann("Exponential", from_=lr, rate=0.9)]),
                   ("tail", [Ann("Sequence", schedules=["warm", "decay"], boundaries=[10])]),
                   ("lr", [Ann("Sequence", schedules=["low", "tail"], boundaries=[5])])]
    nested("torch-seq-nested-second", lr, [const(0.5, 5), inner], [5], nested_cfg2, "lr",
           rows(120, edges=[5, 15], large=[1000]))


def nested(name, lr, parts, milestones, config, evaluate, steps, kd_notes=None):
    """Nested SequentialLR: the intent is each part's own closed form (an inner SequentialLR's
    intent = its children's closed forms) re-based at the outer milestone."""
    def make(opt):
        return LR.SequentialLR(opt, schedulers=[m(opt) for _, m in parts], milestones=milestones)

    def part_intent(desc, make_part):
        probe = make_part(sgd(lr))
        if isinstance(probe, LR.SequentialLR):
            kids = [fresh_closed(lr, (lambda k: (lambda o: type(k)(o, **kwargs_of(k))))(k))
                    for k in probe._schedulers]
            ms = list(probe._milestones)

            def f(t):
                i = bisect.bisect_right(ms, t)
                return kids[i](t - (ms[i - 1] if i > 0 else 0))
            return f
        return fresh_closed(lr, make_part)

    intents = [part_intent(d, m) for d, m in parts]

    def intent(s):
        i = bisect.bisect_right(milestones, s)
        return intents[i](s - (milestones[i - 1] if i > 0 else 0))

    ref = "torch.optim.lr_scheduler.SequentialLR(optimizer(lr=%r), schedulers=[%s], " \
          "milestones=%r); %s" % (lr, ", ".join(d for d, _ in parts), milestones, TORCH)
    main = [(s, intent(s)) for s in steps]
    notes = ["intent: each part's own closed form (the inner SequentialLR's: its children's "
             "_get_closed_form_lr re-based at its milestone), re-based at the outer milestone"]
    kd = None
    try:
        stepped = step_torch(lambda: sgd(lr), make, steps, read_lr)
        tv = [(s, stepped[s]) for s in steps]
        bad = [s for s, v in tv if not close(v, intent(s), STEPPED_VS_CLOSED_REL)]
        if bad and kd_notes is None:
            raise AssertionError("%s: unexpected deviation at %s" % (name, bad[:5]))
        if not bad:
            raise AssertionError("%s: nested torch agreed; revisit" % name)
        kd = dict(values=tv, notes=kd_notes + [
            "torch differs from the closed-form intent (> %g relative) at %d of %d rows, "
            "first at step %d" % (STEPPED_VS_CLOSED_REL, len(bad), len(tv), bad[0])])
    except TypeError as e:
        if kd_notes is not None:
            raise
        notes.append("no torch values: real torch cannot step a nested SequentialLR after the "
                     "first milestone: at the milestone the outer calls step(0) on it and "
                     "SequentialLR.step() takes no epoch argument (%s: %s)"
                     % (type(e).__name__, e))
    add(name, ref, config, evaluate, main, notes, kd)


def kwargs_of(s):
    """Constructor arguments of the simple schedulers used inside nested cases."""
    if isinstance(s, LR.LinearLR):
        return dict(start_factor=s.start_factor, end_factor=s.end_factor,
                    total_iters=s.total_iters)
    if isinstance(s, LR.ExponentialLR):
        return dict(gamma=s.gamma)
    raise TypeError(type(s))


# ---- torch ChainedScheduler -----------------------------------------------------------


def chained(name, lr, parts, config, evaluate, steps, notes=()):
    """ChainedScheduler of multiplicative factors. Main file: lr * prod(factor_i(t)), each
    factor = torch's closed form of that part on a fresh optimizer with lr = 1.0; torch's
    stepped values must agree to 1e-9 relative."""
    def make(opt):
        return LR.ChainedScheduler([m(opt) for _, m in parts])

    factors = [fresh_closed(1.0, m) for _, m in parts]

    def closed(s):
        v = lr
        for f in factors:
            v = v * f(s)
        return v

    stepped = step_torch(lambda: sgd(lr), make, [s for s in steps if s <= LOOP_LIMIT], read_lr)
    for s, v in stepped.items():
        if not close(v, closed(s), STEPPED_VS_CLOSED_REL):
            raise AssertionError("%s: stepped %r vs closed %r at %d" % (name, v, closed(s), s))
    dev = max(rel_dev(v, closed(s)) for s, v in stepped.items())
    ref = "torch.optim.lr_scheduler.ChainedScheduler([%s]) on optimizer(lr=%r); %s" % (
        ", ".join(d for d, _ in parts), lr, TORCH)
    notes = list(notes) + [
        "values: lr * product of each part's _get_closed_form_lr on lr = 1.0; real torch "
        "stepping agrees to %g relative on every row <= %d" % (STEPPED_VS_CLOSED_REL, LOOP_LIMIT)]
    add(name, ref, config, evaluate, [(s, closed(s)) for s in steps], notes)
    CASES[-1]["stepped_dev"] = dev


def torch_chained_cases():
    lr = 0.1
    chained("torch-chained-constant-exponential", lr,
            [("ConstantLR(factor=0.5, total_iters=4)",
              lambda o: LR.ConstantLR(o, factor=0.5, total_iters=4)),
             ("ExponentialLR(gamma=0.9)", lambda o: LR.ExponentialLR(o, gamma=0.9))],
            [("low", [Ann("Warmup", steps=4, from_=0.5, shape=RAMP["CONSTANT"]),
                      Ann("Constant", value=1.0)]),
             ("decay", [Ann("Exponential", from_=lr, rate=0.9)]),
             ("lr", [Ann("Product", schedules=["low", "decay"])])],
            "lr", rows(150, edges=[4], large=[1000, 3000]),
            notes=["the base lr is folded into the exponential part (from = lr); the ConstantLR "
                   "factor is @Warmup(shape = CONSTANT) over @Constant(1.0)"])
    lr = 0.05
    chained("torch-chained-linear-step", lr,
            [("LinearLR(start_factor=0.1, total_iters=10)",
              lambda o: LR.LinearLR(o, start_factor=0.1, total_iters=10)),
             ("StepLR(step_size=15, gamma=0.5)", lambda o: LR.StepLR(o, step_size=15, gamma=0.5))],
            [("base", [Ann("Constant", value=lr)]),
             ("warm", [Ann("Linear", from_=0.1, to=1.0, steps=10)]),
             ("steps", [Ann("StepDecay", from_=1.0, factor=0.5, every=15)]),
             ("lr", [Ann("Product", schedules=["base", "warm", "steps"])])],
            "lr", rows(150, edges=[10, 15, 30, 45], large=[1000]),
            notes=["the base lr is its own @Constant part; both torch schedulers are factors"])
    lr = 0.2
    chained("torch-chained-linear-multistep-exponential", lr,
            [("LinearLR(start_factor=0.25, end_factor=1.0, total_iters=8)",
              lambda o: LR.LinearLR(o, start_factor=0.25, end_factor=1.0, total_iters=8)),
             ("MultiStepLR(milestones=[5, 40, 90], gamma=0.3)",
              lambda o: LR.MultiStepLR(o, milestones=[5, 40, 90], gamma=0.3)),
             ("ExponentialLR(gamma=0.995)", lambda o: LR.ExponentialLR(o, gamma=0.995))],
            [("warm", [Ann("Linear", from_=0.25, to=1.0, steps=8)]),
             ("steps", [Ann("MultiStep", from_=1.0, milestones=[5, 40, 90], factor=0.3)]),
             ("decay", [Ann("Exponential", from_=lr, rate=0.995)]),
             ("lr", [Ann("Product", schedules=["warm", "steps", "decay"])])],
            "lr", rows(160, edges=[5, 8, 40, 90], large=[1000, 10**5]),
            notes=["a MultiStepLR milestone (5) falls inside the linear warm-up (8)"])


# ---- torch OneCycleLR / CyclicLR momentum ----------------------------------------------


def read_momentum(opt, sched):
    return opt.param_groups[0]["momentum"]


def read_beta1(opt, sched):
    return opt.param_groups[0]["betas"][0]


def momentum_case(name, ref, make_opt, make, read, config, steps, total=None, notes=()):
    """Momentum after each real step; above LOOP_LIMIT: get_lr at that last_epoch on a probe
    (get_lr writes the momentum as a side effect). OneCycleLR: rows >= total are the held value
    at total - 1 (torch raises past total_steps)."""
    loop = [s for s in steps if s <= LOOP_LIMIT and (total is None or s < total)]
    stepped = step_torch(make_opt, make, loop, read)
    probe_opt = make_opt()
    probe = make(probe_opt)

    def fast(s):
        probe.last_epoch = s
        probe._get_lr_called_within_step = True
        try:
            probe.get_lr()
        finally:
            probe._get_lr_called_within_step = False
        return read(probe_opt, probe)

    vals = []
    for s in steps:
        if total is not None and s >= total:
            vals.append((s, stepped[total - 1]))
        elif s in stepped:
            f = fast(s)
            assert f == stepped[s], (name, s, f, stepped[s])  # direct formula: bit-identical
            vals.append((s, stepped[s]))
        else:
            vals.append((s, fast(s)))
    notes = list(notes)
    if total is not None:
        notes.append("rows for step >= %d are anneal's rule (the momentum holds its value at "
                     "steps - 1 = %d, which is max_momentum); torch raises past total_steps and "
                     "at step == total_steps extrapolates the last phase" % (total, total - 1))
    add(name, ref + "; " + TORCH, config, "momentum", vals, notes)


def torch_onecycle_momentum_cases():
    def oc(name, max_lr, total, pct=0.3, strategy="cos", three=False, div=25.0, final=1e4,
           base=None, mx=None, opt="sgd"):
        kw = dict(max_lr=max_lr, total_steps=total)
        if pct != 0.3:
            kw["pct_start"] = pct
        if strategy != "cos":
            kw["anneal_strategy"] = strategy
        if div != 25.0:
            kw["div_factor"] = div
        if final != 1e4:
            kw["final_div_factor"] = final
        if three:
            kw["three_phase"] = True
        kw["cycle_momentum"] = True
        if base is not None:
            kw["base_momentum"] = base
        if mx is not None:
            kw["max_momentum"] = mx
        body = dict(peak=max_lr, steps=total)
        if pct != 0.3:
            body["pctStart"] = pct
        if div != 25.0:
            body["divFactor"] = div
        if final != 1e4:
            body["finalDivFactor"] = final
        if strategy != "cos":
            body["anneal"] = ANNEAL["LINEAR"]
        if three:
            body["threePhase"] = True
        cm = dict(of="lr")
        if base is not None:
            cm["base"] = base
        if mx is not None:
            cm["max"] = mx
        config = [("lr", [Ann("OneCycle", **body)]), ("momentum", [Ann("CycleMomentum", **cm)])]
        ends = [pct * total - 1, total - 1] if not three else \
            [pct * total - 1, 2 * pct * total - 2, total - 1]
        edges = sorted({int(math.floor(e)) for e in ends} | {int(math.ceil(e)) for e in ends}
                       | {total})
        if opt == "sgd":
            make_opt, read, o = (lambda: sgd(max_lr, momentum=0.9)), read_momentum, \
                "SGD(lr=%r, momentum=0.9)" % max_lr
            what = "optimizer.param_groups[0]['momentum']"
        else:
            make_opt, read, o = (lambda: adam(max_lr)), read_beta1, "Adam(lr=%r)" % max_lr
            what = "optimizer.param_groups[0]['betas'][0]"
        ref = "torch.optim.lr_scheduler.OneCycleLR(%s, %s), value = %s" % (o, fmt_args(**kw), what)
        momentum_case(name, ref, make_opt, lambda op: LR.OneCycleLR(op, **kw), read, config,
                      rows(total + 30, edges=edges, large=[10**6]), total=total,
                      notes=["torch phase end steps: %s" % ", ".join(repr(float(e))
                                                                      for e in ends)])

    oc("torch-onecycle-momentum-cos", 0.1, 100)
    oc("torch-onecycle-momentum-linear-custom", 0.05, 120, pct=0.25, strategy="linear",
       div=10.0, final=1000.0, base=0.8, mx=0.99)
    oc("torch-onecycle-momentum-3phase-cos", 0.2, 200, three=True)
    oc("torch-onecycle-momentum-3phase-linear-custom", 0.1, 157, pct=0.2, strategy="linear",
       div=20.0, final=500.0, three=True, base=0.9, mx=0.98)
    oc("torch-onecycle-beta1-adam", 1.0, 77, pct=0.45, div=4.0, final=100.0, base=0.88,
       mx=0.97, opt="adam")
    oc("torch-onecycle-beta1-adam-defaults", 0.003, 110, opt="adam")


def torch_cyclic_momentum_cases():
    def cy(name, low, high, up, down, mode, gamma=None, base=None, mx=None, dense=None,
           edges=(), large=()):
        kw = dict(base_lr=low, max_lr=high, step_size_up=up, step_size_down=down, mode=mode)
        if gamma is not None:
            kw["gamma"] = gamma
        kw["cycle_momentum"] = True
        if base is not None:
            kw["base_momentum"] = base
        if mx is not None:
            kw["max_momentum"] = mx
        body = dict(low=low, high=high, up=up, down=down)
        if mode != "triangular":
            body["mode"] = CYCLIC[mode.upper()]
        if gamma is not None:
            body["gamma"] = gamma
        # docs/REFERENCE.md: @CycleMomentum defaults are OneCycleLR's; CyclicLR's must be set
        cm = dict(of="lr", base=0.8 if base is None else base, max=0.9 if mx is None else mx)
        config = [("lr", [Ann("Cyclic", **body)]), ("momentum", [Ann("CycleMomentum", **cm)])]
        ref = ("torch.optim.lr_scheduler.CyclicLR(SGD(lr=%r, momentum=0.9), %s), value = "
               "optimizer.param_groups[0]['momentum']" % (low, fmt_args(**kw)))
        notes = [] if base is not None else [
            "CyclicLR's momentum defaults are 0.8 / 0.9; @CycleMomentum's defaults are "
            "OneCycleLR's (0.85 / 0.95), so base and max are written out"]
        momentum_case(name, ref, lambda: sgd(low, momentum=0.9),
                      lambda op: LR.CyclicLR(op, **kw), read_momentum, config,
                      rows(dense, edges=edges, large=large), notes=notes)

    cy("torch-cyclic-momentum-triangular", 0.001, 0.006, 20, 30, "triangular",
       dense=160, edges=[20, 50, 70, 100, 120, 150], large=[10**4 + 7, 10**6 + 20, 10**9 + 3])
    cy("torch-cyclic-momentum-triangular2", 0.0001, 0.01, 15, 25, "triangular2", base=0.85,
       mx=0.95, dense=170, edges=[15, 40, 55, 80, 95, 120, 135, 160], large=[1000, 40000 + 7])
    cy("torch-cyclic-momentum-exprange", 0.001, 0.01, 25, 10, "exp_range", gamma=0.995,
       base=0.7, mx=0.95, dense=160, edges=[25, 35, 60, 70, 95, 105, 130, 140],
       large=[1000, 10**4, 10**6])


# ---- Optax transcriptions --------------------------------------------------------------

OPTAX = ("formula transcribed from optax/schedules/_join.py (join_schedules) and "
         "optax/schedules/_schedule.py, float64")


def optax_constant_schedule(value):
    return lambda count: value


def optax_polynomial_schedule(init_value, end_value, power, transition_steps,
                              transition_begin=0):
    # as generate.py's, plus optax's guard: transition_steps <= 0 is a constant init_value
    if transition_steps <= 0:
        return lambda count: init_value
    return G.optax_polynomial_schedule(init_value, end_value, power, transition_steps,
                                       transition_begin)


def optax_linear_schedule(init_value, end_value, transition_steps, transition_begin=0):
    return optax_polynomial_schedule(init_value, end_value, 1, transition_steps,
                                     transition_begin)


def optax_warmup_cosine_decay_schedule(init_value, peak_value, warmup_steps, decay_steps,
                                       end_value=0.0, exponent=1.0):
    alpha = 0.0 if peak_value == 0.0 else end_value / peak_value
    schedules = [
        optax_linear_schedule(init_value=init_value, end_value=peak_value,
                              transition_steps=warmup_steps),
        G.optax_cosine_decay_schedule(init_value=peak_value,
                                      decay_steps=decay_steps - warmup_steps,
                                      alpha=alpha, exponent=exponent),
    ]
    return G.optax_join_schedules(schedules, [warmup_steps])


def optax_sgdr_schedule(cosine_kwargs):
    boundaries = []
    schedules = []
    step = 0
    for kwargs in cosine_kwargs:
        schedules += [optax_warmup_cosine_decay_schedule(**kwargs)]
        boundaries += [step + kwargs["decay_steps"]]
        step += kwargs["decay_steps"]
    return G.optax_join_schedules(schedules, boundaries[:-1])


def formula(name, ref, config, evaluate, fn, steps, notes=()):
    add(name, ref + "; " + OPTAX, config, evaluate, [(s, fn(s)) for s in steps], notes)


def optax_cases():
    big = [10**4, 10**6, 10**9]

    # join_schedules of linear + cosine + constant
    fn = G.optax_join_schedules(
        [optax_linear_schedule(0.0, 0.1, 20),
         G.optax_cosine_decay_schedule(0.1, 100, alpha=0.01),
         optax_constant_schedule(0.0005)], [20, 120])
    formula("optax-join-linear-cosine-constant",
            "optax.join_schedules([linear_schedule(init_value=0.0, end_value=0.1, "
            "transition_steps=20), cosine_decay_schedule(init_value=0.1, decay_steps=100, "
            "alpha=0.01), constant_schedule(0.0005)], boundaries=[20, 120])",
            [("warm", [Ann("Linear", from_=0.0, to=0.1, steps=20)]),
             ("anneal", [Ann("Cosine", from_=0.1, to=0.1 * 0.01, steps=100)]),
             ("floor", [Ann("Constant", value=0.0005)]),
             ("lr", [Ann("Sequence", schedules=["warm", "anneal", "floor"],
                         boundaries=[20, 120])])],
            "lr", fn, rows(170, edges=[20, 70, 120], large=big),
            notes=["cosine_decay_schedule alpha is relative: @Cosine.to = alpha * init_value"])
    fn = G.optax_join_schedules(
        [optax_linear_schedule(0.01, 0.2, 10),
         G.optax_cosine_decay_schedule(0.2, 150, alpha=0.0, exponent=2.0),
         optax_constant_schedule(0.002)], [25, 105])
    formula("optax-join-held-cut-constant",
            "optax.join_schedules([linear_schedule(init_value=0.01, end_value=0.2, "
            "transition_steps=10), cosine_decay_schedule(init_value=0.2, decay_steps=150, "
            "exponent=2.0), constant_schedule(0.002)], boundaries=[25, 105])",
            [("warm", [Ann("Linear", from_=0.01, to=0.2, steps=10)]),
             ("anneal", [Ann("Cosine", from_=0.2, steps=150, exponent=2.0)]),
             ("floor", [Ann("Constant", value=0.002)]),
             ("lr", [Ann("Sequence", schedules=["warm", "anneal", "floor"],
                         boundaries=[25, 105])])],
            "lr", fn, rows(160, edges=[10, 25, 105], large=big),
            notes=["the linear part ends at 10 and holds 0.2 until the boundary 25; the cosine "
                   "is cut at t = 80 of 150 (a jump down to the constant at 105)"])

    # warmup_cosine_decay_schedule as a @Sequence of @Linear + @Cosine
    init, peak, warm, decay, end = 0.001, 0.08, 30, 200, 0.0004
    formula("optax-warmup-cosine-as-sequence",
            "optax.warmup_cosine_decay_schedule(%s)" % fmt_args(
                init_value=init, peak_value=peak, warmup_steps=warm, decay_steps=decay,
                end_value=end),
            [("warm", [Ann("Linear", from_=init, to=peak, steps=warm)]),
             ("anneal", [Ann("Cosine", from_=peak, to=end, steps=decay - warm)]),
             ("lr", [Ann("Sequence", schedules=["warm", "anneal"], boundaries=[warm])])],
            "lr", optax_warmup_cosine_decay_schedule(init, peak, warm, decay, end),
            rows(240, edges=[warm, decay], large=big),
            notes=["optax builds it as join_schedules([linear_schedule, cosine_decay_schedule"
                   "(decay_steps = decay_steps - warmup_steps)], [warmup_steps])"])

    # sgdr_schedule: cycles of warmup_cosine_decay_schedule with different lengths
    cycles = [dict(init_value=0.0, peak_value=0.1, warmup_steps=10, decay_steps=50,
                   end_value=0.001),
              dict(init_value=0.001, peak_value=0.05, warmup_steps=0, decay_steps=30,
                   end_value=0.0005),
              dict(init_value=0.0005, peak_value=0.08, warmup_steps=20, decay_steps=100,
                   end_value=0.0)]
    config, names, bounds, step = [], [], [], 0
    for i, k in enumerate(cycles):
        n = "cycle%d" % i
        cos = Ann("Cosine", from_=k["peak_value"], to=k["end_value"],
                  steps=k["decay_steps"] - k["warmup_steps"])
        decl = [cos] if k["warmup_steps"] == 0 else \
            [Ann("Warmup", steps=k["warmup_steps"], from_=k["init_value"]), cos]
        config.append((n, decl))
        names.append(n)
        step += k["decay_steps"]
        bounds.append(step)
    config.append(("lr", [Ann("Sequence", schedules=names, boundaries=bounds[:-1])]))
    formula("optax-sgdr",
            "optax.sgdr_schedule([%s])" % ", ".join("dict(%s)" % fmt_args(**k) for k in cycles),
            config, "lr", optax_sgdr_schedule(cycles),
            rows(220, edges=[10, 50, 80, 100, 180], large=big),
            notes=["each cycle is warmup_cosine_decay_schedule: @Warmup(steps = warmup_steps, "
                   "from = init_value) @Cosine(from = peak_value, to = end_value, steps = "
                   "decay_steps - warmup_steps); warmup_steps = 0 is a plain @Cosine (optax's "
                   "zero-length linear part is never selected); boundaries are cumulative "
                   "decay_steps"])


# ---- @Repeat: Optax sgdr_schedule (equal cycles), DL4J CycleSchedule, timm cycle_limit ----

DL4J_CYCLE = ("formula transcribed from DL4J's org.nd4j.linalg.schedule.CycleSchedule.valueAt "
              "(ScheduleType.ITERATION), float64")
TIMM_COSINE = ("formula transcribed from timm/scheduler/cosine_lr.py CosineLRScheduler._get_lr "
               "(t_in_epochs=False, noise off), float64")


def dl4j_cycle_schedule(initial, maximum, cycle_length, annealing_length, annealing_decay):
    step_size = (cycle_length - annealing_length) // 2  # Java int division (non-negative)
    increment = (maximum - initial) / step_size

    def value_at(iteration):
        position = iteration % cycle_length
        if position < step_size:
            return initial + increment * position
        if position < 2 * step_size:
            return maximum - increment * (position - step_size)
        return initial * math.pow(annealing_decay,
                                  annealing_length - (cycle_length - position))
    return value_at


def timm_cosine_lr(base, t_initial, lr_min=0.0, cycle_mul=1.0, cycle_decay=1.0, cycle_limit=1,
                   warmup_t=0, warmup_lr_init=0.0, warmup_prefix=False, k_decay=1.0):
    warmup_step = (base - warmup_lr_init) / warmup_t if warmup_t else 1

    def get_lr(t):
        if t < warmup_t:
            return warmup_lr_init + t * warmup_step
        if warmup_prefix:
            t = t - warmup_t
        if cycle_mul != 1:
            i = math.floor(math.log(1 - t / t_initial * (1 - cycle_mul), cycle_mul))
            t_i = cycle_mul ** i * t_initial
            t_curr = t - (1 - cycle_mul ** i) / (1 - cycle_mul) * t_initial
        else:
            i = t // t_initial
            t_i = t_initial
            t_curr = t - (t_initial * i)
        gamma = cycle_decay ** i
        lr_max = base * gamma
        k = k_decay
        if i < cycle_limit:
            return lr_min + 0.5 * (lr_max - lr_min) * (1 + math.cos(math.pi * t_curr ** k / t_i ** k))
        return lr_min
    return get_lr


def repeat_cases():
    big = [10**4 + 7, 10**6 + 33, 10**9 + 5]

    # sgdr_schedule with equal cycles: one warmup_cosine_decay_schedule, repeated
    k = dict(init_value=0.0, peak_value=0.1, warmup_steps=10, decay_steps=60, end_value=0.001)
    cycles = [k, k, k]
    formula("optax-sgdr-equal-cycles-repeat",
            "optax.sgdr_schedule([%s])" % ", ".join("dict(%s)" % fmt_args(**c) for c in cycles),
            [("cycle", [Ann("Warmup", steps=10, from_=0.0),
                        Ann("Cosine", from_=0.1, to=0.001, steps=50)]),
             ("lr", [Ann("Repeat", of="cycle", times=3)])],
            "lr", optax_sgdr_schedule(cycles),
            rows(220, edges=[10, 60, 70, 120, 130, 180], large=big),
            notes=["equal cycles of warmup_cosine_decay_schedule are one cycle repeated: "
                   "@Repeat(of, times = number of cycles); after the last cycle optax's "
                   "join_schedules runs the last one on (it holds end_value), as @Repeat does"])

    # DL4J CycleSchedule: linear up, linear down, exponential annealing; forever
    init, peak, length, annealing, decay = 0.01, 0.1, 100, 20, 0.9
    s = (length - annealing) // 2
    add("dl4j-cycleschedule-repeat",
        "org.nd4j.linalg.schedule.CycleSchedule(ScheduleType.ITERATION, initialLearningRate=%r, "
        "maxLearningRate=%r, cycleLength=%d, annealingLength=%d, annealingDecay=%r); %s"
        % (init, peak, length, annealing, decay, DL4J_CYCLE),
        [("cycle", [Ann("Warmup", steps=s, from_=init),
                    Ann("Linear", from_=peak, to=init, steps=s),
                    Ann("Cooldown", steps=annealing, to=init * decay ** annealing,
                        shape=RAMP["EXPONENTIAL"])]),
         ("lr", [Ann("Repeat", of="cycle")])],
        "lr", [(t, dl4j_cycle_schedule(init, peak, length, annealing, decay)(t))
               for t in rows(260, edges=[40, 80, 100, 140, 180, 200], large=big)],
        notes=["stepSize = (cycleLength - annealingLength) / 2 = %d: a linear warm-up from the "
               "initial rate, a @Linear back down, and the annealing initial * decay^u as an "
               "exponential @Cooldown to initial * decay^annealingLength; @Repeat without times "
               "repeats it forever, as the iteration %% cycleLength of DL4J does" % s])

    # timm CosineLRScheduler(cycle_limit = 3) after a warm-up prefix
    base, t0, lr_min, warm, warm_init, limit = 0.1, 40, 0.001, 15, 0.002, 3
    add("timm-cosine-cycle-limit-repeat",
        "timm.scheduler.CosineLRScheduler(lr=%r, t_initial=%d, lr_min=%r, cycle_limit=%d, "
        "warmup_t=%d, warmup_lr_init=%r, warmup_prefix=True); %s"
        % (base, t0, lr_min, limit, warm, warm_init, TIMM_COSINE),
        [("warm", [Ann("Linear", from_=warm_init, to=base, steps=warm)]),
         ("cycle", [Ann("Cosine", from_=base, to=lr_min, steps=t0)]),
         ("cycles", [Ann("Repeat", of="cycle", times=limit)]),
         ("lr", [Ann("Sequence", schedules=["warm", "cycles"], boundaries=[warm])])],
        "lr", [(t, timm_cosine_lr(base, t0, lr_min, cycle_limit=limit, warmup_t=warm,
                                  warmup_lr_init=warm_init, warmup_prefix=True)(t))
               for t in rows(200, edges=[15, 55, 95, 135, 150], large=big)],
        notes=["warmup_prefix: the cycles start after the warm-up, a @Sequence of the warm-up "
               "and the repeated cosine; after cycle_limit cycles timm holds lr_min, as the "
               "last repetition running on past its end does"])


# --------------------------------------------------------------------------------------
# Output and checks
# --------------------------------------------------------------------------------------


def deviation(case, values):
    """Largest relative deviation and the rows outside tolerance vs docs/REFERENCE.md semantics."""
    config = dict(case["config"])
    peak = max(abs(v) for _, v in values)
    worst, bad = 0.0, []
    for s, v in values:
        d = design_eval(config, case["evaluate"], s)
        err = abs(d - v)
        if err > REL * max(abs(v), abs(d)) + ABS_PEAK * peak:
            bad.append((s, v, d))
        if v != 0:
            worst = max(worst, err / abs(v))
    return worst, bad


def write(path, case, values, kd_notes=None):
    lines = ["# reference: " + case["reference"]]
    lines += ["# known-difference: " + n for n in (kd_notes or [])]
    lines += ["# note: " + n for n in case["notes"]]
    lines += ["# schedule %s: %s" % (n, decl_text(d)) for n, d in case["config"]]
    lines.append("# evaluate: " + case["evaluate"])
    lines.append("step,value")
    lines += ["%d,%r" % (s, float(v)) for s, v in values]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def check_literal(jtype, lit, enums):
    if jtype == "String":
        return len(lit) >= 3 and lit[0] == lit[-1] == '"' and lit[1:-1].isidentifier()
    if jtype == "String[]":
        inner = lit[1:-1].strip() if lit.startswith("{") and lit.endswith("}") else None
        return bool(inner) and all(check_literal("String", x, enums)
                                   for x in G.split_top(inner))
    return G.check_literal(jtype, lit, enums)


def self_check(path):
    """Re-read a written file: header order, declarations parse against the annotation sources
    (composites against docs/REFERENCE.md's attribute list), references resolve, rows are sane."""
    schema, enums = G.java_schema()
    schema = dict(schema, **COMPOSITES)
    name = os.path.relpath(path, OUT)
    lines = open(path, encoding="utf-8").read().split("\n")
    assert lines[0].startswith("# reference: "), name
    i = 1
    kd = False
    while lines[i].startswith("# known-difference: "):
        kd = True
        i += 1
    assert kd == ("known-difference" in name), name
    while lines[i].startswith("# note: "):
        i += 1
    names, decls = [], {}
    while lines[i].startswith("# schedule "):
        head, _, text = lines[i][len("# schedule "):].partition(": ")
        assert head.isidentifier() and head not in decls, (name, head)
        names.append(head)
        decls[head] = text
        i += 1
    assert lines[i].startswith("# evaluate: "), name
    target = lines[i][len("# evaluate: "):]
    assert target in decls, (name, target)
    assert lines[i + 1] == "step,value", name
    ann_re = re.compile(r"@(\w+)(\(((?:[^()])*)\))?")
    for n in names:
        kinds = []
        rebuilt = []
        for m in ann_re.finditer(decls[n]):
            aname, args = m.group(1), m.group(3)
            rebuilt.append(m.group(0))
            assert aname in schema, (name, n, aname)
            kinds.append(aname)
            given = {}
            for part in G.split_top(args) if args else []:
                k, _, lit = part.partition("=")
                k, lit = k.strip(), lit.strip()
                assert k in schema[aname] and k not in given, (name, n, aname, k)
                assert check_literal(schema[aname][k][0], lit, enums), (name, n, k, lit)
                given[k] = lit
                if aname in COMPOSITES and k in ("schedules", "of"):
                    refs = [x.strip()[1:-1] for x in G.split_top(lit.strip("{}"))]
                    for r in refs:  # parts are declared before their composite
                        assert r in names[:names.index(n)], (name, n, r)
            for k, (jtype, has_default) in schema[aname].items():
                assert has_default or k in given, ("missing required", name, aname, k)
        assert " ".join(rebuilt) == decls[n], (name, decls[n])
        composite = [k for k in kinds if k in COMPOSITES]
        if composite:
            assert len(kinds) == 1, (name, n, kinds)
        else:
            assert sum(k in G.BODIES for k in kinds) == 1, (name, n, kinds)
    data = [ln for ln in lines[i + 2:] if ln]
    assert 100 <= len(data) <= 400, (name, len(data))
    prev = -1
    for ln in data:
        s, v = ln.split(",")
        assert int(s) > prev, (name, s)
        prev = int(s)
        fv = float(v)
        assert math.isfinite(fv) and repr(fv) == v, (name, ln)
        assert fv == 0 or abs(fv) >= G.MIN_NORMAL, (name, ln)



def main():
    torch_sequential_cases()
    torch_chained_cases()
    torch_onecycle_momentum_cases()
    torch_cyclic_momentum_cases()
    optax_cases()
    repeat_cases()
    os.makedirs(OUT_KD, exist_ok=True)
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    written = []
    for c in CASES:
        worst, bad = deviation(c, c["values"])
        if bad:
            s, v, d = bad[0]
            raise AssertionError("%s: step %d reference %r vs docs/REFERENCE.md %r (%d bad rows)"
                                 % (c["name"], s, v, d, len(bad)))
        path = os.path.join(OUT, c["name"] + ".csv")
        write(path, c, c["values"])
        written.append(path)
        line = "%-52s %4d rows  max rel dev vs docs/REFERENCE.md %.2e" % (
            c["name"] + ".csv", len(c["values"]), worst)
        if c.get("stepped_dev") is not None:
            line += "  torch stepped vs closed form %.2e" % c["stepped_dev"]
        if c["kd"] is not None:
            kworst, kbad = deviation(c, c["kd"]["values"])
            if not kbad:
                raise AssertionError("%s: known-difference file agrees with docs/REFERENCE.md" % c["name"])
            kpath = os.path.join(OUT_KD, c["name"] + ".csv")
            write(kpath, c, c["kd"]["values"], kd_notes=c["kd"]["notes"])
            written.append(kpath)
            line += "\n  known-difference/%s: %d of %d rows differ, largest rel %.3g" % (
                c["name"] + ".csv", len(kbad), len(c["kd"]["values"]), kworst)
        print(line)
    for p in written:
        self_check(p)
    print("%d files written to %s (%s)" % (len(written), os.path.relpath(OUT, G.ROOT), TORCH))


if __name__ == "__main__":
    sys.exit(main())
