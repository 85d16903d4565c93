package dev.socra.llm.testkit;

/** Which real API the OpenAI wire format is served as: each validates requests its own way. */
enum Flavour {
  /** OpenAI's own, at {@code /v1/chat/completions}. */
  OPENAI,
  /** Groq's, at {@code /openai/v1/chat/completions}. */
  GROQ,
  /** Gemini's compatibility layer, at {@code /v1beta/openai/chat/completions}. */
  GEMINI
}
