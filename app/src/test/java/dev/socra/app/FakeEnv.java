package dev.socra.app;

import dev.socra.llm.testkit.FakeProvider;
import java.util.HashMap;
import java.util.Map;

/** The seed's environment variables, with every provider's base URL pointing at a fake. */
final class FakeEnv {
  static final Map<String, String> KEYS =
      Map.of(
          "ANTHROPIC_API_KEY", "test-key-anthropic-SOCRAleakcheck-AAAA1111",
          "GOOGLE_API_KEY", "test-key-google-SOCRAleakcheck-BBBB3333",
          "GROQ_API_KEY", "test-key-groq-SOCRAleakcheck-CCCC5555",
          "OPENAI_API_KEY", "test-key-openai-SOCRAleakcheck-DDDD7777");

  static Map<String, String> all(FakeProvider fake) {
    Map<String, String> env = new HashMap<>(KEYS);
    env.put("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl());
    env.put("GOOGLE_BASE_URL", fake.openAiBaseUrl());
    env.put("GROQ_BASE_URL", fake.openAiBaseUrl());
    env.put("OPENAI_BASE_URL", fake.openAiBaseUrl());
    return env;
  }
}
