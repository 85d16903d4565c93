package dev.socra.server.account;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The cost of password hashes: Argon2id at Spring Security 5.8's defaults (16 MiB, 2 passes, one
 * lane; about 25 ms of one core a hash, which is the point), always, unless the JVM runs with the
 * system property {@value #TEST_COST_PROPERTY}{@code =minimal}.
 *
 * <p>That property is for Socra's own tests only, which create hundreds of users and sign in over
 * and over: 8 KiB and one pass, a tenth of a millisecond a hash. Only the tests' build
 * configuration sets it; no environment variable, configuration file or command-line option of
 * {@code socra} turns it on, and a process that runs with it logs a warning. A hash records its own
 * cost ({@code $argon2id$v=19$m=8,t=1,p=1$…}), so hashes of either cost verify under either
 * setting.
 */
final class PasswordCost {
  /** Set by the tests' build configuration (surefire) only; see docs/testing.md. */
  static final String TEST_COST_PROPERTY = "socra.test.password-hash-cost";

  static final String MINIMAL = "minimal";

  private static final Logger log = LoggerFactory.getLogger(PasswordCost.class);
  private static final AtomicBoolean warned = new AtomicBoolean();

  private PasswordCost() {}

  /** The encoder this process hashes passwords with. */
  static PasswordEncoder encoder() {
    return encoder(System.getProperty(TEST_COST_PROPERTY));
  }

  /**
   * @param testCost the value of {@value #TEST_COST_PROPERTY}: null (unset) for the real cost, or
   *     {@code minimal}; anything else is refused, so a typo cannot quietly pick a cost
   */
  static PasswordEncoder encoder(String testCost) {
    if (testCost == null) {
      return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }
    if (!testCost.equals(MINIMAL)) {
      throw new IllegalStateException(
          "the system property "
              + TEST_COST_PROPERTY
              + " is for Socra's tests and may only be '"
              + MINIMAL
              + "', was '"
              + testCost
              + "'");
    }
    if (warned.compareAndSet(false, true)) {
      log.warn(
          "passwords are hashed at the minimal Argon2id cost ({}={}): for tests only, never for"
              + " real accounts",
          TEST_COST_PROPERTY,
          MINIMAL);
    }
    // salt 16 bytes, hash 32 bytes, one lane, 8 KiB (Argon2's least), one pass
    return new Argon2PasswordEncoder(16, 32, 1, 8, 1);
  }
}
