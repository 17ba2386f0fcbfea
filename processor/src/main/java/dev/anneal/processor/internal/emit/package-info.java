/**
 * One emitter per body kind: each writes its kind's folded {@link dev.anneal.internal.kind.Curve}
 * as Java statements with every constant a literal, performing the curve's floating-point
 * operations in the same order so that generated code and the runtime return the same doubles.
 * Generated code calls only the helpers inherited from {@code GeneratedSchedule} ({@code cos},
 * {@code toDouble}, ...), never a type by its simple name, so no name in the user's config can
 * shadow what it refers to.
 */
package dev.anneal.processor.internal.emit;
