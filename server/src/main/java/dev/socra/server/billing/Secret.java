package dev.socra.server.billing;

/**
 * A key or webhook secret: its text is only handed to the code that signs or authenticates with it,
 * and it prints as {@code ****}, so that a settings object in a log line or exception shows none.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  static Secret of(String value) {
    return new Secret(value == null ? "" : value.strip());
  }

  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public String toString() {
    return value.isEmpty() ? "(not set)" : "****";
  }
}
