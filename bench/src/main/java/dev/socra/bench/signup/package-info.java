/** A signed-in user's latency with and without a flood of sign-ups: {@code bench/signup.sh}. */
package dev.socra.bench.signup;
