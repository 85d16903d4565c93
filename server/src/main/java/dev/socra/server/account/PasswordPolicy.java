package dev.socra.server.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a password must be, after NIST SP 800-63B: long enough, not absurdly long, not only spaces,
 * not one of the passwords attackers try first, and not the user's own name. No composition rules
 * (a digit, a capital ...): they make passwords harder to remember, not to guess.
 *
 * <p>The common passwords are {@code passwords/common-passwords.txt}: the 49,233 passwords of
 * zxcvbn-ts's common list (MIT, see the LICENSE file beside it), compared without regard to case.
 * Lengths count characters (code points), not UTF-16 units.
 */
public final class PasswordPolicy {
  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 200;

  private PasswordPolicy() {}

  /**
   * Refuses a password that breaks a rule, with the reason for a person.
   *
   * @param name the account's name, which the password may not be; null when not known
   * @throws AccountException naming the rule
   */
  public static void check(String name, String password) {
    int length = password == null ? 0 : password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      throw new AccountException("a password needs at least " + MIN_LENGTH + " characters");
    }
    if (length > MAX_LENGTH) {
      throw new AccountException("a password can have at most " + MAX_LENGTH + " characters");
    }
    if (password.codePoints().allMatch(PasswordPolicy::blank)) {
      throw new AccountException("a password cannot be only spaces");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (password.codePoints().distinct().count() == 1) {
      throw new AccountException("a password cannot be one character repeated");
    }
    if (Common.PASSWORDS.contains(lower)) {
      throw new AccountException(
          "that password is on the list of the most common passwords, the first ones attackers"
              + " try; choose another");
    }
    if (name != null && lower.strip().equals(name.strip().toLowerCase(Locale.ROOT))) {
      throw new AccountException("a password cannot be the account's name");
    }
  }

  /** True for a password on the common-password list (any case). */
  static boolean common(String password) {
    return Common.PASSWORDS.contains(password.toLowerCase(Locale.ROOT));
  }

  /** How many passwords the list holds. */
  static int commonCount() {
    return Common.PASSWORDS.size();
  }

  /** Spaces of any kind, and characters that show nothing (zero-width spaces, joiners, BOM). */
  private static boolean blank(int cp) {
    return Character.isWhitespace(cp)
        || Character.isSpaceChar(cp)
        || Character.getType(cp) == Character.FORMAT;
  }

  /** Loaded on first use, once. */
  private static final class Common {
    static final Set<String> PASSWORDS = load();

    private static Set<String> load() {
      String resource = "/passwords/common-passwords.txt";
      Set<String> set = new HashSet<>(65_536);
      try (InputStream in = PasswordPolicy.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(resource + " is missing from the server's jar");
        }
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = lines.readLine()) != null; ) {
          if (!line.isEmpty()) {
            set.add(line.toLowerCase(Locale.ROOT));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return Set.copyOf(set);
    }
  }
}
