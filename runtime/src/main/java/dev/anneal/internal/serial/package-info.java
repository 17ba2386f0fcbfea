/**
 * Internal, not API: the serialized form of every anneal schedule, controller and clip ({@link
 * dev.anneal.internal.serial.SerialProxy}), so that the runtime stays free of dependencies and the
 * format is the declaration text.
 */
package dev.anneal.internal.serial;
