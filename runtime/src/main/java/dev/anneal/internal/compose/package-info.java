/**
 * Internal, not API: composition. A schedule may be a plain declaration (one body and modifiers,
 * compiled to a {@link dev.anneal.internal.Plan}) or a composite of other schedules
 * ({@code @Sequence}, {@code @Product}, {@code @CycleMomentum}). Both are a {@link
 * dev.anneal.internal.compose.Declared}: a length and values.
 *
 * <p>As for the body kinds, each composite has one home: a record with its attributes as written
 * (part names), its rules ({@link dev.anneal.internal.compose.Composite#check} on the attributes
 * alone, {@link dev.anneal.internal.compose.Composite#checkParts} once the parts are known), its
 * length, and a nested {@code Folded} evaluator over the resolved parts whose {@code at} is the
 * reference that generated code mirrors operation by operation. {@link
 * dev.anneal.internal.compose.Resolver} resolves the names of a config (unknown names, self
 * references, cycles), {@link dev.anneal.internal.compose.Composer} reads a schedule's text
 * (through the one {@link dev.anneal.internal.AnnotationParser}, each composite by its {@link
 * dev.anneal.internal.compose.CompositeKind} attributes) and is the back end of the builder methods
 * in {@code Schedules}.
 */
package dev.anneal.internal.compose;
