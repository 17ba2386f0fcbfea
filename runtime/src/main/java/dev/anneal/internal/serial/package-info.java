/**
 * Internal, not API: the reader of the first serialized form, kept so that the schedules it holds
 * still read. Today's forms are {@link dev.anneal.internal.compose.SerialProxy} and the nested
 * forms of the public classes.
 */
package dev.anneal.internal.serial;
