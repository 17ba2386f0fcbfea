package dev.anneal.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/** {@link FillBenchmark} with the vector kernels switched off: the runtime's scalar path. */
@Fork(value = 1, jvmArgsAppend = "-Danneal.vector=false")
public class FillScalar extends FillBenchmark {}
