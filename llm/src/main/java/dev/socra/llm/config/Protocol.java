package dev.socra.llm.config;

/** The wire format a provider speaks. */
public enum Protocol {
  /** Anthropic's Messages API. */
  ANTHROPIC,
  /** OpenAI's Chat Completions, as spoken by OpenAI, Gemini, Groq, OpenRouter, Ollama, vLLM ... */
  OPENAI,
  /** Socra's built-in demo provider: no network, no key. */
  STUB
}
