package dev.anneal.internal.clip;

/**
 * Internal, not API. An attribute of a clipping annotation out of its domain.
 *
 * @param annotation simple name of the annotation, e.g. {@code ClipNorm}
 * @param attribute the attribute exactly as declared, e.g. {@code norm}
 * @param message the whole message, e.g. {@code @ClipNorm.norm must be 1, 2 or
 *     Double.POSITIVE_INFINITY, was 3.0}
 */
public record ClipProblem(String annotation, String attribute, String message) {}
