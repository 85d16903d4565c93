/** Benchmarks that compare strategies side by side in one run. */
package dev.socra.bench;
