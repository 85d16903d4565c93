package dev.socra.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords are hashed at the real Argon2id cost unless the tests' own system property asks for the
 * least one; either hash signs in under either setting.
 */
class PasswordCostTest {
  static final String PASSWORD = "analytical engine";

  @Test
  void withoutTheTestPropertyHashesHaveTheRealCost() {
    assertThat(PasswordCost.encoder(null).encode(PASSWORD))
        .startsWith("$argon2id$v=19$m=16384,t=2,p=1$")
        .doesNotContain("analytical");
  }

  @Test
  void theTestPropertyGivesTheLeastCost() {
    assertThat(PasswordCost.encoder(PasswordCost.MINIMAL).encode(PASSWORD))
        .startsWith("$argon2id$v=19$m=8,t=1,p=1$")
        .doesNotContain("analytical");
  }

  @Test
  void aHashOfEitherCostVerifiesUnderEitherSetting() {
    PasswordEncoder real = PasswordCost.encoder(null);
    PasswordEncoder minimal = PasswordCost.encoder(PasswordCost.MINIMAL);
    String byReal = real.encode(PASSWORD);
    String byMinimal = minimal.encode(PASSWORD);
    assertThat(minimal.matches(PASSWORD, byReal)).isTrue();
    assertThat(real.matches(PASSWORD, byMinimal)).isTrue();
    assertThat(real.matches(PASSWORD + "s", byMinimal)).isFalse();
  }

  @Test
  void anyOtherValueOfThePropertyIsRefusedNamingIt() {
    for (String value : new String[] {"", "cheap", "MINIMAL", "minimal "}) {
      assertThatThrownBy(() -> PasswordCost.encoder(value))
          .as(value)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(PasswordCost.TEST_COST_PROPERTY)
          .hasMessageContaining("'" + value + "'");
    }
  }
}
