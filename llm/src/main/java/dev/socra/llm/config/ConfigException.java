package dev.socra.llm.config;

/**
 * Configuration Socra cannot start with. The message names the setting and never holds a key. It is
 * always one line: control characters from the file or the environment are shown escaped, so a
 * start-up error never breaks a log or a terminal.
 */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(oneLine(message));
  }

  private static String oneLine(String message) {
    if (message == null || message.chars().noneMatch(Character::isISOControl)) {
      return message;
    }
    StringBuilder s = new StringBuilder(message.length() + 8);
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      switch (c) {
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        default -> {
          if (Character.isISOControl(c)) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    return s.toString();
  }
}
