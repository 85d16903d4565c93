package dev.socra.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvVariablesTest {
  @Test
  void aValuePastedWithANewlineIsReadWithoutItAndABlankOneIsUnset() {
    Map<String, String> env = Map.of("SOCRA_A", " 42\n", "SOCRA_B", " \t\n");
    assertThat(EnvVariables.value(env, "SOCRA_A")).contains("42");
    assertThat(EnvVariables.value(env, "SOCRA_B")).isEmpty();
    assertThat(EnvVariables.integer(env, "SOCRA_A", 7, 0, 100)).isEqualTo(42);
    assertThat(EnvVariables.integer(env, "SOCRA_B", 7, 0, 100)).isEqualTo(7);
  }

  @Test
  void aNumberOutOfRangeOrNotANumberStopsTheStartNamingTheVariableAndWhatItAccepts() {
    for (String bad : new String[] {"101", "-1", "ten", "4.5", "99999999999"}) {
      assertThatThrownBy(() -> EnvVariables.integer(Map.of("SOCRA_N", bad), "SOCRA_N", 7, 0, 100))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("SOCRA_N must be a whole number from 0 to 100, was '" + bad + "'");
    }
  }
}
