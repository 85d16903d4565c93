package dev.socra.llm.config;

/**
 * A provider key, cleaned at load. Its {@link #toString()} is a fingerprint, so a key that ends up
 * in a log line or an exception by accident still does not leak.
 */
public final class ApiKey {
  private final String variable;
  private final String value;

  private ApiKey(String variable, String value) {
    this.variable = variable;
    this.value = value;
  }

  /**
   * Removes what copy and paste adds around a key (whitespace, newlines, a byte-order mark, quotes)
   * and refuses a key that still holds a character an HTTP header cannot carry.
   *
   * @return null when the variable is unset or holds nothing but whitespace
   */
  public static ApiKey clean(String variable, String raw) {
    if (raw == null) {
      return null;
    }
    String v = stripInvisible(raw);
    // Quotes around the key, matched or not (a dashboard may keep only one of a pair).
    while (!v.isEmpty() && (isQuote(v.charAt(0)) || isQuote(v.charAt(v.length() - 1)))) {
      int from = isQuote(v.charAt(0)) ? 1 : 0;
      int to = v.length() > from && isQuote(v.charAt(v.length() - 1)) ? v.length() - 1 : v.length();
      v = stripInvisible(v.substring(from, Math.max(from, to)));
    }
    if (v.isEmpty()) {
      return null;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new ConfigException(
            variable
                + " holds a character that cannot be sent in an HTTP header ("
                + describe(c)
                + " at position "
                + (i + 1)
                + " of "
                + v.length()
                + "); key "
                + fingerprint(v)
                + ". Paste the key again without it.");
      }
    }
    return new ApiKey(variable, v);
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'' || c == '`';
  }

  private static String stripInvisible(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isInvisible(s.charAt(start))) {
      start++;
    }
    while (end > start && isInvisible(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isInvisible(char c) {
    return Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || c == '\uFEFF'
        || c == '\u200B'
        || c == '\u200C'
        || c == '\u200D'
        || Character.isISOControl(c);
  }

  private static String describe(char c) {
    return switch (c) {
      case '\n' -> "a newline";
      case '\r' -> "a carriage return";
      case '\t' -> "a tab";
      case ' ' -> "a space";
      default -> String.format("U+%04X", (int) c);
    };
  }

  /** {@code gsk_…9f2c}: enough to tell keys apart, too little to use one. */
  public static String fingerprint(String key) {
    if (key.length() < 20) {
      return "…(" + key.length() + " characters)";
    }
    return key.substring(0, 4) + "…" + key.substring(key.length() - 4);
  }

  /** The variable the key came from, for messages that tell the user what to fix. */
  public String variable() {
    return variable;
  }

  /** The key itself: for an HTTP header, nothing else. */
  public String reveal() {
    return value;
  }

  public String fingerprint() {
    return fingerprint(value);
  }

  @Override
  public String toString() {
    return variable + "=" + fingerprint();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiKey k && k.value.equals(value) && k.variable.equals(variable);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
