package dev.socra.llm.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * The checks every builder in this package shares. Each failure is a {@link ConfigException} whose
 * message starts with the setting's name as the config file spells it ({@code timeouts.deadline},
 * {@code providers.groq.token_ratio}), so the same message serves the file and the builder.
 */
final class Settings {
  private Settings() {}

  static <T> T required(T value, String setting) {
    if (value == null) {
      throw new ConfigException(setting + " is required");
    }
    return value;
  }

  static Duration longerThanZero(Duration value, String setting) {
    if (required(value, setting).isNegative() || value.isZero()) {
      throw new ConfigException(setting + " must be longer than zero, was " + text(value));
    }
    return value;
  }

  static Duration notNegative(Duration value, String setting) {
    if (required(value, setting).isNegative()) {
      throw new ConfigException(setting + " cannot be negative, was " + text(value));
    }
    return value;
  }

  static Duration positive(Duration value, String setting) {
    if (required(value, setting).isNegative() || value.isZero()) {
      throw new ConfigException(setting + " must be longer than zero, was " + text(value));
    }
    return value;
  }

  static int positive(int value, String setting) {
    if (value <= 0) {
      throw new ConfigException(setting + " must be a positive whole number, was " + value);
    }
    return value;
  }

  /** A name that appears in messages, route descriptions and the gateway's model list. */
  static String name(String value, String kind, String setting) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(setting + ": a " + kind + " name cannot be blank");
    }
    if (value.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
      throw new ConfigException(
          setting + ": a " + kind + " name cannot hold spaces or control characters");
    }
    return value;
  }

  /**
   * An http or https URL without its trailing slash. The text is never echoed: a key pasted into
   * the wrong variable must not be printed.
   */
  static URI url(String text, String setting) {
    String t = required(text, setting).strip();
    try {
      URI u = new URI(t.endsWith("/") ? t.substring(0, t.length() - 1) : t);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw new ConfigException(setting + " must be an http or https URL");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new ConfigException(setting + " is not a valid URL");
    }
  }

  /** {@code 250ms}, {@code 20s}, {@code 1m30s}: as the config file writes durations. */
  static String text(Duration d) {
    if (d.isNegative()) {
      return "-" + text(d.negated());
    }
    long seconds = d.getSeconds();
    int nanos = d.getNano();
    if (seconds == 0) {
      return nanos == 0 ? "0s" : nanos % 1_000_000 == 0 ? nanos / 1_000_000 + "ms" : nanos + "ns";
    }
    StringBuilder s = new StringBuilder();
    if (seconds >= 3600) {
      s.append(seconds / 3600).append('h');
    }
    if (seconds % 3600 >= 60) {
      s.append(seconds % 3600 / 60).append('m');
    }
    if (seconds % 60 > 0 || nanos > 0) {
      s.append(seconds % 60);
      if (nanos >= 1_000_000) {
        s.append('.').append(String.format("%03d", nanos / 1_000_000).replaceAll("0+$", ""));
      }
      s.append('s');
    }
    return s.toString();
  }
}
