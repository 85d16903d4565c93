package dev.socra.app;

import dev.socra.llm.testkit.FakeProvider;
import java.util.HashMap;
import java.util.Map;

/** The seed's environment variables, with every provider's base URL pointing at a fake. */
final class FakeEnv {
  static final Map<String, String> KEYS =
      Map.of(
          "ANTHROPIC_API_KEY", "sk-ant-api03-SOCRAleakcheckAAAA1111bbbb2222",
          "GOOGLE_API_KEY", "AIzaSyD-SOCRAleakcheckBBBB3333cccc4444",
          "GROQ_API_KEY", "gsk_SOCRAleakcheckCCCC5555dddd6666eeee",
          "OPENAI_API_KEY", "sk-proj-SOCRAleakcheckDDDD7777ffff8888");

  static Map<String, String> all(FakeProvider fake) {
    Map<String, String> env = new HashMap<>(KEYS);
    env.put("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl());
    env.put("GOOGLE_BASE_URL", fake.openAiBaseUrl());
    env.put("GROQ_BASE_URL", fake.openAiBaseUrl());
    env.put("OPENAI_BASE_URL", fake.openAiBaseUrl());
    return env;
  }
}
