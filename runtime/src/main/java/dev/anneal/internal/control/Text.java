package dev.anneal.internal.control;

import dev.anneal.internal.kind.Problem;
import java.util.List;

/** Internal, not API. Declaration text, fingerprints and the strict state text form. */
final class Text {
  private Text() {}

  /** 64-bit FNV-1a over the UTF-16 units of {@code s}. */
  static long fnv1a(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      h = (h ^ (c & 0xff)) * 0x100000001b3L;
      h = (h ^ (c >>> 8)) * 0x100000001b3L;
    }
    return h;
  }

  /** Throws the joined messages of {@code problems}, if any. */
  static void throwIfAny(List<Problem> problems) {
    if (!problems.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (Problem p : problems) {
        sb.append(sb.length() == 0 ? "" : "; ").append(p.message());
      }
      throw new IllegalArgumentException(sb.toString());
    }
  }
}
