/**
 * Internal, not API: the catalogue of annotations ({@link dev.anneal.internal.kind.Kind}, with
 * {@link dev.anneal.internal.kind.Part}, {@link dev.anneal.internal.kind.Problem} and {@link
 * dev.anneal.internal.kind.Checker}) and one home per schedule kind. Each body annotation of {@code
 * dev.anneal} has a record here with its attributes (typed), its rules, its start and end value and
 * length, its description, and a folded form ({@link dev.anneal.internal.kind.Curve}) that
 * evaluates it. The processor emits each kind's code from the same folded constants, and the vector
 * kernels read them.
 */
package dev.anneal.internal.kind;
