package dev.socra.bench.capacity;

import dev.socra.llm.ChatRequest;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.LlmCallException;
import dev.socra.llm.Router;
import dev.socra.llm.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The same parallel pipeline, every call through Socra's {@link Router}, configured as production
 * configures it (a YAML file and the environment, read by {@link ConfigLoader}) with one route over
 * the three fakes, each given exactly the limits its fake enforces. The pipeline code knows nothing
 * about limits: the router spreads the burst over the targets with room, in route order, and waits
 * only when none has room.
 */
final class SocraRouter implements Strategy {

  /** The router's configuration; the fakes' URLs and limits are filled in. */
  static final String YAML =
      """
      providers:
        groq-like:
          protocol: openai
          base_url: "%s"
          key_env: GROQ_LIKE_KEY
          model: %s
          context_window: 131072
          rate_limit_headers: groq
          limits: { tpm: %d, rpm: %d }
        gemini-like:
          protocol: openai
          base_url: "%s"
          key_env: GEMINI_LIKE_KEY
          model: %s
          context_window: 1048576
          rate_limit_headers: openai
          limits: { tpm: %d, rpm: %d }
        anthropic-like:
          protocol: anthropic
          base_url: "%s"
          key_env: ANTHROPIC_LIKE_KEY
          model: %s
          context_window: 200000
          rate_limit_headers: anthropic
          limits: { tpm: %d, rpm: %d }
      routes:
        default: [groq-like, gemini-like, anthropic-like]
      """;

  private final Router router;

  SocraRouter(Fakes fakes) {
    String yaml =
        YAML.formatted(
            fakes.groq.groqBaseUrl(),
            Fakes.GROQ_MODEL,
            Fakes.GROQ_LIMITS.tpm(),
            Fakes.GROQ_LIMITS.rpm(),
            fakes.gemini.openAiBaseUrl(),
            Fakes.GEMINI_MODEL,
            Fakes.GEMINI_LIMITS.tpm(),
            Fakes.GEMINI_LIMITS.rpm(),
            fakes.anthropic.anthropicBaseUrl(),
            Fakes.ANTHROPIC_MODEL,
            Fakes.ANTHROPIC_LIMITS.tpm(),
            Fakes.ANTHROPIC_LIMITS.rpm());
    try {
      Path dir = Files.createTempDirectory("socra-capacity");
      Path file = dir.resolve("socra.yaml");
      Files.writeString(file, yaml);
      try {
        this.router =
            Router.create(
                ConfigLoader.load(
                    Map.of(
                        ConfigLoader.CONFIG_VARIABLE,
                        file.toString(),
                        "GROQ_LIKE_KEY",
                        Fakes.KEY,
                        "GEMINI_LIKE_KEY",
                        Fakes.KEY,
                        "ANTHROPIC_LIKE_KEY",
                        Fakes.KEY)));
      } finally {
        Files.delete(file);
        Files.delete(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Router router() {
    return router;
  }

  @Override
  public SessionResult session(int session) {
    return Pipeline.parallel(session, this::call);
  }

  private CallOutcome call(Stage stage, Prompt prompt) {
    ChatRequest request =
        ChatRequest.of(prompt.user())
            .withSystem(prompt.system())
            .withMaxTokens(stage.outputTokens());
    try {
      ChatResponse response = router.complete(request);
      String served = response.servedBy().provider().replace("-like", "");
      return CallOutcome.answered(stage.name(), served, response.cost());
    } catch (LlmCallException e) {
      return CallOutcome.failed(stage.name(), e.failure() + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    router.close();
  }
}
