package dev.socra.server;

import java.util.Map;
import java.util.Optional;

/**
 * Reading the server's environment variables: a blank value counts as unset, values are stripped (a
 * key pasted with a trailing newline is the seed's failure), and a value out of range stops the
 * start with one line naming the variable, what it accepts and what it was.
 */
public final class EnvVariables {
  private EnvVariables() {}

  /** The variable's value, stripped; empty when unset or blank. */
  public static Optional<String> value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  /** A whole number from {@code min} to {@code max}; {@code def} when unset. */
  public static int integer(Map<String, String> env, String name, int def, int min, int max) {
    Optional<String> v = value(env, name);
    if (v.isEmpty()) {
      return def;
    }
    try {
      int n = Integer.parseInt(v.get());
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a whole number from " + min + " to " + max + ", was '" + v.get() + "'");
    }
  }
}
