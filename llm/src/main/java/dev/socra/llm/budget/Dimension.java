package dev.socra.llm.budget;

import java.time.Duration;

/** One thing a provider counts, over its window. */
public enum Dimension {
  REQUESTS_PER_MINUTE("rpm", Duration.ofMinutes(1)),
  TOKENS_PER_MINUTE("tpm", Duration.ofMinutes(1)),
  INPUT_TOKENS_PER_MINUTE("input tpm", Duration.ofMinutes(1)),
  OUTPUT_TOKENS_PER_MINUTE("output tpm", Duration.ofMinutes(1)),
  REQUESTS_PER_DAY("rpd", Duration.ofDays(1)),
  TOKENS_PER_DAY("tpd", Duration.ofDays(1));

  private final String shortName;
  private final Duration window;

  Dimension(String shortName, Duration window) {
    this.shortName = shortName;
    this.window = window;
  }

  public String shortName() {
    return shortName;
  }

  public Duration window() {
    return window;
  }

  /** How much of this dimension one request takes. */
  public long need(Demand demand) {
    return switch (this) {
      case REQUESTS_PER_MINUTE, REQUESTS_PER_DAY -> 1;
      case TOKENS_PER_MINUTE, TOKENS_PER_DAY -> demand.total();
      case INPUT_TOKENS_PER_MINUTE -> demand.inputTokens();
      case OUTPUT_TOKENS_PER_MINUTE -> demand.outputTokens();
    };
  }

  public boolean countsRequests() {
    return this == REQUESTS_PER_MINUTE || this == REQUESTS_PER_DAY;
  }
}
