package dev.socra.llm.testkit;

/**
 * Per-server limits over a sliding 60-second window, as providers enforce them per organisation.
 *
 * @param tpm tokens per minute, counting a request's input plus its max tokens; 0 = unlimited
 * @param rpm requests per minute; 0 = unlimited
 */
public record RateLimits(int tpm, int rpm) {

  public static final RateLimits UNLIMITED = new RateLimits(0, 0);

  public RateLimits {
    if (tpm < 0 || rpm < 0) {
      throw new IllegalArgumentException("limits must be >= 0, got tpm=" + tpm + " rpm=" + rpm);
    }
  }

  boolean unlimited() {
    return tpm == 0 && rpm == 0;
  }
}
