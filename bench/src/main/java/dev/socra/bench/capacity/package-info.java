/**
 * The capacity benchmark: the seed's production failure (five specialists of about 1,500 + 400
 * tokens fired together at Groq's free tier of 6,000 tokens a minute) replayed against fake
 * providers that enforce real limits, for the seed's three strategies, Socra's router, and an
 * unlimited reference. A plain {@code main} ({@link dev.socra.bench.capacity.CapacityBenchmark}),
 * not JMH: it measures minutes of real time against per-minute budgets, not nanoseconds. See {@code
 * docs/benchmarks.md}.
 */
package dev.socra.bench.capacity;
