package dev.socra.llm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import dev.socra.llm.ChatRequest;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.Router;
import dev.socra.llm.budget.Dimension;
import dev.socra.llm.budget.HeaderDialect;
import dev.socra.llm.budget.Limits;
import dev.socra.llm.pricing.Price;
import dev.socra.llm.route.TargetId;
import dev.socra.llm.testkit.FakeProvider;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A router configured in code, as a program using the router as a library does: no YAML. */
class RouterConfigBuilderTest {
  static final String KEY = "test-key-socra-builder-7Qz9XbLk2Vw4Rt8Yp1Nc";
  static final Price TEST_PRICE =
      new Price(BigDecimal.ONE, new BigDecimal("2"), LocalDate.of(2026, 11, 1), "test");

  @TempDir Path dir;
  @AutoClose FakeProvider fake = FakeProvider.start(0);

  @Test
  void aRouterConfiguredInCodeFailsOverBetweenRealProvidersOnLoopback() {
    RouterConfig config =
        RouterConfig.builder()
            .provider(
                ProviderConfig.builder("a", Protocol.OPENAI)
                    .baseUrl(fake.openAiBaseUrl())
                    .key("A_KEY", KEY)
                    .model("ok"))
            .provider(
                ProviderConfig.builder("c", Protocol.ANTHROPIC)
                    .baseUrl(fake.anthropicBaseUrl())
                    .key("C_KEY", KEY)
                    .model("ok")
                    .contextWindow(200_000)
                    .prefill(true))
            .route("default", "a/status=503", "c")
            .price("a/status=503", TEST_PRICE)
            .price("c/ok", TEST_PRICE)
            .timeouts(
                Timeouts.builder()
                    .firstToken(Duration.ofSeconds(5))
                    .deadline(Duration.ofSeconds(30))
                    .build())
            .retry(RetryPolicy.builder().transientBackoff(Duration.ofMillis(10)).build())
            .build();

    try (Router router = Router.create(config)) {
      ChatResponse r = router.complete(ChatRequest.of("Who pays?").withMaxTokens(50));
      assertThat(r.servedBy()).isEqualTo(new TargetId("c", "ok"));
      assertThat(r.attempts())
          .extracting(a -> a.target() + " " + a.outcome().kind())
          .containsExactly("a/status=503 overloaded", "c/ok ok");
      assertThat(r.cost()).isPositive();
      assertThat(router.describe().render())
          .contains("route default (from routes.default)")
          .contains("C_KEY")
          .doesNotContain(KEY);
    }
  }

  @Test
  void withoutADefaultRouteTheProvidersWithAKeyServeInTheOrderTheyWereAdded() {
    RouterConfig c =
        RouterConfig.builder()
            .provider(ProviderConfig.builtin("groq").key("GROQ_API_KEY", KEY))
            .provider(ProviderConfig.builtin("anthropic").keyVariable("ANTHROPIC_API_KEY"))
            .provider(
                ProviderConfig.builder("local", Protocol.OPENAI)
                    .baseUrl("http://127.0.0.1:11434/v1/")
                    .model("llama3.2")
                    .keyless())
            .build();
    assertThat(c.routes().get("default"))
        .extracting(TargetId::toString)
        .containsExactly("groq/llama-3.1-8b-instant", "local/llama3.2");
    assertThat(c.routeSource())
        .isEqualTo("providers with a key (or needing none), in the order they were added");
    assertThat(c.providers()).containsOnlyKeys("groq", "anthropic", "local", "stub");
    assertThat(c.providers().get("local").baseUrl()).hasToString("http://127.0.0.1:11434/v1");
  }

  @Test
  void withNoUsableProviderTheDefaultRouteIsTheDemoStub() {
    RouterConfig c =
        RouterConfig.builder()
            .provider(ProviderConfig.builtin("groq").key("GROQ_API_KEY", "  \n"))
            .stubTokenDelay(Duration.ZERO)
            .build();
    assertThat(c.routes().get("default")).containsExactly(new TargetId("stub", "socra-demo"));
    assertThat(c.routeSource()).isEqualTo("no provider key is set: demo mode");
    assertThat(c.stub().tokenDelay()).isZero();
  }

  @Test
  void theBuilderAndTheFileDescribeTheSameRouter() throws IOException {
    Path file = dir.resolve("socra.yaml");
    Files.writeString(
        file,
        """
        providers:
          local:
            base_url: http://127.0.0.1:11434/v1
            model: llama3.2
            context_window: 8192
            capabilities: { prefill: true }
            limits: { rpm: 60, concurrency: 2 }
          groq:
            model: llama-3.3-70b-versatile
        routes:
          default: [groq, local]
          cheap: { order: cheapest-first, targets: [local, groq] }
        prices:
          local/llama3.2: { input: 0, output: 0, as_of: 2026-11-01, source: self-hosted }
        timeouts: { first_token: 3s }
        retry: { max_attempts: 4 }
        circuit: { open_for: 1m }
        stub: { token_delay: 10ms }
        """);
    RouterConfig fromFile =
        ConfigLoader.load(Map.of("SOCRA_CONFIG", file.toString(), "GROQ_API_KEY", KEY));

    RouterConfig inCode =
        RouterConfig.builder()
            .provider(ProviderConfig.builtin("anthropic").keyVariable("ANTHROPIC_API_KEY"))
            .provider(ProviderConfig.builtin("google").keyVariable("GOOGLE_API_KEY"))
            .provider(
                ProviderConfig.builtin("groq")
                    .model("llama-3.3-70b-versatile")
                    .key("GROQ_API_KEY", KEY))
            .provider(ProviderConfig.builtin("openai").keyVariable("OPENAI_API_KEY"))
            .provider(
                ProviderConfig.builder("local", Protocol.OPENAI)
                    .baseUrl("http://127.0.0.1:11434/v1")
                    .model("llama3.2")
                    .contextWindow(8192)
                    .prefill(true)
                    .limits(Limits.NONE.withConcurrency(2).with(Dimension.REQUESTS_PER_MINUTE, 60)))
            .route("default", "groq", "local")
            .route("cheap", RouteOrder.CHEAPEST_FIRST, List.of("local", "groq"))
            .price(
                "local/llama3.2",
                new Price(
                    BigDecimal.ZERO, BigDecimal.ZERO, LocalDate.of(2026, 11, 1), "self-hosted"))
            .timeouts(Timeouts.builder().firstToken(Duration.ofSeconds(3)).build())
            .retry(RetryPolicy.builder().maxAttempts(4).build())
            .circuit(CircuitSettings.builder().openFor(Duration.ofMinutes(1)).build())
            .stubTokenDelay(Duration.ofMillis(10))
            .build();

    assertThat(inCode.providers()).isEqualTo(fromFile.providers());
    assertThat(inCode.routes()).isEqualTo(fromFile.routes());
    assertThat(inCode.routes().get("cheap"))
        .extracting(TargetId::provider)
        .containsExactly("local", "groq");
    assertThat(inCode.timeouts()).isEqualTo(fromFile.timeouts());
    assertThat(inCode.retry()).isEqualTo(fromFile.retry());
    assertThat(inCode.circuit()).isEqualTo(fromFile.circuit());
    assertThat(inCode.stub()).isEqualTo(fromFile.stub());
    assertThat(inCode.prices().entries()).isEqualTo(fromFile.prices().entries());
  }

  @Test
  void aBuiltInProviderCarriesItsDocumentedDefaults() {
    ProviderConfig groq = ProviderConfig.builtin("groq").key("GROQ_API_KEY", KEY).build();
    assertThat(groq.baseUrl()).hasToString("https://api.groq.com/openai/v1");
    assertThat(groq.model()).isEqualTo("llama-3.1-8b-instant");
    assertThat(groq.contextWindow()).isEqualTo(131_072);
    assertThat(groq.limits()).isEqualTo(new Limits(30, 6_000, 0, 0, 14_400, 500_000, 0));
    assertThat(groq.rateLimitHeaders()).isEqualTo(HeaderDialect.GROQ);
    assertThat(groq.capabilities().prefill()).isTrue();
    assertThatThrownBy(() -> ProviderConfig.builtin("mistral"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("no built-in provider 'mistral' (built in: anthropic, google, groq, openai)");
  }

  @Test
  void aNewProviderTakesItsProtocolsDefaults() {
    ProviderConfig anthropic =
        ProviderConfig.builder("proxy", Protocol.ANTHROPIC)
            .baseUrl("https://proxy.example")
            .model("claude")
            .build();
    assertThat(anthropic.rateLimitHeaders()).isEqualTo(HeaderDialect.ANTHROPIC);
    assertThat(anthropic.tokenRatio()).isEqualTo(1.15);
    ProviderConfig openai =
        ProviderConfig.builder("vllm", Protocol.OPENAI)
            .baseUrl("http://127.0.0.1:8000/v1")
            .model("qwen")
            .build();
    assertThat(openai.rateLimitHeaders()).isEqualTo(HeaderDialect.OPENAI);
    assertThat(openai.tokenRatio()).isEqualTo(1.0);
    for (ProviderConfig p : new ProviderConfig[] {anthropic, openai}) {
      assertThat(p.contextWindow()).isEqualTo(ProviderConfig.DEFAULT_CONTEXT_WINDOW);
      assertThat(p.capabilities()).isEqualTo(Capabilities.NONE);
      assertThat(p.limits()).isEqualTo(Limits.NONE);
      assertThat(p.usable()).as("needs no key").isTrue();
    }
  }

  @Test
  void aKeyGivenInCodeIsCleanedLikeOneFromTheEnvironmentAndNeverShown() {
    ProviderConfig p =
        ProviderConfig.builtin("groq").key("MY_VAULT_GROQ", "\"" + KEY + "\"\r\n").build();
    assertThat(p.key().reveal()).isEqualTo(KEY);
    assertThat(p.toString()).doesNotContain(KEY).contains("MY_VAULT_GROQ=test…p1Nc");

    String broken = "test-key-socra-\u200Bbuilder-7Qz9XbLk2Vw4Rt8Yp1Nc";
    assertThatThrownBy(() -> ProviderConfig.builtin("groq").key("MY_VAULT_GROQ", broken))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MY_VAULT_GROQ holds a character")
        .hasMessageContaining("U+200B")
        .hasMessageNotContaining("builder-7Qz9");
  }

  static Stream<Arguments> badSettings() {
    ProviderConfig.Builder local =
        ProviderConfig.builder("local", Protocol.OPENAI)
            .baseUrl("http://127.0.0.1:1/v1")
            .model("m");
    return Stream.of(
        bad(
            "a deadline of zero",
            () -> Timeouts.builder().deadline(Duration.ZERO).build(),
            "timeouts.deadline must be longer than zero, was 0s"),
        bad(
            "a missing stall limit",
            () -> Timeouts.builder().stall(null).build(),
            "timeouts.stall is required"),
        bad(
            "no attempts",
            () -> RetryPolicy.builder().maxAttempts(0).build(),
            "retry.max_attempts must be a positive whole number, was 0"),
        bad(
            "a negative cool-down",
            () -> RetryPolicy.builder().quotaCooldown(Duration.ofMillis(-1500)).build(),
            "retry.quota_cooldown cannot be negative, was -1.5s"),
        bad(
            "a failure rate over 100%",
            () -> CircuitSettings.builder().failureRatePercent(101).build(),
            "circuit.failure_rate_percent must be at most 100, was 101"),
        bad(
            "an empty circuit window",
            () -> CircuitSettings.builder().window(0).build(),
            "circuit.window must be a positive whole number, was 0"),
        bad(
            "a circuit that never stays open",
            () -> CircuitSettings.builder().openFor(Duration.ZERO).build(),
            "circuit.open_for must be at least 1ms, was 0s"),
        bad(
            "a provider without a base URL",
            () -> ProviderConfig.builder("local", Protocol.OPENAI).model("m").build(),
            "providers.local.base_url is required"),
        bad(
            "a file URL",
            () -> local.baseUrl("file:///etc/passwd").build(),
            "providers.local.base_url must be an http or https URL"),
        bad(
            "a provider without a model",
            () -> ProviderConfig.builder("local", Protocol.OPENAI).baseUrl("http://x").build(),
            "providers.local.model is required"),
        bad(
            "a context window of zero",
            () ->
                ProviderConfig.builder("local", Protocol.OPENAI)
                    .baseUrl("http://x")
                    .model("m")
                    .contextWindow(0)
                    .build(),
            "providers.local.context_window must be a positive whole number, was 0"),
        bad(
            "a token ratio far off",
            () ->
                ProviderConfig.builder("local", Protocol.OPENAI)
                    .baseUrl("http://x")
                    .model("m")
                    .tokenRatio(Double.NaN)
                    .build(),
            "providers.local.token_ratio must be a number between 0.25 and 4, was NaN"),
        bad(
            "a provider name with a slash",
            () -> ProviderConfig.builder("a/b", Protocol.OPENAI).build(),
            "providers.a/b: a provider name cannot contain '/'"),
        bad(
            "a provider name with a newline",
            () -> ProviderConfig.builder("a\nb", Protocol.OPENAI).build(),
            "providers: a provider name cannot hold spaces or control characters"),
        bad(
            "a second stub",
            () -> ProviderConfig.builder("stub", Protocol.OPENAI).build(),
            "providers.stub: 'stub' is built in and cannot be redefined"),
        bad(
            "the stub protocol",
            () -> ProviderConfig.builder("demo", Protocol.STUB).build(),
            "providers.demo.protocol must be openai or anthropic (the stub is built in)"),
        bad(
            "a route to an unknown provider",
            () -> RouterConfig.builder().route("default", "nope").build(),
            "routes.default: unknown provider 'nope' (known providers: stub)"),
        bad(
            "a route to a provider without its key",
            () ->
                RouterConfig.builder()
                    .provider(ProviderConfig.builtin("groq").keyVariable("GROQ_API_KEY"))
                    .route("fast", "groq")
                    .build(),
            "routes.fast names groq/llama-3.1-8b-instant, but GROQ_API_KEY is not set"),
        bad(
            "a route naming a target twice",
            () -> RouterConfig.builder().route("demo", "stub", "stub/socra-demo").build(),
            "routes.demo names stub/socra-demo twice"),
        bad(
            "a route with no target",
            () -> RouterConfig.builder().route("empty", " ", "").build(),
            "routes.empty names no target"),
        bad(
            "a route without a name",
            () -> RouterConfig.builder().route(" ", "stub").build(),
            "routes: a route name cannot be blank"),
        bad(
            "a negative price",
            () ->
                RouterConfig.builder()
                    .price(
                        "gpt-4o-mini", new Price(new BigDecimal("-1"), BigDecimal.ONE, null, "x"))
                    .build(),
            "prices.gpt-4o-mini: prices cannot be negative"),
        bad(
            "a price for nothing",
            () -> RouterConfig.builder().price(" ", TEST_PRICE).build(),
            "prices: a price is for a model or provider/model, not ''"),
        bad(
            "a negative stub pace",
            () -> RouterConfig.builder().stubTokenDelay(Duration.ofMillis(-1)).build(),
            "stub.token_delay cannot be negative, was -1ms"));
  }

  private static Arguments bad(String what, ThrowingCallable build, String message) {
    return Arguments.of(named(what, build), message);
  }

  @ParameterizedTest(name = "{0} is refused")
  @MethodSource("badSettings")
  void everyBadSettingIsNamedWhenBuilt(ThrowingCallable build, String message) {
    assertThatThrownBy(build).isInstanceOf(ConfigException.class).hasMessage(message);
  }
}
