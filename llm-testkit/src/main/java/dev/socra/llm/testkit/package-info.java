/** Fake LLM providers that speak the real wire formats and misbehave on command. */
package dev.socra.llm.testkit;
