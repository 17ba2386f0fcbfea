#!/usr/bin/python3
"""Generates the golden test vectors in processor/src/test/resources/golden/.

Run from the repository root with the Debian system python (it sees python3-torch):

    /usr/bin/python3 processor/src/test/golden/generate.py

Each case file is

    # reference: <the reference system and call>
    # anneal: <Java annotation text of the equivalent anneal declaration>
    # note: <optional, zero or more lines>
    step,value
    0,0.1
    ...

Values are Python repr(float) (shortest round trip). See README.md next to this script
for the references, the mapping of every case and the known mismatches.

Sources of truth:
  * torch-*  : real torch.optim.lr_scheduler objects, stepped with optimizer.step();
               scheduler.step(); where the scheduler has _get_closed_form_lr the closed
               form is written and asserted equal to the stepped value (rel 1e-9).
  * keras-*  : formulas transcribed line by line from
               keras/src/optimizers/schedules/learning_rate_schedule.py (float64).
  * optax-*  : formulas transcribed from optax/schedules/_schedule.py and
               optax/schedules/_join.py (float64).
  * hf-*     : lr * lr_lambda(step), lambdas transcribed from
               transformers/optimization.py.
  * timm-*   : TanhLRScheduler._get_lr transcribed from timm/scheduler/tanh_lr.py (float64).
  * dl4j-*   : SigmoidSchedule / InverseSchedule.valueAt transcribed from DL4J's Java.
  * optax-exponential-* : exponential_decay transcribed from optax/schedules/_schedule.py.
  * design-* : the formulas of docs/REFERENCE.md (design_value below).

Every case, whatever its reference, is also evaluated with design_value() (the
docs/REFERENCE.md semantics of the `# anneal:` line) and the script fails if the two disagree
by more than 1e-12 relative + 1e-15 * peak absolute, so each `# anneal:` line is
checked to be an exact mapping of its reference.

The script is deterministic: re-running it produces byte-identical files.
"""

import bisect
import math
import os
import re
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
OUT = os.path.join(ROOT, "processor", "src", "test", "resources", "golden")
ANNOTATIONS = os.path.join(ROOT, "runtime", "src", "main", "java", "dev", "anneal")

# Tolerances.
STEPPED_VS_CLOSED_REL = 1e-9  # real stepping vs torch's own closed form
REF_VS_DESIGN_REL = 1e-12  # reference vs docs/REFERENCE.md semantics of the anneal line
REF_VS_DESIGN_ABS_PEAK = 1e-15  # ... plus this times the schedule's peak |value|

MIN_NORMAL = 2.2250738585072014e-308


# --------------------------------------------------------------------------------------
# Annotation model and Java rendering
# --------------------------------------------------------------------------------------


class Enum:
    """A Java enum constant, written qualified, e.g. Enum('Ramp.COSINE')."""

    def __init__(self, text):
        self.text = text
        self.type, self.name = text.split(".")

    def __eq__(self, other):
        return isinstance(other, Enum) and other.text == self.text

    def __hash__(self):
        return hash(self.text)


class Ann:
    """One annotation: name plus attributes in source order (trailing '_' stripped)."""

    def __init__(self, name, **attrs):
        self.name = name
        self.attrs = {k.rstrip("_"): v for k, v in attrs.items()}

    def get(self, key, default=None):
        return self.attrs.get(key, default)

    def __getitem__(self, key):
        return self.attrs[key]

    def java(self):
        if not self.attrs:
            return "@" + self.name
        parts = ["%s = %s" % (k, java_literal(v)) for k, v in self.attrs.items()]
        return "@%s(%s)" % (self.name, ", ".join(parts))


def java_literal(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        if not -(2**31) <= v < 2**31:
            return "%dL" % v
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError("non-finite attribute %r" % v)
        return repr(v)
    if isinstance(v, Enum):
        return v.text
    if isinstance(v, (list, tuple)):
        return "{" + ", ".join(java_literal(x) for x in v) + "}"
    raise TypeError("no Java literal for %r" % (v,))


def anneal_text(anns):
    return " ".join(a.java() for a in anns)


RAMP = {n: Enum("Ramp." + n) for n in ("LINEAR", "COSINE", "EXPONENTIAL", "SQRT", "CONSTANT")}
CYCLIC = {n: Enum("CyclicMode." + n) for n in ("TRIANGULAR", "TRIANGULAR2", "EXP_RANGE")}
ANNEAL = {n: Enum("Anneal." + n) for n in ("COSINE", "LINEAR")}
INTERP = {n: Enum("Interpolation." + n) for n in ("STEP", "LINEAR", "COSINE")}

BODIES = ("Constant", "StepDecay", "MultiStep", "Exponential", "Cosine", "Linear",
          "Polynomial", "InverseTime", "InverseSqrt", "Cyclic", "OneCycle", "Piecewise",
          "Tanh", "Sigmoid")
MODIFIERS = ("Warmup", "Cooldown", "Restarts")


# --------------------------------------------------------------------------------------
# docs/REFERENCE.md semantics (an independent transcription of the contract's formulas)
# --------------------------------------------------------------------------------------


def ramp(shape, a, b, p):
    """docs/REFERENCE.md ramp formulas, p in [0, 1]."""
    name = shape.name
    if name == "LINEAR":
        return a + (b - a) * p
    if name == "COSINE":
        return a + (b - a) * (1 - math.cos(math.pi * p)) / 2
    if name == "EXPONENTIAL":
        return a * (b / a) ** p
    if name == "SQRT":
        return b + (a - b) * (1 - math.sqrt(p))
    if name == "CONSTANT":
        return a
    raise ValueError(name)


def natural_length(body):
    n = body.name
    if n == "Constant":
        s = body.get("steps", 0)
        return s if s > 0 else None
    if n == "Polynomial" and body.get("cycle", False):
        return None
    if n in ("Cosine", "Linear", "Polynomial", "OneCycle", "Tanh"):
        return body["steps"]
    if n == "Piecewise":
        return body["steps"][-1]
    return None


def onecycle_torch_formula(peak, total, pct, div, final_div, anneal, three, step):
    """PyTorch OneCycleLR.get_lr for one group (as docs/REFERENCE.md says: exactly)."""
    initial = peak / div
    min_lr = initial / final_div
    if three:
        phases = [(float(pct * total) - 1, initial, peak),
                  (float(2 * pct * total) - 2, peak, initial),
                  (total - 1, initial, min_lr)]
    else:
        phases = [(float(pct * total) - 1, initial, peak),
                  (total - 1, peak, min_lr)]
    start_step = 0
    for i, (end_step, start_lr, end_lr) in enumerate(phases):
        if step <= end_step or i == len(phases) - 1:
            pct_ = (step - start_step) / (end_step - start_step)
            if anneal.name == "COSINE":
                cos_out = math.cos(math.pi * pct_) + 1
                return end_lr + (start_lr - end_lr) / 2.0 * cos_out
            return (end_lr - start_lr) * pct_ + start_lr
        start_step = end_step
    raise AssertionError


def cyclic_torch_formula(low, high, up, down, mode, gamma, step):
    """PyTorch CyclicLR.get_lr closed form (as docs/REFERENCE.md says)."""
    up = float(up)
    down = float(down) if down else up
    total_size = up + down
    step_ratio = up / total_size
    cycle = math.floor(1 + step / total_size)
    x = 1.0 + step / total_size - cycle
    if x <= step_ratio:
        scale_factor = x / step_ratio
    else:
        scale_factor = (x - 1) / (step_ratio - 1)
    base_height = (high - low) * scale_factor
    if mode.name == "TRIANGULAR":
        return low + base_height * 1.0
    if mode.name == "TRIANGULAR2":
        return low + base_height * (1 / (2.0 ** (cycle - 1)))
    return low + base_height * gamma ** step


def exp_or_inf(x):
    """exp(x), +inf where the result overflows (IEEE / Java Math.exp; Python raises instead)."""
    try:
        return math.exp(x)
    except OverflowError:
        return math.inf


def pow_or_inf(x, y):
    """x ** y, +inf where the result overflows (IEEE pow, jnp.power, Java Math.pow)."""
    try:
        return math.pow(x, y)
    except OverflowError:
        return math.inf


def body_value(b, t):
    n = b.name
    if n == "Constant":
        return b["value"]
    if n == "StepDecay":
        return b["from"] * b["factor"] ** (t // b["every"])
    if n == "MultiStep":
        return b["from"] * b["factor"] ** bisect.bisect_right(b["milestones"], t)
    if n == "Exponential":
        p = t / b.get("every", 1)
        if b.get("staircase", False):
            p = math.floor(p)
        to = b.get("to")  # absent = Double.NaN = no clamp
        v = b["from"] * (b["rate"] ** p if to is None else pow_or_inf(b["rate"], p))
        if to is not None:
            # docs/REFERENCE.md: once the decay (or growth) reaches `to` it holds `to`
            if (b["rate"] < 1 and v <= to) or (b["rate"] > 1 and v >= to):
                return to
        return v
    if n == "Cosine":
        frm, to, s = b["from"], b.get("to", 0.0), b["steps"]
        if t >= s:
            return to
        return to + (frm - to) * ((1 + math.cos(math.pi * t / s)) / 2) ** b.get("exponent", 1.0)
    if n == "Linear":
        if t >= b["steps"]:
            return b["to"]
        return b["from"] + (b["to"] - b["from"]) * t / b["steps"]
    if n == "Polynomial":
        frm, to, s, pw = b["from"], b.get("to", 0.0), b["steps"], b.get("power", 1.0)
        if b.get("cycle", False):
            S = s * math.ceil(t / s) if t > 0 else s
        else:
            S = s
        return (frm - to) * (1 - min(t, S) / S) ** pw + to
    if n == "InverseTime":
        p = t / b.get("every", 1)
        if b.get("staircase", False):
            p = math.floor(p)
        return b["from"] / (1 + b["rate"] * p) ** b.get("power", 1.0)
    if n == "InverseSqrt":
        return b["from"] * math.sqrt(b["timescale"] / (b["timescale"] + t))
    if n == "Cyclic":
        return cyclic_torch_formula(b["low"], b["high"], b["up"], b.get("down", 0),
                                    b.get("mode", CYCLIC["TRIANGULAR"]), b.get("gamma", 1.0), t)
    if n == "OneCycle":
        args = (b["peak"], b["steps"], b.get("pctStart", 0.3), b.get("divFactor", 25.0),
                b.get("finalDivFactor", 1e4), b.get("anneal", ANNEAL["COSINE"]),
                b.get("threePhase", False))
        return onecycle_torch_formula(*args, min(t, b["steps"] - 1))
    if n == "Tanh":
        frm, to, s = b["from"], b.get("to", 0.0), b["steps"]
        lower, upper = b.get("lower", -7.0), b.get("upper", 3.0)
        if t >= s:
            return to
        return to + (frm - to) / 2 * (1 - math.tanh(lower + (upper - lower) * t / s))
    if n == "Sigmoid":
        return b["from"] / (1 + exp_or_inf(-b["gamma"] * (t - b["center"])))
    if n == "Piecewise":
        ks, vs = b["steps"], b["values"]
        interp = b.get("interpolation", INTERP["STEP"])
        if t >= ks[-1]:
            return vs[-1]
        i = bisect.bisect_right(ks, t) - 1
        if interp.name == "STEP":
            return vs[i]
        p = (t - ks[i]) / (ks[i + 1] - ks[i])
        return ramp(RAMP[interp.name], vs[i], vs[i + 1], p)
    raise ValueError(n)


def restarted(body, i, length, decay, amplitude=False):
    """The body as it runs in restart cycle i: steps = length, start value * decay^i, or with
    amplitude (RestartScale.AMPLITUDE) start value to + (from - to) * decay^i."""
    attrs = dict(body.attrs)
    attrs["steps"] = length
    scale = decay ** i
    if amplitude:
        assert body.name in ("Cosine", "Linear", "Polynomial", "Tanh"), body.name
        to = attrs.get("to", 0.0)
        attrs["from"] = to + (attrs["from"] - to) * scale
        b = Ann(body.name)
        b.attrs = attrs
        return b
    for key in ("from", "peak", "value"):
        if key in attrs:
            attrs[key] = attrs[key] * scale
    if "values" in attrs:
        attrs["values"] = [attrs["values"][0] * scale] + list(attrs["values"][1:])
    b = Ann(body.name)
    b.attrs = attrs
    return b


def restarts_value(body, r, t):
    growth, decay, limit = r.get("growth", 1.0), r.get("decay", 1.0), r.get("limit", 0)
    amplitude = r.get("scale", Enum("RestartScale.START")) == Enum("RestartScale.AMPLITUDE")
    assert growth == int(growth), "integer growth only in this evaluator"
    g = int(growth)
    s = body["steps"]
    if g == 1:
        i, start, length = t // s, (t // s) * s, s
        if limit and i >= limit:
            return body_value(restarted(body, limit - 1, s, decay, amplitude), s)
        return body_value(restarted(body, i, s, decay, amplitude), t - start)
    i, start, length = 0, 0, s
    while True:
        if limit and i >= limit:
            return body_value(restarted(body, i - 1, length // g, decay, amplitude), length // g)
        if t < start + length:
            return body_value(restarted(body, i, length, decay, amplitude), t - start)
        start += length
        length *= g
        i += 1


def design_value(anns, step):
    by = {a.name: a for a in anns}
    bodies = [a for a in anns if a.name in BODIES]
    assert len(bodies) == 1, anns
    body = bodies[0]
    t = step
    warm = by.get("Warmup")
    if warm is not None:
        w = warm["steps"]
        if step < w:
            target = (restarts_value(body, by["Restarts"], 0) if "Restarts" in by
                      else body_value(body, 0))
            return ramp(warm.get("shape", RAMP["LINEAR"]), warm.get("from", 0.0), target, step / w)
        t = step - w
    if "Restarts" in by:
        return restarts_value(body, by["Restarts"], t)
    cool = by.get("Cooldown")
    if cool is not None:
        length = natural_length(body)
        assert length is not None
        if t >= length:
            k, d, to = t - length, cool["steps"], cool.get("to", 0.0)
            if k >= d:
                return to
            return ramp(cool.get("shape", RAMP["LINEAR"]), body_value(body, length), to, k / d)
    return body_value(body, t)


# --------------------------------------------------------------------------------------
# Step selection
# --------------------------------------------------------------------------------------


def rows(dense_to, edges=(), large=(), stride=1):
    """0..dense_to (every stride), every edge +-1, and the given large steps."""
    s = set(range(0, dense_to + 1, stride))
    s.add(dense_to)
    for e in edges:
        s.update(x for x in (e - 1, e, e + 1) if x >= 0)
    s.update(large)
    return sorted(s)


# --------------------------------------------------------------------------------------
# torch
# --------------------------------------------------------------------------------------

import torch  # noqa: E402  (after the docstring-heavy preamble on purpose)
from torch.optim import lr_scheduler as LR  # noqa: E402

warnings.filterwarnings("ignore", category=UserWarning, module=r"torch\.optim\.lr_scheduler")
TORCH = "torch " + torch.__version__
LOOP_LIMIT = 20000  # rows up to here come from real stepping; above it, closed form / fast path


def new_optimizer(lr):
    return torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=lr)


def close(a, b, rel, abs_=0.0):
    return abs(a - b) <= rel * max(abs(a), abs(b)) + abs_


def torch_case(lr, make, steps, closed=None, fast=None, hold=None):
    """Values of a torch scheduler at the given steps.

    make(optimizer) -> scheduler (stepped: optimizer.step(); scheduler.step()).
    closed(step) -> closed-form value computed by torch's own code on a fresh probe, or None.
    fast(step) -> value for rows above the stepping loop when there is no closed form.
    hold(step, value_at) -> value to write instead of the reference (anneal's hold rule), or None.
    Returns a list of (step, value).
    """
    loop_rows = [s for s in steps if s <= LOOP_LIMIT]
    wanted = set(loop_rows)
    last = max(loop_rows)
    if hold is not None:
        # do not step past the reference's domain (OneCycleLR raises)
        last = min(last, hold.loop_max)
    opt = new_optimizer(lr)
    sched = make(opt)
    stepped = {}
    for s in range(last + 1):
        if s in wanted:
            stepped[s] = sched.get_last_lr()[0]
        if s == last:
            break
        opt.step()
        sched.step()

    values = {}

    def value_at(s):
        if s in values:
            return values[s]
        if closed is not None:
            v = closed(s)
            if s in stepped and not close(stepped[s], v, STEPPED_VS_CLOSED_REL):
                raise AssertionError("stepped %r != closed form %r at step %d" % (stepped[s], v, s))
        elif s in stepped:
            v = stepped[s]
        else:
            v = fast(s)
        values[s] = v
        return v

    out = []
    for s in steps:
        h = hold(s, value_at) if hold is not None else None
        if h is not None:
            out.append((s, h))
        else:
            out.append((s, value_at(s)))
    return out


class Hold:
    """anneal's rule past the end of a finite torch schedule."""

    def __init__(self, first_held, loop_max, value):
        self.first_held = first_held  # first step whose row is written by the rule
        self.loop_max = loop_max  # do not step the torch scheduler beyond this
        self.value = value  # callable(value_at) -> held value

    def __call__(self, s, value_at):
        if s >= self.first_held:
            return self.value(value_at)
        return None


def probe_closed(lr, make):
    """closed(step) using torch's _get_closed_form_lr on a fresh scheduler."""
    probe = make(new_optimizer(lr))

    def closed(s):
        probe.last_epoch = s
        return probe._get_closed_form_lr()[0]

    return closed


def probe_get_lr(lr, make):
    """fast(step) for non-recursive schedulers (CyclicLR, OneCycleLR): get_lr at last_epoch."""
    probe = make(new_optimizer(lr))

    def fast(s):
        probe.last_epoch = s
        probe._get_lr_called_within_step = True
        try:
            return probe.get_lr()[0]
        finally:
            probe._get_lr_called_within_step = False

    return fast


def probe_epoch(lr, make):
    """fast(step) for CosineAnnealingWarmRestarts: its own step(epoch) fast-forward."""

    def fast(s):
        probe = make(new_optimizer(lr))
        probe.step(s)
        return probe.get_last_lr()[0]

    return fast


CASES = []  # (name, reference, anns, notes, [(step, value)])


def case(name, reference, anns, values, notes=()):
    CASES.append((name, reference, anns, list(notes), values))


def fmt_args(**kw):
    return ", ".join("%s=%r" % (k, v) for k, v in kw.items())


def torch_simple(name, cls, lr, kwargs, anns, steps, notes=(), hold=None, closed=True, fast=None):
    def make(opt):
        return cls(opt, **kwargs)

    ref = "torch.optim.lr_scheduler.%s(optimizer(lr=%r), %s); %s" % (
        cls.__name__, lr, fmt_args(**kwargs), TORCH)
    c = probe_closed(lr, make) if closed else None
    if fast == "get_lr":
        fast = probe_get_lr(lr, make)
    elif fast == "epoch":
        fast = probe_epoch(lr, make)
    vals = torch_case(lr, make, steps, closed=c, fast=fast, hold=hold)
    case(name, ref, anns, vals, notes)


def torch_cases():
    big = [10**3, 10**6]

    torch_simple("torch-steplr", LR.StepLR, 0.1, dict(step_size=30, gamma=0.1),
                 [Ann("StepDecay", from_=0.1, factor=0.1, every=30)],
                 rows(200, edges=range(30, 201, 30), large=big))

    torch_simple("torch-multisteplr", LR.MultiStepLR, 0.1, dict(milestones=[30, 80, 120], gamma=0.5),
                 [Ann("MultiStep", from_=0.1, milestones=[30, 80, 120], factor=0.5)],
                 rows(200, edges=[30, 80, 120], large=big))

    torch_simple("torch-exponentiallr", LR.ExponentialLR, 0.1, dict(gamma=0.95),
                 [Ann("Exponential", from_=0.1, rate=0.95)],
                 rows(200, large=[1000, 5000, 10**6]))

    # CosineAnnealingLR: torch keeps following the cosine past T_max (back up, period 2*T_max);
    # anneal holds `to` after `steps`.
    def cos_hold(t_max, eta_min, offset=0):
        return Hold(offset + t_max + 1, offset + t_max, lambda value_at: eta_min)

    cos_note = ("rows for step > %d are anneal's rule (hold `to` after `steps`), not torch: "
                "torch's CosineAnnealingLR keeps following the cosine past T_max (rising back to lr "
                "at 2*T_max)")
    torch_simple("torch-cosineannealinglr", LR.CosineAnnealingLR, 0.1, dict(T_max=100, eta_min=0.001),
                 [Ann("Cosine", from_=0.1, to=0.001, steps=100)],
                 rows(160, edges=[50, 100], large=big),
                 notes=[cos_note % 100], hold=cos_hold(100, 0.001))

    torch_simple("torch-cosineannealinglr-nomin", LR.CosineAnnealingLR, 0.05, dict(T_max=250),
                 [Ann("Cosine", from_=0.05, steps=250)],
                 rows(300, edges=[125, 250], large=big),
                 notes=[cos_note % 250], hold=cos_hold(250, 0.0))

    # CyclicLR (no closed form; get_lr is a direct function of last_epoch)
    def cyclic(name, lr, kwargs, anns, steps, notes=()):
        kwargs = dict(kwargs, cycle_momentum=False)
        torch_simple(name, LR.CyclicLR, lr, kwargs, anns, steps, notes=notes, closed=False,
                     fast="get_lr")

    cyclic("torch-cycliclr-triangular", 0.001,
           dict(base_lr=0.001, max_lr=0.006, step_size_up=20),
           [Ann("Cyclic", low=0.001, high=0.006, up=20)],
           rows(130, edges=range(20, 131, 20), large=[10**4 + 7, 10**6, 10**6 + 30, 10**9 + 3]))
    cyclic("torch-cycliclr-triangular2", 0.0001,
           dict(base_lr=0.0001, max_lr=0.01, step_size_up=15, step_size_down=25, mode="triangular2"),
           [Ann("Cyclic", low=0.0001, high=0.01, up=15, down=25, mode=CYCLIC["TRIANGULAR2"])],
           rows(170, edges=[15, 40, 55, 80, 95, 120, 135, 160], large=[1000, 40000 + 7]),
           notes=["torch cannot compute triangular2 past about cycle 1025 (1 / 2.0 ** (cycle - 1) "
                  "raises OverflowError), so there are no rows for step >= 40960; anneal must "
                  "give `low` there"])
    cyclic("torch-cycliclr-exprange", 0.001,
           dict(base_lr=0.001, max_lr=0.01, step_size_up=25, mode="exp_range", gamma=0.995),
           [Ann("Cyclic", low=0.001, high=0.01, up=25, mode=CYCLIC["EXP_RANGE"], gamma=0.995)],
           rows(160, edges=[25, 50, 75, 100, 125, 150], large=[1000, 10**4, 10**6]))

    # OneCycleLR
    def onecycle(name, max_lr, total, anns, pct=None, strategy=None, div=None, final=None,
                 three=None, extra=0):
        kwargs = dict(max_lr=max_lr, total_steps=total)
        if pct is not None:
            kwargs["pct_start"] = pct
        if strategy is not None:
            kwargs["anneal_strategy"] = strategy
        if div is not None:
            kwargs["div_factor"] = div
        if final is not None:
            kwargs["final_div_factor"] = final
        if three is not None:
            kwargs["three_phase"] = three
        kwargs["cycle_momentum"] = False
        p = 0.3 if pct is None else pct
        ends = [p * total - 1, total - 1] if not three else [p * total - 1, 2 * p * total - 2, total - 1]
        edges = sorted({int(math.floor(e)) for e in ends} | {int(math.ceil(e)) for e in ends} | {total})
        hold = Hold(total, total - 1, lambda value_at: value_at(total - 1))
        note = ("rows for step >= %d are anneal's rule (hold the value at steps - 1 = %d); "
                "torch raises past total_steps (and at step == total_steps it would extrapolate "
                "the last phase)" % (total, total - 1))
        phase_note = "torch phase end steps: %s" % ", ".join(repr(float(e)) for e in ends)
        torch_simple(name, LR.OneCycleLR, max_lr, kwargs, anns,
                     rows(total + 30 + extra, edges=edges, large=[10**6]),
                     notes=[note, phase_note], hold=hold, closed=False, fast="get_lr")

    onecycle("torch-onecyclelr-cos", 0.1, 100, [Ann("OneCycle", peak=0.1, steps=100)])
    onecycle("torch-onecyclelr-linear", 0.05, 120,
             [Ann("OneCycle", peak=0.05, steps=120, pctStart=0.25, divFactor=10.0,
                  finalDivFactor=1000.0, anneal=ANNEAL["LINEAR"])],
             pct=0.25, strategy="linear", div=10.0, final=1000.0)
    onecycle("torch-onecyclelr-3phase-cos", 0.2, 200,
             [Ann("OneCycle", peak=0.2, steps=200, threePhase=True)], three=True)
    onecycle("torch-onecyclelr-3phase-linear", 0.1, 157,
             [Ann("OneCycle", peak=0.1, steps=157, pctStart=0.2, divFactor=20.0,
                  finalDivFactor=500.0, anneal=ANNEAL["LINEAR"], threePhase=True)],
             pct=0.2, strategy="linear", div=20.0, final=500.0, three=True)
    onecycle("torch-onecyclelr-cos-custom", 1.0, 77,
             [Ann("OneCycle", peak=1.0, steps=77, pctStart=0.45, divFactor=4.0,
                  finalDivFactor=100.0)],
             pct=0.45, div=4.0, final=100.0)

    # CosineAnnealingWarmRestarts (get_lr is direct from integer T_cur / T_i: no accumulation)
    def cawr(name, lr, t0, tmult, eta_min, dense_to, edges, large):
        kwargs = dict(T_0=t0, T_mult=tmult)
        if eta_min is not None:
            kwargs["eta_min"] = eta_min
        anns = [Ann("Restarts", growth=float(tmult)),
                Ann("Cosine", from_=lr, to=eta_min if eta_min is not None else 0.0, steps=t0)]
        torch_simple(name, LR.CosineAnnealingWarmRestarts, lr, kwargs, anns,
                     rows(dense_to, edges=edges, large=large), closed=False, fast="epoch")

    cawr("torch-cawr-tmult1", 0.1, 25, 1, 0.0001, 120, range(25, 121, 25),
         [10**6, 10**6 + 13, 10**9 + 7])
    cawr("torch-cawr-tmult2", 0.05, 10, 2, None, 320, [10, 30, 70, 150, 310], [10**6, 10**9])
    cawr("torch-cawr-tmult3", 0.1, 5, 3, 0.001, 220, [5, 20, 65, 200, 605], [10**6])

    torch_simple("torch-polynomiallr-p1", LR.PolynomialLR, 0.1, dict(total_iters=100, power=1.0),
                 [Ann("Polynomial", from_=0.1, steps=100, power=1.0)],
                 rows(130, edges=[100], large=big))
    torch_simple("torch-polynomiallr-p2", LR.PolynomialLR, 0.02, dict(total_iters=80, power=2.0),
                 [Ann("Polynomial", from_=0.02, steps=80, power=2.0)],
                 rows(110, edges=[80], large=big))

    torch_simple("torch-constantlr", LR.ConstantLR, 0.05, dict(factor=0.25, total_iters=12),
                 [Ann("Warmup", steps=12, from_=0.25 * 0.05, shape=RAMP["CONSTANT"]),
                  Ann("Constant", value=0.05)],
                 rows(100, edges=[12], large=big))

    # SequentialLR(LinearLR warm-up, then ...): closed form from the children's own closed forms
    def sequential(name, lr, start_factor, warm, second_cls, second_kwargs, anns, steps,
                   notes=(), hold=None):
        def make_children(opt):
            a = LR.LinearLR(opt, start_factor=start_factor, total_iters=warm)
            b = second_cls(opt, **second_kwargs)
            return a, b

        def make(opt):
            a, b = make_children(opt)
            return LR.SequentialLR(opt, schedulers=[a, b], milestones=[warm])

        pa, pb = make_children(new_optimizer(lr))

        def closed(s):
            if s < warm:
                pa.last_epoch = s
                return pa._get_closed_form_lr()[0]
            pb.last_epoch = s - warm
            return pb._get_closed_form_lr()[0]

        ref = ("torch.optim.lr_scheduler.SequentialLR(optimizer(lr=%r), schedulers=[LinearLR(%s), "
               "%s(%s)], milestones=[%d]); %s" % (
                   lr, fmt_args(start_factor=start_factor, total_iters=warm),
                   second_cls.__name__, fmt_args(**second_kwargs), warm, TORCH))
        vals = torch_case(lr, make, steps, closed=closed, hold=hold)
        case(name, ref, anns, vals, notes)

    sequential("torch-linear-cosine", 0.1, 0.01, 20, LR.CosineAnnealingLR,
               dict(T_max=180, eta_min=0.0001),
               [Ann("Warmup", steps=20, from_=0.01 * 0.1),
                Ann("Cosine", from_=0.1, to=0.0001, steps=180)],
               rows(230, edges=[20, 110, 200], large=big),
               notes=[cos_note % 200], hold=cos_hold(180, 0.0001, offset=20))
    sequential("torch-linear-exponential", 0.05, 0.1, 10, LR.ExponentialLR, dict(gamma=0.97),
               [Ann("Warmup", steps=10, from_=0.1 * 0.05), Ann("Exponential", from_=0.05, rate=0.97)],
               rows(150, edges=[10], large=[1000, 10**6]))


# --------------------------------------------------------------------------------------
# Keras (keras/src/optimizers/schedules/learning_rate_schedule.py), float64 Python math.
# backend.ops.numpy.power -> **, floor -> math.floor, cos -> math.cos, log -> math.log.
# --------------------------------------------------------------------------------------

KERAS_SRC = "keras/src/optimizers/schedules/learning_rate_schedule.py"


def keras_exponential_decay(initial_learning_rate, decay_steps, decay_rate, staircase=False):
    def call(step):
        dtype = float
        decay_steps_ = dtype(decay_steps)
        decay_rate_ = dtype(decay_rate)
        global_step_recomp = dtype(step)
        p = global_step_recomp / decay_steps_
        if staircase:
            p = float(math.floor(p))
        return initial_learning_rate * decay_rate_ ** p
    return call


def keras_piecewise_constant_decay(boundaries, values):
    def call(step):
        result_value = 0.0
        step_less_than_first_boundary = float(step <= boundaries[0])
        result_value += step_less_than_first_boundary * values[0]
        step_greater_than_last_boundary = float(step > boundaries[-1])
        result_value += step_greater_than_last_boundary * values[-1]
        for low, high, value in zip(boundaries[:-1], boundaries[1:], values[1:-1]):
            step_in_range = float((step > low) & (step <= high))
            result_value += step_in_range * value
        return result_value
    return call


def keras_polynomial_decay(initial_learning_rate, decay_steps, end_learning_rate=0.0001,
                           power=1.0, cycle=False):
    def call(step):
        end_learning_rate_ = float(end_learning_rate)
        power_ = float(power)
        global_step_recomp = float(step)
        decay_steps_recomp = float(decay_steps)
        if cycle:
            multiplier = (1.0 if global_step_recomp == 0
                          else float(math.ceil(global_step_recomp / decay_steps)))
            decay_steps_recomp = decay_steps_recomp * multiplier
        else:
            global_step_recomp = min(global_step_recomp, decay_steps_recomp)
        p = global_step_recomp / decay_steps_recomp
        return (initial_learning_rate - end_learning_rate_) * (1 - p) ** power_ + end_learning_rate_
    return call


def keras_inverse_time_decay(initial_learning_rate, decay_steps, decay_rate, staircase=False):
    def call(step):
        decay_steps_ = float(decay_steps)
        decay_rate_ = float(decay_rate)
        global_step_recomp = float(step)
        p = global_step_recomp / decay_steps_
        if staircase:
            p = float(math.floor(p))
        const = 1.0
        denom = const + decay_rate_ * p
        return initial_learning_rate / denom
    return call


def keras_cosine_decay(initial_learning_rate, decay_steps, alpha=0.0, warmup_target=None,
                       warmup_steps=0):
    def decay_function(step, decay_steps_, decay_from_lr):
        completed_fraction = step / decay_steps_
        pi = math.pi
        cosine_decayed = 0.5 * (1.0 + math.cos(pi * completed_fraction))
        decayed = (1 - alpha) * cosine_decayed + alpha
        return decay_from_lr * decayed

    def warmup_function(step, warmup_steps_, warmup_target_, initial_learning_rate_):
        completed_fraction = step / warmup_steps_
        total_step_delta = warmup_target_ - initial_learning_rate_
        return total_step_delta * completed_fraction + initial_learning_rate_

    def call(step):
        decay_steps_ = float(decay_steps)
        global_step_recomp = float(step)
        if warmup_target is None:
            global_step_recomp = min(global_step_recomp, decay_steps_)
            return decay_function(global_step_recomp, decay_steps_, initial_learning_rate)
        warmup_target_ = float(warmup_target)
        warmup_steps_ = float(warmup_steps)
        global_step_recomp = min(global_step_recomp, decay_steps_ + warmup_steps_)
        if global_step_recomp < warmup_steps_:
            return warmup_function(global_step_recomp, warmup_steps_, warmup_target_,
                                   initial_learning_rate)
        return decay_function(global_step_recomp - warmup_steps_, decay_steps_, warmup_target_)
    return call


def keras_cosine_decay_restarts(initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0,
                                alpha=0.0):
    def call(step):
        first_decay_steps_ = float(first_decay_steps)
        alpha_ = float(alpha)
        t_mul_ = float(t_mul)
        m_mul_ = float(m_mul)
        global_step_recomp = float(step)
        completed_fraction = global_step_recomp / first_decay_steps_

        def compute_step(completed_fraction, geometric=False):
            if geometric:
                i_restart = float(math.floor(
                    math.log(1.0 - completed_fraction * (1.0 - t_mul_)) / math.log(t_mul_)))
                sum_r = (1.0 - t_mul_ ** i_restart) / (1.0 - t_mul_)
                completed_fraction = (completed_fraction - sum_r) / t_mul_ ** i_restart
            else:
                i_restart = float(math.floor(completed_fraction))
                completed_fraction -= i_restart
            return i_restart, completed_fraction

        if t_mul_ == 1.0:
            i_restart, completed_fraction = compute_step(completed_fraction, geometric=False)
        else:
            i_restart, completed_fraction = compute_step(completed_fraction, geometric=True)

        m_fac = m_mul_ ** i_restart
        cosine_decayed = 0.5 * m_fac * (1.0 + math.cos(math.pi * completed_fraction))
        decayed = (1 - alpha_) * cosine_decayed + alpha_
        return initial_learning_rate * decayed
    return call


def formula_case(name, reference, anns, fn, steps, notes=()):
    case(name, reference, anns, [(s, fn(s)) for s in steps], notes)


def keras_cases():
    K = "keras.optimizers.schedules."
    src = "; formula transcribed from %s, float64" % KERAS_SRC

    def ref(cls, **kw):
        return K + cls + "(" + fmt_args(**kw) + ")" + src

    big = [10**4, 10**6, 10**9]

    formula_case("keras-exponential",
                 ref("ExponentialDecay", initial_learning_rate=0.1, decay_steps=10, decay_rate=0.9),
                 [Ann("Exponential", from_=0.1, rate=0.9, every=10)],
                 keras_exponential_decay(0.1, 10, 0.9), rows(200, large=[1000, 10**4, 10**6]))
    formula_case("keras-exponential-staircase",
                 ref("ExponentialDecay", initial_learning_rate=0.1, decay_steps=25, decay_rate=0.5,
                     staircase=True),
                 [Ann("Exponential", from_=0.1, rate=0.5, every=25, staircase=True)],
                 keras_exponential_decay(0.1, 25, 0.5, True),
                 rows(200, edges=range(25, 201, 25), large=[1000, 10**6]))
    formula_case("keras-inversetime",
                 ref("InverseTimeDecay", initial_learning_rate=0.1, decay_steps=5, decay_rate=0.5),
                 [Ann("InverseTime", from_=0.1, rate=0.5, every=5)],
                 keras_inverse_time_decay(0.1, 5, 0.5), rows(200, large=big))
    formula_case("keras-inversetime-staircase",
                 ref("InverseTimeDecay", initial_learning_rate=0.1, decay_steps=20, decay_rate=1.5,
                     staircase=True),
                 [Ann("InverseTime", from_=0.1, rate=1.5, every=20, staircase=True)],
                 keras_inverse_time_decay(0.1, 20, 1.5, True),
                 rows(200, edges=range(20, 201, 20), large=big))
    formula_case("keras-polynomial",
                 ref("PolynomialDecay", initial_learning_rate=0.1, decay_steps=100,
                     end_learning_rate=0.001, power=1.0),
                 [Ann("Polynomial", from_=0.1, to=0.001, steps=100)],
                 keras_polynomial_decay(0.1, 100, 0.001, 1.0), rows(150, edges=[100], large=big))
    formula_case("keras-polynomial-sqrt",
                 ref("PolynomialDecay", initial_learning_rate=0.1, decay_steps=120,
                     end_learning_rate=0.005, power=0.5),
                 [Ann("Polynomial", from_=0.1, to=0.005, steps=120, power=0.5)],
                 keras_polynomial_decay(0.1, 120, 0.005, 0.5), rows(160, edges=[120], large=big))
    formula_case("keras-polynomial-cycle",
                 ref("PolynomialDecay", initial_learning_rate=0.1, decay_steps=50,
                     end_learning_rate=0.001, power=1.0, cycle=True),
                 [Ann("Polynomial", from_=0.1, to=0.001, steps=50, cycle=True)],
                 keras_polynomial_decay(0.1, 50, 0.001, 1.0, True),
                 rows(180, edges=[50, 100, 150], large=[10**6, 10**6 + 1, 10**9 + 7]))
    formula_case("keras-polynomial-cycle-sqrt",
                 ref("PolynomialDecay", initial_learning_rate=0.2, decay_steps=40,
                     end_learning_rate=0.01, power=0.5, cycle=True),
                 [Ann("Polynomial", from_=0.2, to=0.01, steps=40, power=0.5, cycle=True)],
                 keras_polynomial_decay(0.2, 40, 0.01, 0.5, True),
                 rows(150, edges=[40, 80, 120], large=[10**6, 10**6 + 1, 10**9 + 7]))
    formula_case("keras-cosine",
                 ref("CosineDecay", initial_learning_rate=0.1, decay_steps=100, alpha=0.1),
                 [Ann("Cosine", from_=0.1, to=0.1 * 0.1, steps=100)],
                 keras_cosine_decay(0.1, 100, alpha=0.1), rows(140, edges=[100], large=big))
    formula_case("keras-cosine-warmup",
                 ref("CosineDecay", initial_learning_rate=0.0001, decay_steps=150, alpha=0.05,
                     warmup_target=0.1, warmup_steps=30),
                 [Ann("Warmup", steps=30, from_=0.0001),
                  Ann("Cosine", from_=0.1, to=0.05 * 0.1, steps=150)],
                 keras_cosine_decay(0.0001, 150, alpha=0.05, warmup_target=0.1, warmup_steps=30),
                 rows(220, edges=[30, 105, 180], large=big))

    def restarts(name, lr, first, t_mul, m_mul, alpha, dense_to, edges, large, notes=()):
        r = {}
        if t_mul != 1.0:
            r["growth"] = t_mul
        if m_mul != 1.0:
            r["decay"] = m_mul
        if m_mul != 1.0 and alpha != 0.0:
            # Keras scales the distance to alpha * lr: anneal's RestartScale.AMPLITUDE
            r["scale"] = Enum("RestartScale.AMPLITUDE")
        formula_case(name,
                     ref("CosineDecayRestarts", initial_learning_rate=lr, first_decay_steps=first,
                         t_mul=t_mul, m_mul=m_mul, alpha=alpha),
                     [Ann("Restarts", **r), Ann("Cosine", from_=lr, to=alpha * lr, steps=first)],
                     keras_cosine_decay_restarts(lr, first, t_mul, m_mul, alpha),
                     rows(dense_to, edges=edges, large=large), notes=notes)

    t1_note = ("no rows past 10015: Keras's t_mul == 1 path computes the in-cycle fraction as "
               "step/first - floor(step/first) in floating point, which loses about step * 2^-52 "
               "(relative error ~4e-12 at step 1e6, ~2e-9 at 1e9), so Keras is not a 1e-12 "
               "reference there")
    restarts("keras-cosinerestarts-t1", 0.1, 30, 1.0, 1.0, 0.1, 130, [30, 60, 90, 120],
             [1015, 3015, 10015], notes=[t1_note])
    restarts("keras-cosinerestarts-t1-m08", 0.1, 30, 1.0, 0.8, 0.0, 130, [30, 60, 90, 120],
             [1015, 3015, 10015], notes=[t1_note])
    restarts("keras-cosinerestarts-t2", 0.05, 10, 2.0, 1.0, 0.05, 320, [10, 30, 70, 150, 310],
             [10**6, 10**9])
    restarts("keras-cosinerestarts-t2-m08", 0.05, 10, 2.0, 0.8, 0.0, 320, [10, 30, 70, 150, 310],
             [10**4 + 15, 10**6, 10**9])
    restarts("keras-cosinerestarts-t1-m08-alpha", 0.1, 30, 1.0, 0.8, 0.1, 130,
             [30, 60, 90, 120], [1015, 3015, 10015], notes=[t1_note])
    restarts("keras-cosinerestarts-t2-m07-alpha", 0.05, 10, 2.0, 0.7, 0.05, 320,
             [10, 30, 70, 150, 310], [10**4 + 15, 10**6, 10**9])

    formula_case("keras-piecewise",
                 ref("PiecewiseConstantDecay", boundaries=[40, 90, 150],
                     values=[0.1, 0.05, 0.01, 0.001]),
                 [Ann("Piecewise", steps=[0, 41, 91, 151], values=[0.1, 0.05, 0.01, 0.001])],
                 keras_piecewise_constant_decay([40, 90, 150], [0.1, 0.05, 0.01, 0.001]),
                 rows(200, edges=[40, 41, 90, 91, 150, 151], large=big),
                 notes=["Keras holds values[i] for boundaries[i-1] < step <= boundaries[i], so the "
                        "anneal STEP knots are {0, b0+1, b1+1, ...}"])


# --------------------------------------------------------------------------------------
# Optax (optax/schedules/_schedule.py, optax/schedules/_join.py), float64 Python math.
# --------------------------------------------------------------------------------------

OPTAX_SRC = "optax/schedules/_schedule.py (+ optax/schedules/_join.py)"


def optax_polynomial_schedule(init_value, end_value, power, transition_steps, transition_begin=0):
    def schedule(count):
        init_val = float(init_value)
        end_val = float(end_value)
        count = min(max(count - transition_begin, 0), transition_steps)  # jnp.clip
        frac = 1 - count / transition_steps
        return (init_val - end_val) * (frac ** power) + end_val
    return schedule


def optax_linear_schedule(init_value, end_value, transition_steps, transition_begin=0):
    return optax_polynomial_schedule(init_value, end_value, 1, transition_steps, transition_begin)


def optax_cosine_decay_schedule(init_value, decay_steps, alpha=0.0, exponent=1.0):
    def schedule(count):
        decay_steps_ = float(decay_steps)
        count = float(count)
        count = min(count, decay_steps_)
        cosine_decay = 0.5 * (1 + math.cos(math.pi * count / decay_steps_))
        decayed = (1 - alpha) * cosine_decay ** exponent + alpha
        return init_value * decayed
    return schedule


def optax_join_schedules(schedules, boundaries):
    def schedule(step):
        output = schedules[0](step)
        for boundary, sched in zip(boundaries, schedules[1:]):
            output = output if step < boundary else sched(step - boundary)  # jnp.where
        return output
    return schedule


def optax_warmup_cosine_decay_schedule(init_value, peak_value, warmup_steps, decay_steps,
                                       end_value=0.0, exponent=1.0):
    alpha = 0.0 if peak_value == 0.0 else end_value / peak_value
    schedules = [
        optax_linear_schedule(init_value=init_value, end_value=peak_value,
                              transition_steps=warmup_steps),
        optax_cosine_decay_schedule(init_value=peak_value, decay_steps=decay_steps - warmup_steps,
                                    alpha=alpha, exponent=exponent),
    ]
    return optax_join_schedules(schedules, [warmup_steps])


def optax_cumprod(xs):
    out, acc = [], None
    for x in xs:
        acc = x if acc is None else acc * x
        out.append(acc)
    return out


def optax_piecewise_interpolate_schedule(interpolate_type, init_value, boundaries_and_scales):
    def linear_interpolate(start, end, pct):
        return (end - start) * pct + start

    def cosine_interpolate(start, end, pct):
        return end + (start - end) / 2.0 * (math.cos(math.pi * pct) + 1)

    interpolate_fn = linear_interpolate if interpolate_type == "linear" else cosine_interpolate
    boundaries, scales = zip(*sorted(boundaries_and_scales.items()))

    def schedule(count):
        bounds = (0,) + boundaries
        values = optax_cumprod((init_value,) + scales)
        interval_sizes = [max(bounds[i + 1] - bounds[i], 1) for i in range(len(bounds) - 1)]
        indicator = [bounds[i] <= count < bounds[i + 1] for i in range(len(bounds) - 1)]
        pct = [(count - bounds[i]) / interval_sizes[i] for i in range(len(bounds) - 1)]
        interp_vals = [interpolate_fn(values[i], values[i + 1], pct[i])
                       for i in range(len(bounds) - 1)]
        dot = 0.0
        for ind, v in zip(indicator, interp_vals):
            dot += float(ind) * v
        return dot + float(bounds[-1] <= count) * values[-1]

    return schedule, list(bounds_of(boundaries)), optax_cumprod((init_value,) + scales)


def bounds_of(boundaries):
    return (0,) + tuple(boundaries)


def optax_cases():
    src = "; formula transcribed from %s, float64" % OPTAX_SRC
    big = [10**4, 10**6, 10**9]

    def wcd(name, init, peak, warm, decay, end, exponent, dense_to):
        ref = ("optax.warmup_cosine_decay_schedule(%s)" % fmt_args(
            init_value=init, peak_value=peak, warmup_steps=warm, decay_steps=decay,
            end_value=end, exponent=exponent)) + src
        cos = dict(from_=peak, to=end, steps=decay - warm)
        if exponent != 1.0:
            cos["exponent"] = exponent
        formula_case(name, ref, [Ann("Warmup", steps=warm, from_=init), Ann("Cosine", **cos)],
                     optax_warmup_cosine_decay_schedule(init, peak, warm, decay, end, exponent),
                     rows(dense_to, edges=[warm, decay], large=big),
                     notes=["optax decay_steps includes the warm-up: cosine steps = "
                            "decay_steps - warmup_steps = %d" % (decay - warm)])

    wcd("optax-warmup-cosine", 0.0, 0.1, 25, 200, 0.001, 1.0, 240)
    wcd("optax-warmup-cosine-exp2", 0.001, 0.05, 20, 150, 0.0005, 2.0, 190)

    def pw(name, kind, init, bas, dense_to):
        fn, knots, values = optax_piecewise_interpolate_schedule(kind, init, bas)
        ref = ("optax.piecewise_interpolate_schedule(interpolate_type=%r, init_value=%r, "
               "boundaries_and_scales=%r)" % (kind, init, bas)) + src
        formula_case(name, ref,
                     [Ann("Piecewise", steps=knots, values=values,
                          interpolation=INTERP[kind.upper()])],
                     fn, rows(dense_to, edges=sorted(bas), large=big),
                     notes=["anneal values are optax's accumulated values cumprod(init, scales...)"])

    pw("optax-piecewise-linear", "linear", 0.1, {40: 0.5, 100: 0.1, 160: 3.0}, 200)
    pw("optax-piecewise-cosine", "cosine", 1.0, {30: 0.1, 90: 0.5, 120: 0.2}, 170)


# --------------------------------------------------------------------------------------
# Hugging Face transformers (src/transformers/optimization.py): value = lr * lr_lambda(step)
# --------------------------------------------------------------------------------------

HF_SRC = "transformers/optimization.py"


def hf_wsd_lambda(current_step, *, num_warmup_steps, num_stable_steps, num_decay_steps,
                  warmup_type, decay_type, min_lr_ratio, num_cycles):
    if current_step < num_warmup_steps:
        progress = float(current_step) / float(max(1, num_warmup_steps))
        if warmup_type == "linear":
            factor = progress
        elif warmup_type == "cosine":
            factor = 0.5 * (1.0 - math.cos(math.pi * progress))
        elif warmup_type == "1-sqrt":
            factor = 1.0 - math.sqrt(1.0 - progress)
        factor = factor * (1.0 - min_lr_ratio) + min_lr_ratio
        return max(0.0, factor)

    if current_step < num_warmup_steps + num_stable_steps:
        return 1.0

    if current_step < num_warmup_steps + num_stable_steps + num_decay_steps:
        progress = float(current_step - num_warmup_steps - num_stable_steps) / float(
            max(1, num_decay_steps))
        if decay_type == "linear":
            factor = 1.0 - progress
        elif decay_type == "cosine":
            factor = 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress))
        elif decay_type == "1-sqrt":
            factor = 1.0 - math.sqrt(progress)
        factor = factor * (1.0 - min_lr_ratio) + min_lr_ratio
        return max(0.0, factor)
    return min_lr_ratio


def hf_inverse_sqrt_lambda(current_step, *, num_warmup_steps, timescale=None):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    shift = timescale - num_warmup_steps
    decay = 1.0 / math.sqrt((current_step + shift) / timescale)
    return decay


def hf_cases():
    src = "; lr * lr_lambda(step), lambda transcribed from %s" % HF_SRC
    big = [10**4, 10**6, 10**9]

    def wsd(name, lr, warm, stable, decay, warmup_type, decay_type, ratio):
        kw = dict(num_warmup_steps=warm, num_stable_steps=stable, num_decay_steps=decay,
                  warmup_type=warmup_type, decay_type=decay_type, min_lr_ratio=ratio)
        ref = "transformers.get_wsd_schedule(optimizer(lr=%r), %s)" % (lr, fmt_args(**kw)) + src
        shape = {"linear": RAMP["LINEAR"], "cosine": RAMP["COSINE"], "1-sqrt": RAMP["SQRT"]}
        w = dict(steps=warm)
        if ratio != 0.0:
            w["from_"] = ratio * lr
        if warmup_type != "linear":
            w["shape"] = shape[warmup_type]
        c = dict(steps=decay)
        if ratio != 0.0:
            c["to"] = ratio * lr
        c["shape"] = shape[decay_type]
        anns = [Ann("Warmup", **w), Ann("Constant", value=lr, steps=stable), Ann("Cooldown", **c)]

        def fn(s):
            return lr * hf_wsd_lambda(s, num_cycles=0.5, **kw)

        end = warm + stable + decay
        notes = []
        if ratio != 0.0:
            notes.append("HF's warm-up starts at min_lr_ratio * lr (factor = progress * (1 - "
                         "min_lr_ratio) + min_lr_ratio), hence @Warmup.from = min_lr_ratio * lr")
        formula_case(name, ref, anns, fn,
                     rows(end + 40, edges=[warm, warm + stable, end], large=big), notes=notes)

    wsd("hf-wsd-linear", 0.0003, 20, 100, 60, "linear", "linear", 0.1)
    wsd("hf-wsd-cosine", 0.001, 25, 80, 75, "linear", "cosine", 0.05)
    wsd("hf-wsd-1sqrt", 0.0006, 30, 120, 90, "linear", "1-sqrt", 0.02)
    wsd("hf-wsd-warmup-cosine", 0.002, 40, 60, 50, "cosine", "linear", 0.0)

    def isq(name, lr, warm, timescale, dense_to):
        kw = dict(num_warmup_steps=warm)
        if timescale is not None:
            kw["timescale"] = timescale
        ref = ("transformers.get_inverse_sqrt_schedule(optimizer(lr=%r), %s)" % (lr, fmt_args(**kw))
               + src)
        ts = timescale if timescale is not None else (warm or 10_000)
        anns = [Ann("Warmup", steps=warm), Ann("InverseSqrt", from_=lr, timescale=float(ts))]

        def fn(s):
            return lr * hf_inverse_sqrt_lambda(s, num_warmup_steps=warm, timescale=ts)

        notes = [] if timescale is not None else [
            "timescale defaults to num_warmup_steps = %d" % warm]
        formula_case(name, ref, anns, fn, rows(dense_to, edges=[warm], large=big), notes=notes)

    isq("hf-inverse-sqrt", 0.001, 50, None, 200)
    isq("hf-inverse-sqrt-timescale", 0.0005, 20, 200, 200)


# --------------------------------------------------------------------------------------
# timm (huggingface/pytorch-image-models), transcribed line by line, float64 Python math.
#   timm/scheduler/tanh_lr.py, commit 0d4c04f3497fcb3987174a43ab4836564e8ecd54:
#     TanhLRScheduler.__init__ (asserts, warmup_steps) and TanhLRScheduler._get_lr
#   timm/scheduler/scheduler.py, commit 12d9a6d4d27e8e67a5be5390a6b455a24d4b7d23:
#     Scheduler.__init__ (base_values = the optimizer's initial lr), step(epoch) ->
#     get_epoch_values(epoch) -> _get_lr(epoch) when t_in_epochs; no noise (noise_range_t=None).
# --------------------------------------------------------------------------------------

TIMM_SRC = ("timm/scheduler/tanh_lr.py (huggingface/pytorch-image-models "
            "0d4c04f3497fcb3987174a43ab4836564e8ecd54)")


class TimmTanhLRScheduler:
    """TanhLRScheduler for one param group with base LR `base` (the optimizer's lr)."""

    def __init__(self, base, t_initial, lb=-7., ub=3., lr_min=0., cycle_mul=1., cycle_decay=1.,
                 cycle_limit=1, warmup_t=0, warmup_lr_init=0, warmup_prefix=False):
        self.base_values = [base]
        assert t_initial > 0
        assert lr_min >= 0
        assert lb < ub
        assert cycle_limit >= 0
        assert warmup_t >= 0
        assert warmup_lr_init >= 0
        self.lb = lb
        self.ub = ub
        self.t_initial = t_initial
        self.lr_min = lr_min
        self.cycle_mul = cycle_mul
        self.cycle_decay = cycle_decay
        self.cycle_limit = cycle_limit
        self.warmup_t = warmup_t
        self.warmup_lr_init = warmup_lr_init
        self.warmup_prefix = warmup_prefix
        if self.warmup_t:
            t_v = self.base_values if self.warmup_prefix else self._get_lr(self.warmup_t)
            self.warmup_steps = [(v - warmup_lr_init) / self.warmup_t for v in t_v]
        else:
            self.warmup_steps = [1 for _ in self.base_values]

    def _get_lr(self, t):
        if t < self.warmup_t:
            lrs = [self.warmup_lr_init + t * s for s in self.warmup_steps]
        else:
            if self.warmup_prefix:
                t = t - self.warmup_t

            if self.cycle_mul != 1:
                i = math.floor(math.log(1 - t / self.t_initial * (1 - self.cycle_mul),
                                        self.cycle_mul))
                t_i = self.cycle_mul ** i * self.t_initial
                t_curr = t - (1 - self.cycle_mul ** i) / (1 - self.cycle_mul) * self.t_initial
            else:
                i = t // self.t_initial
                t_i = self.t_initial
                t_curr = t - (self.t_initial * i)

            if i < self.cycle_limit:
                gamma = self.cycle_decay ** i
                lr_max_values = [v * gamma for v in self.base_values]

                tr = t_curr / t_i
                lrs = [
                    self.lr_min + 0.5 * (lr_max - self.lr_min)
                    * (1 - math.tanh(self.lb * (1. - tr) + self.ub * tr))
                    for lr_max in lr_max_values
                ]
            else:
                lrs = [self.lr_min for _ in self.base_values]
        return lrs

    def value(self, epoch):
        """The lr after scheduler.step(epoch) (t_in_epochs=True, no noise)."""
        return self._get_lr(epoch)[0]


def exact_doubling_cycle(t, t_initial):
    """Cycle index for cycle_mul = 2 in integers: largest k with t_initial * (2^k - 1) <= t."""
    return (t // t_initial + 1).bit_length() - 1


def timm_cases():
    big = [10**4, 10**6, 10**9]
    src = "; formula transcribed from %s, float64" % TIMM_SRC

    def tanh(name, lr, t_initial, dense_to, edges, lb=None, ub=None, lr_min=None,
             cycle_mul=None, cycle_decay=None, cycle_limit=None, notes=()):
        kw = dict(t_initial=t_initial)
        for k, v in (("lb", lb), ("ub", ub), ("lr_min", lr_min), ("cycle_mul", cycle_mul),
                     ("cycle_decay", cycle_decay), ("cycle_limit", cycle_limit)):
            if v is not None:
                kw[k] = v
        sched = TimmTanhLRScheduler(lr, **kw)
        ref = ("timm.scheduler.TanhLRScheduler(optimizer(lr=%r), %s, t_in_epochs=True), "
               "value after step(epoch=step)" % (lr, fmt_args(**kw))) + src
        body = dict(from_=lr)
        if lr_min is not None:
            body["to"] = lr_min
        body["steps"] = t_initial
        if lb is not None:
            body["lower"] = lb
        if ub is not None:
            body["upper"] = ub
        anns = [Ann("Tanh", **body)]
        if cycle_limit is not None and cycle_limit != 1:
            r = {}
            if cycle_mul is not None and cycle_mul != 1:
                r["growth"] = cycle_mul
            if cycle_decay is not None and cycle_decay != 1:
                r["decay"] = cycle_decay
            r["limit"] = cycle_limit
            anns.insert(0, Ann("Restarts", **r))
        steps = rows(dense_to, edges=edges, large=big)
        if cycle_mul == 2.0:
            # timm finds the cycle with a float log; check it is the exact integer cycle here
            for s in steps:
                i = math.floor(math.log(1 - s / t_initial * (1 - cycle_mul), cycle_mul))
                assert i == exact_doubling_cycle(s, t_initial), (name, s, i)
        formula_case(name, ref, anns, sched.value, steps, notes=notes)

    end_note = ("timm holds lr_min from t = t_initial on (cycle_limit 1); its curve at "
                "t_initial - 1 is still above lr_min (1 - tanh(ub) != 0), as anneal's")
    tanh("timm-tanh", 0.1, 100, 160, [50, 70, 100], notes=[end_note])
    tanh("timm-tanh-min", 0.1, 100, 160, [50, 70, 100], lr_min=0.0001, notes=[end_note])
    tanh("timm-tanh-bounds", 0.05, 100, 160, [40, 100], lb=-4.0, ub=2.0)
    tanh("timm-tanh-bounds-min", 0.2, 100, 160, [30, 100], lb=-3.0, ub=5.0, lr_min=0.0001)
    tanh("timm-tanh-cycles", 0.1, 40, 330, [40, 120, 280], lr_min=0.0001, cycle_mul=2.0,
         cycle_decay=0.5, cycle_limit=3,
         notes=["cycles [0,40) [40,120) [120,280), base lr 0.1 * 0.5^i, lr_min 0.0001 unscaled; "
                "from 280 on lr_min holds (i >= cycle_limit). timm's float-log cycle index was "
                "checked equal to the exact integer index at every row"])


def timm_warmup_difference():
    """Max relative gap between timm warmup_prefix and anneal @Warmup for one example.

    timm ramps to the base LR (warmup_prefix=True) or to _get_lr(warmup_t) without shifting the
    body (warmup_prefix=False); anneal's @Warmup ramps to the body's value at t = 0, which for tanh
    is below `from` by (1 + tanh(lower)) / 2. No case uses a timm warm-up for that reason.
    """
    lr, t0, w = 0.1, 100, 10
    timm = TimmTanhLRScheduler(lr, t0, warmup_t=w, warmup_prefix=True)
    anns = [Ann("Warmup", steps=w), Ann("Tanh", from_=lr, steps=t0)]
    worst = max(abs(timm.value(s) - design_value(anns, s)) / abs(timm.value(s))
                for s in range(1, w + t0))
    return worst


# --------------------------------------------------------------------------------------
# DL4J (deeplearning4j/deeplearning4j), Java transcribed line by line. The schedules take
# `int iteration` (ScheduleType.ITERATION), so rows stop below 2^31; Java's Math.exp gives
# +Infinity where Python's math.exp raises (exp_or_inf).
#   nd4j/nd4j-backends/nd4j-api-parent/nd4j-api/src/main/java/org/nd4j/linalg/schedule/
#     SigmoidSchedule.java  commit 4766032444de8e0c2c3389270576bb6e7c466211
#     InverseSchedule.java  commit 1299690ae856e730e630bd94b20451517e69f3d0
# --------------------------------------------------------------------------------------

DL4J_DIR = "nd4j/nd4j-backends/nd4j-api-parent/nd4j-api/src/main/java/org/nd4j/linalg/schedule/"
DL4J_SIGMOID_SRC = DL4J_DIR + "SigmoidSchedule.java (4766032444de8e0c2c3389270576bb6e7c466211)"
DL4J_INVERSE_SRC = DL4J_DIR + "InverseSchedule.java (1299690ae856e730e630bd94b20451517e69f3d0)"
INT_MAX = 2**31 - 1


def java_int(x):
    assert -(2**31) <= x <= INT_MAX, "not a Java int: %r" % x
    return x


def dl4j_sigmoid_schedule(initial_value, gamma, step_size):
    step_size = java_int(step_size)

    def value_at(iteration):
        i = java_int(iteration)  # scheduleType == ITERATION
        return initial_value / (1.0 + exp_or_inf(-gamma * java_int(i - step_size)))
    return value_at


def dl4j_inverse_schedule(initial_value, gamma, power):
    def value_at(iteration):
        i = java_int(iteration)  # scheduleType == ITERATION
        return initial_value / math.pow(1 + gamma * i, power)
    return value_at


def dl4j_cases():
    big = [10**4, 10**6, 10**9, INT_MAX]

    def sigmoid(name, lr, gamma, step_size, dense_to, stride, large):
        ref = ("org.nd4j.linalg.schedule.SigmoidSchedule(ScheduleType.ITERATION, initialValue=%r, "
               "gamma=%r, stepSize=%d); Java transcribed from %s, float64"
               % (lr, gamma, step_size, DL4J_SIGMOID_SRC))
        anns = [Ann("Sigmoid", from_=lr, gamma=gamma, center=step_size)]
        edges = [step_size] if step_size else []
        formula_case(name, ref, anns, dl4j_sigmoid_schedule(lr, gamma, step_size),
                     rows(dense_to, edges=edges, large=large, stride=stride))

    # decays (gamma < 0): the exponent overflows to +inf far out and the value is exactly 0
    sigmoid("dl4j-sigmoid-decay-c500", 0.1, -0.01, 500, 1200, 4, big)
    sigmoid("dl4j-sigmoid-decay-c0", 0.05, -0.05, 0, 300, 1, big)
    # rises (gamma > 0): towards initialValue
    sigmoid("dl4j-sigmoid-rise-c500", 0.1, 0.02, 500, 1000, 4, big)
    sigmoid("dl4j-sigmoid-rise-c0", 0.01, 0.1, 0, 200, 1, big)

    def inverse(name, lr, gamma, power, dense_to):
        ref = ("org.nd4j.linalg.schedule.InverseSchedule(ScheduleType.ITERATION, initialValue=%r, "
               "gamma=%r, power=%r); Java transcribed from %s, float64"
               % (lr, gamma, power, DL4J_INVERSE_SRC))
        body = dict(from_=lr, rate=gamma)
        if power != 1.0:
            body["power"] = power
        formula_case(name, ref, [Ann("InverseTime", **body)],
                     dl4j_inverse_schedule(lr, gamma, power), rows(dense_to, large=big))

    inverse("dl4j-inverse-p05", 0.1, 0.01, 0.5, 200)
    inverse("dl4j-inverse-p1", 0.1, 0.01, 1.0, 200)
    inverse("dl4j-inverse-p2", 0.05, 0.01, 2.0, 200)


# --------------------------------------------------------------------------------------
# Optax exponential_decay (optax/schedules/_schedule.py, google-deepmind/optax commit
# 006cebd2adddd064757543329c83eaed0890ed82), float64 Python math; transition_begin = 0.
# --------------------------------------------------------------------------------------


def optax_exponential_decay(init_value, transition_steps, decay_rate, transition_begin=0,
                            staircase=False, end_value=None):
    assert transition_steps > 0 and decay_rate != 0 and transition_begin >= 0
    if end_value is not None:
        clip_fn = max if decay_rate < 1.0 else min  # jnp.maximum / jnp.minimum

    def schedule(count):
        decreased_count = count - transition_begin
        p = decreased_count / transition_steps
        if staircase:
            p = math.floor(p)  # jnp.floor
        decayed_value = (init_value if decreased_count <= 0  # jnp.where
                         else init_value * pow_or_inf(decay_rate, p))  # jnp.power
        if end_value is not None:
            decayed_value = clip_fn(decayed_value, end_value)
        return decayed_value
    return schedule


def optax_exponential_cases():
    src = ("; formula transcribed from optax/schedules/_schedule.py (google-deepmind/optax "
           "006cebd2adddd064757543329c83eaed0890ed82), float64")

    def exp(name, init, steps_, rate, staircase, end, dense_to, edges, large):
        kw = dict(init_value=init, transition_steps=steps_, decay_rate=rate)
        if staircase:
            kw["staircase"] = True
        kw["end_value"] = end
        ref = "optax.exponential_decay(%s)" % fmt_args(**kw) + src
        body = dict(from_=init, rate=rate)
        if steps_ != 1:
            body["every"] = steps_
        if staircase:
            body["staircase"] = True
        body["to"] = end
        fn = optax_exponential_decay(**kw)
        first = next(s for s in range(10**6) if fn(s) == end)
        formula_case(name, ref, [Ann("Exponential", **body)], fn,
                     rows(dense_to, edges=list(edges) + [first], large=large),
                     notes=["end_value holds from step %d on (%s)" % (
                         first, "max: decay_rate < 1" if rate < 1 else "min: decay_rate >= 1")])

    big = [10**4, 10**6, 10**9]
    exp("optax-exponential-decay-end", 0.1, 10, 0.9, False, 0.01, 250, [], big)
    exp("optax-exponential-decay-end-every1", 0.1, 1, 0.97, False, 0.001, 200, [], big)
    exp("optax-exponential-decay-end-staircase", 0.1, 10, 0.5, True, 0.002, 120,
        range(10, 121, 10), big)
    exp("optax-exponential-growth-end", 0.0001, 1, 1.05, False, 0.1, 180, [], big)
    exp("optax-exponential-growth-end-staircase", 0.001, 10, 2.0, True, 0.5, 130,
        range(10, 131, 10), big)


# --------------------------------------------------------------------------------------
# anneal-only shapes: reference = docs/REFERENCE.md itself
# --------------------------------------------------------------------------------------


def design_cases():
    ref = ("docs/REFERENCE.md (anneal contract) formulas, transcribed in generate.py design_value(); "
           "no external system implements this shape")
    big = [10**4, 10**6, 10**9]

    def dc(name, anns, steps, notes=()):
        case(name, ref, anns, [(s, design_value(anns, s)) for s in steps], notes)

    dc("design-warmup-cosine",
       [Ann("Warmup", steps=50, from_=0.001, shape=RAMP["COSINE"]),
        Ann("Linear", from_=0.1, to=0.002, steps=150)],
       rows(230, edges=[50, 200], large=big))
    dc("design-warmup-exponential",
       [Ann("Warmup", steps=40, from_=1e-05, shape=RAMP["EXPONENTIAL"]),
        Ann("Cosine", from_=0.1, to=0.001, steps=160)],
       rows(230, edges=[40, 200], large=big))
    dc("design-cooldown-exponential",
       [Ann("Constant", value=0.05, steps=100),
        Ann("Cooldown", steps=80, to=0.0005, shape=RAMP["EXPONENTIAL"])],
       rows(220, edges=[100, 180], large=big))
    dc("design-restarts-limit",
       [Ann("Restarts", growth=2.0, decay=0.5, limit=3),
        Ann("Linear", from_=0.1, to=0.01, steps=20)],
       rows(200, edges=[20, 60, 140], large=big),
       notes=["cycles [0,20) [20,60) [60,140), start value 0.1 * 0.5^i, end value 0.01 unscaled; "
              "after 3 cycles the final value 0.01 holds"])
    dc("design-warmup-polynomial-cooldown-cosine",
       [Ann("Warmup", steps=15, from_=0.0),
        Ann("Polynomial", from_=0.08, to=0.02, steps=120, power=2.0),
        Ann("Cooldown", steps=45, to=0.0, shape=RAMP["COSINE"])],
       rows(220, edges=[15, 135, 180], large=big))


# --------------------------------------------------------------------------------------
# Output and self-checks
# --------------------------------------------------------------------------------------


def write_case(name, reference, anns, notes, values):
    lines = ["# reference: " + reference, "# anneal: " + anneal_text(anns)]
    lines += ["# note: " + n for n in notes]
    lines.append("step,value")
    lines += ["%d,%r" % (s, float(v)) for s, v in values]
    path = os.path.join(OUT, name + ".csv")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    return path


def check_against_design(name, anns, values):
    peak = max(abs(v) for _, v in values)
    worst = 0.0
    for s, v in values:
        d = design_value(anns, s)
        err = abs(d - v)
        allowed = REF_VS_DESIGN_REL * max(abs(v), abs(d)) + REF_VS_DESIGN_ABS_PEAK * peak
        if err > allowed:
            raise AssertionError("%s: step %d reference %r vs docs/REFERENCE.md %r (err %.3g, allowed %.3g)"
                                 % (name, s, v, d, err, allowed))
        if v != 0:
            worst = max(worst, err / abs(v))
    return worst


# Java source parsing for the self-check of `# anneal:` lines.

def java_schema():
    schema, enums = {}, {}
    for fn in sorted(os.listdir(ANNOTATIONS)):
        if not fn.endswith(".java"):
            continue
        src = open(os.path.join(ANNOTATIONS, fn), encoding="utf-8").read()
        src = re.sub(r"/\*.*?\*/", "", src, flags=re.S)
        src = re.sub(r"//[^\n]*", "", src)
        m = re.search(r"public\s+@interface\s+(\w+)\s*\{(.*)\}", src, re.S)
        if m:
            attrs = {}
            for am in re.finditer(r"([\w\[\]]+)\s+(\w+)\s*\(\s*\)\s*(default\s+[^;]+)?;", m.group(2)):
                attrs[am.group(2)] = (am.group(1), am.group(3) is not None)
            schema[m.group(1)] = attrs
        m = re.search(r"public\s+enum\s+(\w+)\s*\{([^;}]*)", src, re.S)
        if m:
            enums[m.group(1)] = [x.strip() for x in m.group(2).split(",") if x.strip()]
    return schema, enums


def split_top(s):
    parts, depth, cur = [], 0, ""
    for ch in s:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur)
    return [p.strip() for p in parts]


DOUBLE_RE = re.compile(r"^-?(\d+\.\d*([eE][-+]?\d+)?|\d+[eE][-+]?\d+)$")
LONG_RE = re.compile(r"^-?\d+L?$")


def check_literal(jtype, lit, enums):
    if jtype.endswith("[]"):
        if not (lit.startswith("{") and lit.endswith("}")):
            return False
        inner = lit[1:-1].strip()
        return all(check_literal(jtype[:-2], x, enums) for x in split_top(inner)) if inner else True
    if jtype == "double":
        return bool(DOUBLE_RE.match(lit)) and math.isfinite(float(lit))
    if jtype in ("long", "int"):
        return bool(LONG_RE.match(lit)) and (jtype == "long" or abs(int(lit)) < 2**31)
    if jtype == "boolean":
        return lit in ("true", "false")
    if jtype in enums:
        t, _, c = lit.partition(".")
        return t == jtype and c in enums[jtype]
    return False


def self_check(paths):
    schema, enums = java_schema()
    for needed in BODIES + MODIFIERS:
        if needed not in schema:
            raise AssertionError("annotation @%s not found in %s" % (needed, ANNOTATIONS))
    ann_re = re.compile(r"@(\w+)(\(((?:[^()])*)\))?")
    for path in paths:
        name = os.path.basename(path)
        text = open(path, encoding="utf-8").read()
        lines = text.split("\n")
        assert lines[0].startswith("# reference: "), name
        assert lines[1].startswith("# anneal: "), name
        i = 2
        while lines[i].startswith("# note: "):
            i += 1
        assert lines[i] == "step,value", name
        data = [ln for ln in lines[i + 1:] if ln]
        assert 100 <= len(data) <= 400, (name, len(data))
        prev = -1
        for ln in data:
            s, v = ln.split(",")
            s, v = int(s), float(v)
            assert s > prev and s >= 0, (name, s)
            prev = s
            assert math.isfinite(v), (name, s, v)
            assert v == 0 or abs(v) >= MIN_NORMAL, ("subnormal value", name, s, v)
            assert repr(v) == ln.split(",")[1], (name, ln)
        anneal = lines[1][len("# anneal: "):]
        rebuilt, bodies = [], 0
        for m in ann_re.finditer(anneal):
            aname, args = m.group(1), m.group(3)
            rebuilt.append(m.group(0))
            assert aname in schema, (name, aname)
            bodies += aname in BODIES
            given = {}
            for part in split_top(args) if args else []:
                k, _, lit = part.partition("=")
                k, lit = k.strip(), lit.strip()
                assert k in schema[aname], (name, aname, k)
                jtype = schema[aname][k][0]
                assert check_literal(jtype, lit, enums), (name, aname, k, jtype, lit)
                assert k not in given, (name, aname, k)
                given[k] = lit
            for k, (jtype, has_default) in schema[aname].items():
                assert has_default or k in given, ("missing required", name, aname, k)
        assert " ".join(rebuilt) == anneal, (name, anneal)
        assert bodies == 1, (name, anneal)


def main():
    torch_cases()
    keras_cases()
    optax_cases()
    hf_cases()
    timm_cases()
    dl4j_cases()
    optax_exponential_cases()
    design_cases()

    os.makedirs(OUT, exist_ok=True)
    names = [c[0] for c in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    paths = []
    for name, reference, anns, notes, values in CASES:
        worst = check_against_design(name, anns, values)
        paths.append(write_case(name, reference, anns, notes, values))
        print("%-42s %4d rows  max rel dev vs docs/REFERENCE.md %.2e" % (name + ".csv", len(values), worst))
    self_check(paths)
    print("timm warmup_prefix vs anneal @Warmup (lr 0.1, t_initial 100, warmup_t 10): "
          "max rel gap %.3g" % timm_warmup_difference())
    print("%d files written to %s (%s)" % (len(paths), os.path.relpath(OUT, ROOT), TORCH))


if __name__ == "__main__":
    sys.exit(main())
