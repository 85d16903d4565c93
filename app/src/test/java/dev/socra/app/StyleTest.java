package dev.socra.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Colour at a terminal, plain text in a pipe, and NO_COLOR respected. */
class StyleTest {
  @Test
  void autoColoursATerminalOnlyAndRespectsNoColorAndDumbTerminals() {
    assertThat(Style.of(Style.Mode.auto, Map.of(), true)).isEqualTo(new Style(true, true));
    assertThat(Style.of(Style.Mode.auto, Map.of(), false)).isEqualTo(Style.PLAIN);
    assertThat(Style.of(Style.Mode.auto, Map.of("NO_COLOR", "1"), true))
        .isEqualTo(new Style(false, true));
    // an empty NO_COLOR does not count (no-color.org)
    assertThat(Style.of(Style.Mode.auto, Map.of("NO_COLOR", ""), true).colour()).isTrue();
    assertThat(Style.of(Style.Mode.auto, Map.of("TERM", "dumb"), true)).isEqualTo(Style.PLAIN);
    assertThat(Style.of(Style.Mode.always, Map.of("NO_COLOR", "1"), false).colour()).isTrue();
    assertThat(Style.of(Style.Mode.never, Map.of(), true)).isEqualTo(Style.PLAIN);
  }

  @Test
  void plainTextIsLeftAsItIs() {
    assertThat(Style.PLAIN.bold("Q1: ")).isEqualTo("Q1: ");
    assertThat(Style.PLAIN.clearLine()).isEmpty();
    assertThat(new Style(true, true).green("ok")).isEqualTo("\u001B[32mok\u001B[0m");
  }
}
