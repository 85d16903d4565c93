/** Socra's LLM router: one call, many providers, every attempt accounted for. */
package dev.socra.llm;
