#!/usr/bin/env python3
"""Turns JMH JSON results of AtBenchmark and Fill* into the Markdown tables of BENCHMARKS.md.

    python3 benchmarks/summarize.py benchmarks/results/jdk17-at.json benchmarks/results/jdk17-fill.json

Times are the MEDIAN of the measurement iterations (robust against other processes taking the CPU
for a while, which only ever makes an iteration slower), with the spread of the iterations as
[min-max]; JMH's own mean and error are in the .txt files. gc.alloc.rate.norm is the median of the
iterations too (JMH's mean lets one iteration that still caught a JIT compilation dominate). JMH's
gc profiler leaves gc.alloc.rate.norm out when it is exactly 0; this prints 0 then.
"""
import json
import sys

KINDS = ["constant", "stepDecay", "multiStep", "exponential", "cosine", "linear", "polynomial",
         "inverseTime", "inverseSqrt", "cyclic", "oneCycle", "piecewise", "composed",
         "sequence", "product", "momentum"]
VARIANTS = ["generated", "handwritten", "builder", "djl"]


def med(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def load(paths):
    rows = {}
    for path in paths:
        with open(path) as f:
            for r in json.load(f):
                cls, method = r["benchmark"].rsplit(".", 2)[-2:]
                groups = r.get("params", {}).get("groups")
                norm = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
                alloc = 0.0 if norm is None else med([x for fork in norm["rawData"] for x in fork])
                raw = [x for fork in r["primaryMetric"]["rawData"] for x in fork]
                rows[(cls, method, groups)] = (med(raw), (min(raw), max(raw)), alloc)
    return rows


def fmt_ns(v, spread=True):
    if v is None:
        return "–"
    score, (lo, hi), _ = v
    f = (lambda x: f"{x:,.0f}") if score >= 1000 else (lambda x: f"{x:.2f}")
    return f"{f(score)} [{f(lo)}–{f(hi)}]" if spread else f(score)


def fmt_alloc(a):
    if a == 0:
        return "0"
    if a < 0.01:
        return f"≈0 ({a:.0e})"
    return f"{a:.3g}"


def ratio(a, b):
    if a is None or b is None:
        return "–"
    return f"{a[0] / b[0]:.2f}"


def at_tables(rows):
    print("| kind | generated ns/op | hand-written ns/op | builder ns/op | DJL ns/op | gen/hand | gen/builder | gen/DJL |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for k in KINDS:
        v = {var: rows.get(("AtBenchmark", f"{k}_{var}", None)) for var in VARIANTS}
        if v["generated"] is None:
            continue
        print(f"| {k} | {fmt_ns(v['generated'])} | {fmt_ns(v['handwritten'])} | {fmt_ns(v['builder'])} | "
              f"{fmt_ns(v['djl'])} | {ratio(v['generated'], v['handwritten'])} | "
              f"{ratio(v['generated'], v['builder'])} | {ratio(v['generated'], v['djl'])} |")
    print()
    print("gc.alloc.rate.norm, B/op:")
    print()
    print("| kind | generated | hand-written | builder | DJL |")
    print("|---|---:|---:|---:|---:|")
    for k in KINDS:
        v = {var: rows.get(("AtBenchmark", f"{k}_{var}", None)) for var in VARIANTS}
        if v["generated"] is None:
            continue
        print("| " + k + " | " + " | ".join("–" if v[var] is None else fmt_alloc(v[var][2]) for var in VARIANTS) + " |")
    print()


def fill_tables(rows):
    sizes = sorted({g for (c, m, g) in rows if c.startswith("Fill") and g is not None}, key=int)
    if not sizes:
        return
    print("| case | type | groups | vector ns/op | scalar ns/op | at() loop ns/op | scalar/vector | loop/vector | "
          "alloc B/op vector | alloc B/op scalar | alloc B/op loop |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for case in ["scale", "delayed", "rows"]:
        for typ in ["float", "double"]:
            for g in sizes:
                m = f"{case}_{typ}"
                vec, sca, loop = (rows.get((c, m, g)) for c in ("FillVector", "FillScalar", "FillAtLoop"))
                if vec is None and sca is None:
                    continue
                print(f"| {case} | {typ}[] | {int(g):,} | {fmt_ns(vec, False)} | {fmt_ns(sca, False)} | {fmt_ns(loop, False)} | "
                      f"{ratio(sca, vec)}x | {ratio(loop, vec)}x | "
                      + " | ".join("–" if x is None else fmt_alloc(x[2]) for x in (vec, sca, loop)) + " |")
    print()


if __name__ == "__main__":
    rows = load(sys.argv[1:])
    if any(c == "AtBenchmark" for (c, _, _) in rows):
        at_tables(rows)
    fill_tables(rows)
