package dev.anneal.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/** {@link FillBenchmark} with the Vector API module present: the runtime's vector kernels. */
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class FillVector extends FillBenchmark {}
