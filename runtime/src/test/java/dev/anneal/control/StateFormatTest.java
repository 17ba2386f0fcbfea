package dev.anneal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.anneal.EarlyStopper;
import dev.anneal.PlateauSchedule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The controllers' saved states are a versioned format: {@code state-formats.txt} holds the fresh
 * state of declarations covering every attribute, written by this runtime. A change that alters an
 * existing declaration's fingerprint or state text (a new attribute, a new default, another
 * canonical text) fails here until the format version in the state header is bumped; then the file
 * is rewritten ({@code -Danneal.stateFormats.write=true}) and texts of the old version are refused
 * with a message that names both versions.
 */
class StateFormatTest {
  private static final String FILE = "/state-formats.txt";

  private static final List<String> DECLARATIONS =
      List.of(
          "@Constant(value = 0.1) @ReduceOnPlateau",
          "@Cosine(from = 0.1, steps = 1000) @Warmup(steps = 10) @ReduceOnPlateau(goal ="
              + " Goal.MAXIMIZE, factor = 0.5, patience = 3, relThreshold = 0.01, absThreshold ="
              + " 0.001, cooldown = 2, minScale = 0.01, startAfter = 5)",
          "@Constant(value = 0.1) @ReduceOnPlateau(compat = Compat.PYTORCH, patience = 4)",
          "@Constant(value = 0.01) @ReduceOnPlateau(compat = Compat.KERAS)",
          "@EarlyStopping(patience = 3)",
          "@EarlyStopping(goal = Goal.MAXIMIZE, patience = 5, minDelta = 0.001, baseline = 0.5,"
              + " startAfter = 2, nonFinite = NonFinite.IGNORE)");

  private static String freshState(String declaration) {
    return declaration.startsWith("@EarlyStopping")
        ? EarlyStopper.parse(declaration).state().toString()
        : PlateauSchedule.parse(declaration).state().toString();
  }

  @Test
  void existingDeclarationsKeepTheirStateUnlessTheVersionIsBumped() throws Exception {
    if (Boolean.getBoolean("anneal.stateFormats.write")) {
      List<String> lines = new ArrayList<>();
      for (String d : DECLARATIONS) {
        lines.add(d + "\t" + freshState(d));
      }
      Path out = Paths.get("src/test/resources" + FILE);
      Files.write(out, lines, StandardCharsets.UTF_8);
    }
    List<String> saved =
        Files.readAllLines(Paths.get(getClass().getResource(FILE).toURI()), StandardCharsets.UTF_8);
    assertEquals(DECLARATIONS.size(), saved.size(), "one saved state per declaration");
    for (String line : saved) {
      String declaration = line.substring(0, line.indexOf('\t'));
      String was = line.substring(line.indexOf('\t') + 1);
      String now = freshState(declaration);
      String header = now.substring(0, now.indexOf(' '));
      if (!was.startsWith(header + " ")) {
        fail(
            "the state format version changed ("
                + was.substring(0, was.indexOf(' '))
                + " -> "
                + header
                + "): rewrite state-formats.txt with -Danneal.stateFormats.write=true");
      }
      assertEquals(
          was,
          now,
          declaration
              + ": the fingerprint or text of an existing declaration's state changed without a"
              + " format version bump; bump the version in the state header");
    }
  }

  @Test
  void aStateOfTheCurrentVersionRestoresAndAnotherVersionIsRefusedByName() {
    PlateauSchedule plateau = PlateauSchedule.parse(DECLARATIONS.get(0));
    plateau.observe(1.0);
    String text = plateau.state().toString();
    PlateauSchedule fresh = PlateauSchedule.parse(DECLARATIONS.get(0));
    fresh.restore(PlateauSchedule.State.parse(text));
    assertEquals(text, fresh.state().toString());
    String header = text.substring(0, text.indexOf(' '));
    String version = header.substring(header.lastIndexOf('/') + 1);
    String older = text.replace(header, header.replace("/" + version, "/0"));
    String message =
        assertThrows(IllegalArgumentException.class, () -> PlateauSchedule.State.parse(older))
            .getMessage();
    assertTrue(
        message.startsWith(
            "PlateauSchedule.State text is format version 0, this runtime reads version "
                + version
                + " only"),
        message);
    String stopper = EarlyStopper.parse(DECLARATIONS.get(4)).state().toString();
    String newer = stopper.replaceFirst("/\\d+ ", "/99 ");
    message =
        assertThrows(IllegalArgumentException.class, () -> EarlyStopper.State.parse(newer))
            .getMessage();
    assertTrue(message.contains("format version 99, this runtime reads version"), message);
  }
}
