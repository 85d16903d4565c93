package dev.socra.llm.budget;

import java.time.Instant;

/**
 * What a provider's headers said about one dimension: its limit, what is left, when it is full
 * again. A field the headers did not carry is -1 (or null for the reset).
 */
public record LimitObservation(Dimension dimension, long limit, long remaining, Instant resetAt) {}
