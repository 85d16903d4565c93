/**
 * The router's one source of time: a {@link java.time.Clock} for every instant it reads and a
 * {@link dev.socra.llm.time.Sleeper} for every wait it chooses, so that tests run its waiting on
 * virtual time.
 */
package dev.socra.llm.time;
