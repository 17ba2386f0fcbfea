/**
 * Internal, not API: one home per schedule kind. Each body annotation of {@code dev.anneal} has a
 * record here with its attributes (typed), its rules, its start and end value and length, its
 * description, and a folded form ({@link dev.anneal.internal.kind.Curve}) that evaluates it. The
 * processor emits each kind's code from the same folded constants, and the vector kernels read
 * them.
 */
package dev.anneal.internal.kind;
