#!/usr/bin/python3
"""Golden data for anneal's gradient clipping, generated with real PyTorch.

Run from the repository root with the interpreter that has torch (1.13 was used):

    /usr/bin/python3 runtime/src/test/golden/clip_golden.py

It rewrites runtime/src/test/resources/golden/clip/{norm,value,agc}.txt; tests only read those.

References:
  * torch.nn.utils.clip_grad_norm_ / clip_grad_value_: torch/nn/utils/clip_grad.py (pytorch/pytorch,
    v1.13.0): called here, not re-implemented. total_norm = norm(stack(per-tensor norms));
    clip_coef = max_norm / (total_norm + 1e-6); clamp(clip_coef, max=1.0); grads *= it.
  * AGC: optax/transforms/_clipping.py (google-deepmind/optax, commit
    017762fb3acaacaf28f16964235b5cb0bd14c7a7), unitwise_norm / unitwise_clip / adaptive_grad_clip,
    transcribed below in torch float64. Optax reduces axis 0 of an (in, out) kernel; anneal's
    row-major (out, in) matrix has the same units as rows, so the norm is over dim 1 here.

Format (one record per case, blank-separated tokens, numbers as Python repr of float64, with
NaN / Infinity / -Infinity spelled as Java parses them):

    case <name> <dtype float32|float64> <op norm|value|agc> key=value ...
    in <v> <v> ...      one line per gradient array, in order (op agc: "param" lines first)
    out <v> <v> ...     the expected arrays after clipping, same order; float32 cases hold the
                        float64 result of the float32 inputs rounded to float32
    ret <v>             what apply returns (float64), or "ret error" when apply must throw
    end

For float32 cases the inputs are float32 values (exactly representable) and torch computes in
float64 on them, as anneal's contract says float results are compared with the float64 reference
rounded to float.
"""
import math
import os
import sys

import torch

torch.manual_seed(20240601)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden", "clip")


def fmt(x):
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return repr(x)


def line(tag, values):
    return " ".join([tag] + [fmt(v) for v in values])


def arrays(lengths, dtype, scale=1.0):
    """Random normal arrays, each with its own magnitude, exactly representable in dtype."""
    out = []
    for i, n in enumerate(lengths):
        mag = scale * (0.01 * 10 ** (i % 4))
        out.append((torch.randn(n, dtype=torch.float64) * mag).to(dtype).to(torch.float64))
    return out


def params_with(grads):
    ps = []
    for g in grads:
        p = torch.nn.Parameter(torch.zeros(g.shape, dtype=torch.float64))
        p.grad = g.clone()
        ps.append(p)
    return ps


def rounded(t, dtype):
    return t.to(dtype).to(torch.float64) if dtype == torch.float32 else t


def total_norm(grads, p):
    """What clip_grad_norm_ returns, without clipping (max_norm = inf leaves grads unchanged)."""
    ps = params_with(grads)
    return float(torch.nn.utils.clip_grad_norm_(ps, float("inf"), norm_type=p))


def norm_case(lines, name, dtype, grads, p, max_norm, scope="GLOBAL", non_finite="PROPAGATE"):
    grads = [rounded(g, dtype) for g in grads]  # float32 cases: float32 inputs
    ptxt = "Infinity" if p == float("inf") else fmt(p)
    head = "case %s %s norm max=%s norm=%s scope=%s nonFinite=%s" % (
        name, "float32" if dtype == torch.float32 else "float64", fmt(max_norm), ptxt, scope,
        non_finite)
    lines.append(head)
    for g in grads:
        lines.append(line("in", g.tolist()))
    total = total_norm(grads, p) if grads else 0.0
    if non_finite == "ERROR":
        ps = params_with(grads)
        try:
            torch.nn.utils.clip_grad_norm_(ps, max_norm, norm_type=p, error_if_nonfinite=True)
            outs, ret = [q.grad for q in ps], fmt(total)
        except RuntimeError:
            outs, ret = grads, "error"
    elif non_finite == "SKIP":
        # Not a torch option: untouched when the norm is not finite, else as PROPAGATE.
        if math.isfinite(total):
            ps = params_with(grads)
            torch.nn.utils.clip_grad_norm_(ps, max_norm, norm_type=p)
            outs = [q.grad for q in ps]
        else:
            outs = grads
        ret = fmt(total)
    elif scope == "EACH":
        outs = []
        for g in grads:
            ps = params_with([g])
            torch.nn.utils.clip_grad_norm_(ps, max_norm, norm_type=p)
            outs.append(ps[0].grad)
        ret = fmt(total)
    elif not grads:
        outs, ret = [], fmt(float(torch.nn.utils.clip_grad_norm_([], max_norm, norm_type=p)))
    else:
        ps = params_with(grads)
        ret = fmt(float(torch.nn.utils.clip_grad_norm_(ps, max_norm, norm_type=p)))
        outs = [q.grad for q in ps]
    for o in outs:
        lines.append(line("out", rounded(o, dtype).tolist()))
    lines.append("ret " + ret)
    lines.append("end")


def value_case(lines, name, dtype, grads, clip_value):
    grads = [rounded(g, dtype) for g in grads]
    lines.append("case %s %s value max=%s" % (
        name, "float32" if dtype == torch.float32 else "float64", fmt(clip_value)))
    for g in grads:
        lines.append(line("in", g.tolist()))
    # clip_grad_value_ returns None; anneal returns the largest |element| (NaN if any is NaN).
    ret = max([float(torch.max(torch.abs(g))) for g in grads if g.numel() > 0], default=0.0)
    if any(bool(torch.isnan(g).any()) for g in grads):
        ret = float("nan")
    ps = params_with(grads)
    torch.nn.utils.clip_grad_value_(ps, clip_value)
    for q in ps:
        lines.append(line("out", rounded(q.grad, dtype).tolist()))
    lines.append("ret " + fmt(ret))
    lines.append("end")


def unitwise_norm_rows(x):
    """optax unitwise_norm for one unit per row: sqrt(sum(|x|^2)) over each row, broadcast."""
    return torch.sqrt(torch.sum(x * x, dim=1, keepdim=True)).expand_as(x)


def agc(params, grads, clipping, eps):
    """optax adaptive_grad_clip update_fn + unitwise_clip (div_eps = 1e-6), in float64."""
    g_norm = unitwise_norm_rows(grads)
    p_norm = unitwise_norm_rows(params)
    max_norm = clipping * torch.maximum(p_norm, torch.tensor(eps, dtype=torch.float64))
    clipped = grads * (max_norm / torch.maximum(g_norm, torch.tensor(1e-6, dtype=torch.float64)))
    return torch.where(g_norm < max_norm, grads, clipped)


def agc_case(lines, name, dtype, rows, cols, clipping, eps, zero_rows=()):
    lines.append("case %s %s agc clipping=%s eps=%s rows=%d" % (
        name, "float32" if dtype == torch.float32 else "float64", fmt(clipping), fmt(eps), rows))
    params = torch.randn(rows, cols, dtype=torch.float64) * 0.1
    for r in zero_rows:
        params[r] = 0
    # Gradient/parameter ratios from 1e-4 to 1e-1 per row: some rows clip, others do not.
    ratio = torch.exp(torch.empty(rows, 1, dtype=torch.float64).uniform_(math.log(1e-4),
                                                                        math.log(1e-1)))
    grads = torch.randn(rows, cols, dtype=torch.float64)
    grads = grads / torch.sqrt(torch.sum(grads * grads, dim=1, keepdim=True))
    grads = grads * ratio * torch.clamp(torch.sqrt(torch.sum(params * params, dim=1,
                                                             keepdim=True)), min=1e-3)
    params = params.to(dtype).to(torch.float64)
    grads = grads.to(dtype).to(torch.float64)
    lines.append(line("param", params.reshape(-1).tolist()))
    lines.append(line("in", grads.reshape(-1).tolist()))
    out = agc(params, grads, clipping, eps)
    lines.append(line("out", rounded(out, dtype).reshape(-1).tolist()))
    lines.append("ret " + fmt(float(torch.sqrt(torch.sum(grads * grads)))))
    lines.append("end")


def t(values):
    return torch.tensor(values, dtype=torch.float64)


def main():
    os.makedirs(OUT, exist_ok=True)
    inf, nan = float("inf"), float("nan")
    f32, f64 = torch.float32, torch.float64

    norm = []
    big = [1, 3, 7, 31, 1000, 4099]
    small = [1, 3, 7, 31, 100]
    for dtype in (f64, f32):
        dn = "f64" if dtype == f64 else "f32"
        for p, pn in ((2.0, "l2"), (1.0, "l1"), (inf, "linf")):
            for where, factor in (("below", 0.3), ("above", 3.0)):
                grads = arrays(big if p == 2.0 else small, dtype)
                max_norm = factor * total_norm(grads, p)
                norm_case(norm, "%s_%s_max_%s" % (dn, pn, where), dtype, grads, p, max_norm)
        grads = arrays([3, 7, 31, 1000], dtype)
        norms = sorted(total_norm([g], 2.0) for g in grads)
        norm_case(norm, dn + "_l2_each", dtype, grads, 2.0, (norms[1] + norms[2]) / 2, "EACH")
        norm_case(norm, dn + "_zeros", dtype, [torch.zeros(n, dtype=f64) for n in (1, 7, 31)],
                  2.0, 1.0)
        norm_case(norm, dn + "_empty_array", dtype, [t([]), arrays([5], dtype)[0] * 100], 2.0,
                  1.0)
        norm_case(norm, dn + "_single_below_eps", dtype, [t([3e-7, -4e-7])], 2.0, 1e-7)
    norm_case(norm, "f64_no_arrays", f64, [], 2.0, 1.0)
    for p, pn in ((2.0, "l2"), (1.0, "l1"), (inf, "linf")):
        huge = arrays([7, 31], f64, scale=1e32)
        norm_case(norm, "f64_huge_" + pn, f64, huge, p, 1.0)
        for dtype in (f64, f32):
            dn = "f64" if dtype == f64 else "f32"
            with_inf = [t([1.0, -2.0, 3.0]), t([0.5, -inf, 0.25, 4.0])]
            with_nan = [t([1.0, -2.0, 3.0]), t([0.5, nan, 0.25])]
            for label, grads in (("inf", with_inf), ("nan", with_nan)):
                for mode in ("PROPAGATE", "ERROR", "SKIP"):
                    norm_case(norm, "%s_%s_%s_%s" % (dn, label, pn, mode.lower()), dtype, grads,
                              p, 1.0, non_finite=mode)
                norm_case(norm, "%s_%s_%s_each" % (dn, label, pn), dtype, grads, p, 1.0, "EACH")

    value = []
    for dtype in (f64, f32):
        dn = "f64" if dtype == f64 else "f32"
        value_case(value, dn + "_mixed", dtype, arrays([1, 3, 7, 31, 1000, 4099], dtype), 0.05)
        value_case(value, dn + "_above", dtype, arrays([3, 31], dtype), 100.0)
        value_case(value, dn + "_odd_bound", dtype, arrays([31, 100], dtype), 0.1)
        value_case(value, dn + "_inf_nan", dtype, [t([1.0, -inf, 0.25]), t([nan, -3.0, inf])], 0.5)
        value_case(value, dn + "_empty", dtype, [t([]), t([0.0, -0.0])], 0.5)

    agcs = []
    for dtype in (f64, f32):
        dn = "f64" if dtype == f64 else "f32"
        agc_case(agcs, dn + "_bias", dtype, 1, 7, 0.01, 1e-3)
        agc_case(agcs, dn + "_3x5", dtype, 3, 5, 0.01, 1e-3)
        agc_case(agcs, dn + "_16x31", dtype, 16, 31, 0.01, 1e-3, zero_rows=(2, 9))
        agc_case(agcs, dn + "_64x100", dtype, 64, 100, 0.05, 1e-3)
        agc_case(agcs, dn + "_eps0", dtype, 8, 33, 0.02, 0.0, zero_rows=(1,))
        agc_case(agcs, dn + "_large_eps", dtype, 5, 17, 0.01, 0.5)

    header = ["# Generated by runtime/src/test/golden/clip_golden.py with torch " +
              torch.__version__ + "; do not edit."]
    for name, lines in (("norm", norm), ("value", value), ("agc", agcs)):
        with open(os.path.join(OUT, name + ".txt"), "w") as f:
            f.write("\n".join(header + lines) + "\n")
        print("%s.txt: %d cases" % (name, sum(1 for x in lines if x.startswith("case "))),
              file=sys.stderr)


if __name__ == "__main__":
    main()
