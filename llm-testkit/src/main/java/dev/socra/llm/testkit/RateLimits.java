package dev.socra.llm.testkit;

/**
 * Per-server limits, as providers enforce them per organisation: token buckets refilled
 * continuously over a minute (or a day for {@code rpd}).
 *
 * @param tpm tokens per minute, counting a request's input plus its max tokens; 0 = unlimited
 * @param rpm requests per minute; 0 = unlimited
 * @param rpd requests per day; 0 = unlimited. Groq's {@code x-ratelimit-*-requests} headers report
 *     this one, not {@code rpm}
 */
public record RateLimits(int tpm, int rpm, int rpd) {

  public static final RateLimits UNLIMITED = new RateLimits(0, 0, 0);

  public RateLimits {
    if (tpm < 0 || rpm < 0 || rpd < 0) {
      throw new IllegalArgumentException(
          "limits must be >= 0, got tpm=" + tpm + " rpm=" + rpm + " rpd=" + rpd);
    }
  }

  /** Per-minute limits only. */
  public RateLimits(int tpm, int rpm) {
    this(tpm, rpm, 0);
  }

  boolean unlimited() {
    return tpm == 0 && rpm == 0 && rpd == 0;
  }
}
