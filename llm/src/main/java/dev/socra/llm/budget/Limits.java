package dev.socra.llm.budget;

import dev.socra.llm.config.ConfigException;

/**
 * What a provider allows one account for one model. Zero means no limit on that dimension.
 *
 * @param tokensPerMinute input plus output, as OpenAI and Groq count
 * @param inputTokensPerMinute and {@code outputTokensPerMinute}: Anthropic counts them apart
 * @param concurrency calls in flight at once
 */
public record Limits(
    long requestsPerMinute,
    long tokensPerMinute,
    long inputTokensPerMinute,
    long outputTokensPerMinute,
    long requestsPerDay,
    long tokensPerDay,
    int concurrency) {

  public static final Limits NONE = new Limits(0, 0, 0, 0, 0, 0, 0);

  public Limits {
    if (requestsPerMinute < 0
        || tokensPerMinute < 0
        || inputTokensPerMinute < 0
        || outputTokensPerMinute < 0
        || requestsPerDay < 0
        || tokensPerDay < 0
        || concurrency < 0) {
      throw new ConfigException("rate limits cannot be negative");
    }
  }

  public long of(Dimension d) {
    return switch (d) {
      case REQUESTS_PER_MINUTE -> requestsPerMinute;
      case TOKENS_PER_MINUTE -> tokensPerMinute;
      case INPUT_TOKENS_PER_MINUTE -> inputTokensPerMinute;
      case OUTPUT_TOKENS_PER_MINUTE -> outputTokensPerMinute;
      case REQUESTS_PER_DAY -> requestsPerDay;
      case TOKENS_PER_DAY -> tokensPerDay;
    };
  }

  public Limits with(Dimension d, long value) {
    return new Limits(
        d == Dimension.REQUESTS_PER_MINUTE ? value : requestsPerMinute,
        d == Dimension.TOKENS_PER_MINUTE ? value : tokensPerMinute,
        d == Dimension.INPUT_TOKENS_PER_MINUTE ? value : inputTokensPerMinute,
        d == Dimension.OUTPUT_TOKENS_PER_MINUTE ? value : outputTokensPerMinute,
        d == Dimension.REQUESTS_PER_DAY ? value : requestsPerDay,
        d == Dimension.TOKENS_PER_DAY ? value : tokensPerDay,
        concurrency);
  }

  public Limits withConcurrency(int value) {
    return new Limits(
        requestsPerMinute,
        tokensPerMinute,
        inputTokensPerMinute,
        outputTokensPerMinute,
        requestsPerDay,
        tokensPerDay,
        value);
  }

  public boolean unlimited() {
    return equals(NONE);
  }

  /** {@code 30 rpm, 6000 tpm, 14400 rpd}: the limits that are set. */
  public String describe() {
    StringBuilder s = new StringBuilder();
    for (Dimension d : Dimension.values()) {
      if (of(d) > 0) {
        s.append(s.isEmpty() ? "" : ", ").append(of(d)).append(' ').append(d.shortName());
      }
    }
    if (concurrency > 0) {
      s.append(s.isEmpty() ? "" : ", ").append(concurrency).append(" concurrent");
    }
    return s.isEmpty() ? "no limits" : s.toString();
  }
}
