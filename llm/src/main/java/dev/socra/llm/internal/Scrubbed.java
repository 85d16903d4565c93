package dev.socra.llm.internal;

import dev.socra.llm.config.Secrets;

/**
 * A copy of an exception for the log: the same class name, stack traces and causes, with every
 * message scrubbed of keys, since a provider's text may have quoted one.
 */
final class Scrubbed extends RuntimeException {
  private final String type;

  private Scrubbed(String type, String message, Throwable cause) {
    super(message, cause, false, true);
    this.type = type;
  }

  static Throwable of(Throwable t, Secrets secrets) {
    return of(t, secrets, 0);
  }

  private static Throwable of(Throwable t, Secrets secrets, int depth) {
    if (t == null || depth > 8) {
      return null;
    }
    Throwable cause = t.getCause() == t ? null : of(t.getCause(), secrets, depth + 1);
    String message = t.getMessage() == null ? null : secrets.redact(t.getMessage());
    Scrubbed copy = new Scrubbed(t.getClass().getName(), message, cause);
    copy.setStackTrace(t.getStackTrace());
    return copy;
  }

  @Override
  public String toString() {
    String message = getMessage();
    return message == null ? type : type + ": " + message;
  }
}
