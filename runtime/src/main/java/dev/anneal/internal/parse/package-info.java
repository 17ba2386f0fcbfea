/**
 * Internal, not API. Reading Java annotation source text at run time exactly as javac reads it:
 * {@link dev.anneal.internal.parse.JavaLexer} turns text such as {@code @Cosine(from = 0.1, to =
 * 1e-4, steps = 19_500)} into tokens whose literal values are the ones javac would compile.
 */
package dev.anneal.internal.parse;
