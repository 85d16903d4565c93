package dev.socra.server.account;

import java.time.Duration;

/** A wait as a person and a {@code Retry-After} header read it. */
public final class Waits {
  private Waits() {}

  /** Whole seconds, rounded up, at least one. */
  public static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  /** "45 seconds", "3 minutes", "2 hours". */
  public static String words(long seconds) {
    if (seconds < 90) {
      return seconds + (seconds == 1 ? " second" : " seconds");
    }
    long minutes = (seconds + 59) / 60;
    if (minutes < 90) {
      return minutes + " minutes";
    }
    long hours = (minutes + 59) / 60;
    return hours + " hours";
  }
}
