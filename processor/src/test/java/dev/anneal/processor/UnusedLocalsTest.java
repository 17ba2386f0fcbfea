package dev.anneal.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnusedLocalsTest {

  @Test
  void findsALocalThatIsNeverRead() {
    String source =
        "class Curve1 {\n"
            + "  double at(long step) {\n"
            + "    long t = step - 200L;\n"
            + "    long u = step;\n"
            + "    Runnable r = () -> { int dead = 1; };\n"
            + "    r.run();\n"
            + "    return u;\n"
            + "  }\n"
            + "}\n";
    assertEquals(
        List.of(
            "Curve1.java: Curve1.at declares t and never uses it",
            "Curve1.java: Curve1: a lambda declares dead and never uses it"),
        UnusedLocals.in(JavaFileObjects.forSourceString("Curve1", source)));
  }
}
