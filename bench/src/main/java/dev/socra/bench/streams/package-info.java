/**
 * The streaming load benchmark: the real server in-process, its stub writing every question as
 * unique, timed tokens, and a thousand simulated founders following their questions as Server-Sent
 * Events over loopback. {@link dev.socra.bench.streams.StreamsBenchmark} is the entry point; {@code
 * bench/streams.sh} builds and runs it (docs/benchmarks.md).
 */
package dev.socra.bench.streams;
