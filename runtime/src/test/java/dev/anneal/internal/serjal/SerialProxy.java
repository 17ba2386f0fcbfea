package dev.anneal.internal.serjal;

import java.io.Serializable;

/**
 * The first serialized form's layout, under a package name of the same length as the real one
 * ({@code serial}), so that a test can write a stream of that form and rename the package in its
 * bytes.
 */
public final class SerialProxy implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The first form's kinds. */
  public enum Form {
    SCHEDULE,
    STOPPER,
    CLIP,
    STAIR
  }

  private final Form form;
  private final String text;
  private final String state;
  private final Serializable part;
  private final long count;

  public SerialProxy(Form form, String text, String state, Serializable part, long count) {
    this.form = form;
    this.text = text;
    this.state = state;
    this.part = part;
    this.count = count;
  }
}
