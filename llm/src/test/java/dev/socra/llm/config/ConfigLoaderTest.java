package dev.socra.llm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socra.llm.budget.Dimension;
import dev.socra.llm.budget.HeaderDialect;
import dev.socra.llm.budget.Limits;
import dev.socra.llm.route.TargetId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  static final String GROQ_KEY = "test-key-groq-aaaaaaaaaaaa";

  @TempDir Path dir;

  /** Loads {@code yaml} as the file {@code SOCRA_CONFIG} names, with {@code env} (name, value…). */
  private RouterConfig load(String yaml, String... env) {
    return ConfigLoader.load(environment(yaml, env));
  }

  private Map<String, String> environment(String yaml, String... env) {
    Path file = dir.resolve("socra.yaml");
    try {
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> m = new HashMap<>();
    m.put("SOCRA_CONFIG", file.toString());
    for (int i = 0; i < env.length; i += 2) {
      m.put(env[i], env[i + 1]);
    }
    return m;
  }

  /** The message loading {@code yaml} fails with, the file's path shown as FILE. */
  private String failure(String yaml, String... env) {
    Map<String, String> e = environment(yaml, env);
    try {
      ConfigLoader.load(e);
    } catch (ConfigException ex) {
      return ex.getMessage().replace(e.get("SOCRA_CONFIG"), "FILE");
    }
    throw new AssertionError("loaded without complaint: " + yaml);
  }

  @Test
  void noKeyMeansDemoMode() {
    RouterConfig c = ConfigLoader.load(Map.of());
    assertThat(c.routes().get("default")).containsExactly(new TargetId("stub", "socra-demo"));
  }

  @Test
  void theDefaultOrderIsAnthropicGoogleGroqOpenAiWithOnlyKeyedProviders() {
    RouterConfig c =
        ConfigLoader.load(
            Map.of(
                "GROQ_API_KEY",
                "test-key-groq-aaaaaaaaaaaa",
                "GOOGLE_API_KEY",
                "test-key-google-aaaaaaaaaa",
                "OPENAI_API_KEY",
                "test-key-openai-aaaaaaaaaa"));
    assertThat(c.routes().get("default"))
        .extracting(TargetId::toString)
        .containsExactly(
            "google/gemini-2.5-flash-lite", "groq/llama-3.1-8b-instant", "openai/gpt-4o-mini");
  }

  @Test
  void theStubIsNeverAddedBehindRealProviders() {
    RouterConfig c = ConfigLoader.load(Map.of("GROQ_API_KEY", "test-key-groq-aaaaaaaaaaaa"));
    assertThat(c.routes().get("default")).extracting(TargetId::provider).doesNotContain("stub");
  }

  @Test
  void socraRouteSetsTheOrderAndModelOverridesApply() {
    RouterConfig c =
        ConfigLoader.load(
            Map.of(
                "GROQ_API_KEY", "test-key-groq-aaaaaaaaaaaa",
                "GOOGLE_API_KEY", "test-key-google-aaaaaaaaaa",
                "GROQ_MODEL", "llama-3.3-70b-versatile",
                "GOOGLE_BASE_URL", "http://127.0.0.1:9/v1/",
                "SOCRA_ROUTE", "groq, google"));
    assertThat(c.routes().get("default"))
        .extracting(TargetId::toString)
        .containsExactly("groq/llama-3.3-70b-versatile", "google/gemini-2.5-flash-lite");
    assertThat(c.providers().get("google").baseUrl().toString()).isEqualTo("http://127.0.0.1:9/v1");
  }

  @Test
  void aRouteNamingAProviderWithoutAKeyIsRefused() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("SOCRA_ROUTE", "groq")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("GROQ_API_KEY is not set");
  }

  @Test
  void aBadUrlIsNamed() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("GROQ_BASE_URL", "ftp://x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("GROQ_BASE_URL");
  }

  @Test
  void theFileAddsProvidersRoutesAndPrices() throws IOException {
    Path file = dir.resolve("socra.yaml");
    Files.writeString(
        file,
        """
        providers:
          local:
            protocol: openai
            base_url: http://127.0.0.1:11434/v1
            model: llama3.2
            context_window: 8192
            capabilities: { prefill: true }
            price: { input: 0, output: 0, as_of: 2026-11-01, source: self-hosted }
          openrouter:
            base_url: https://openrouter.ai/api/v1
            key_env: OPENROUTER_API_KEY
            model: meta-llama/llama-3.3-70b-instruct
        routes:
          default: [groq, openrouter]
          local: [local]
        prices:
          openrouter/meta-llama/llama-3.3-70b-instruct: { input: 0.12, output: 0.3 }
        timeouts: { first_token: 3s, stall: 500ms }
        retry: { max_attempts: 4 }
        """);
    RouterConfig c =
        ConfigLoader.load(
            Map.of(
                "SOCRA_CONFIG", file.toString(),
                "GROQ_API_KEY", "test-key-groq-aaaaaaaaaaaa",
                "OPENROUTER_API_KEY", "test-key-openrouter-aaaaaaaa"));
    assertThat(c.routes().get("default"))
        .extracting(TargetId::toString)
        .containsExactly(
            "groq/llama-3.1-8b-instant", "openrouter/meta-llama/llama-3.3-70b-instruct");
    assertThat(c.routes().get("local")).containsExactly(new TargetId("local", "llama3.2"));
    assertThat(c.providers().get("local").capabilities().prefill()).isTrue();
    assertThat(c.providers().get("local").contextWindow()).isEqualTo(8192);
    assertThat(c.timeouts().stall().toMillis()).isEqualTo(500);
    assertThat(c.retry().maxAttempts()).isEqualTo(4);
    assertThat(
            c.prices()
                .cost(
                    new TargetId("openrouter", "meta-llama/llama-3.3-70b-instruct"), 1_000_000, 0))
        .isEqualByComparingTo(new BigDecimal("0.12"));
    assertThat(c.routeSource()).contains("routes.default");
  }

  @Test
  void anUnknownSettingIsNamed() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "timeouts:\n  firsttoken: 3s\n");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("SOCRA_CONFIG", file.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("firsttoken");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(
            () -> ConfigLoader.load(Map.of("SOCRA_CONFIG", dir.resolve("nope.yaml").toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SOCRA_CONFIG");
  }

  @Test
  void aKeyWithANewlineInsideStopsLoading() {
    assertThatThrownBy(
            () -> ConfigLoader.load(Map.of("GROQ_API_KEY", "test-key-groq-abcdefgh\nijklmnop")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("GROQ_API_KEY")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("abcdefgh"));
  }

  @Test
  void aTrailingNewlineIsCleaned() {
    RouterConfig c = ConfigLoader.load(Map.of("GROQ_API_KEY", "test-key-groq-abcdefghijklmnop\n"));
    assertThat(c.providers().get("groq").key().reveal())
        .isEqualTo("test-key-groq-abcdefghijklmnop");
    assertThat(List.of(c.routes().get("default").getFirst().provider())).containsExactly("groq");
  }

  @Test
  void theFileInTheConfigurationGuideLoadsAsDocumented() throws IOException {
    String guide = Files.readString(Path.of("..", "docs", "configuration.md"));
    Matcher m =
        Pattern.compile("## The config file\\s+```yaml\\n(.*?)```", Pattern.DOTALL).matcher(guide);
    assertThat(m.find()).as("the guide's config file example").isTrue();
    RouterConfig c =
        load(
            m.group(1),
            "GROQ_API_KEY",
            GROQ_KEY,
            "GOOGLE_API_KEY",
            "test-key-google-aaaaaaaaaa",
            "ANTHROPIC_API_KEY",
            "test-key-anthropic-aaaaaaa",
            "OPENROUTER_API_KEY",
            "test-key-openrouter-aaaaaaaa");

    ProviderConfig openrouter = c.providers().get("openrouter");
    assertThat(openrouter.protocol()).isEqualTo(Protocol.OPENAI);
    assertThat(openrouter.baseUrl()).hasToString("https://openrouter.ai/api/v1");
    assertThat(openrouter.keyVariable()).isEqualTo("OPENROUTER_API_KEY");
    assertThat(openrouter.model()).isEqualTo("meta-llama/llama-3.3-70b-instruct");
    assertThat(openrouter.contextWindow()).isEqualTo(131072);
    assertThat(openrouter.capabilities()).isEqualTo(new Capabilities(true, true, true, false));
    assertThat(c.prices().find(new TargetId("openrouter", "meta-llama/llama-3.3-70b-instruct")))
        .satisfies(
            p -> {
              assertThat(p.inputPerMillion()).isEqualByComparingTo("0.12");
              assertThat(p.outputPerMillion()).isEqualByComparingTo("0.30");
              assertThat(p.asOf()).isEqualTo(LocalDate.of(2026, 11, 1));
              assertThat(p.source()).isEqualTo("https://openrouter.ai/models");
            });
    assertThat(c.providers().get("groq").model()).isEqualTo("llama-3.3-70b-versatile");

    assertThat(c.routes().get("default"))
        .extracting(TargetId::toString)
        .containsExactly(
            "google/gemini-2.5-flash-lite",
            "groq/llama-3.1-8b-instant",
            "anthropic/claude-haiku-4-5");
    // cheapest-first: groq's 70b at 0.59/0.79, openrouter at 0.12/0.30, haiku at 1.00/5.00
    assertThat(c.routes().get("cheap"))
        .extracting(TargetId::toString)
        .containsExactly(
            "openrouter/meta-llama/llama-3.3-70b-instruct",
            "groq/llama-3.3-70b-versatile",
            "anthropic/claude-haiku-4-5");
    assertThat(c.prices().cost(new TargetId("groq", "llama-3.3-70b-versatile"), 1_000_000, 0))
        .isEqualByComparingTo("0.59");

    assertThat(c.timeouts())
        .isEqualTo(
            new Timeouts(
                Duration.ofSeconds(180),
                Duration.ofSeconds(5),
                Duration.ofSeconds(20),
                Duration.ofSeconds(20),
                Duration.ofSeconds(90)));
    assertThat(c.retry())
        .isEqualTo(
            new RetryPolicy(
                8,
                Duration.ofSeconds(5),
                Duration.ofMillis(250),
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                Duration.ofHours(1),
                Duration.ofMinutes(10)));
    assertThat(c.circuit()).isEqualTo(new CircuitSettings(50, 10, 4, Duration.ofSeconds(30)));
    assertThat(c.stub().tokenDelay()).isEqualTo(Duration.ofMillis(25));
  }

  @Test
  void everySettingOfEverySectionBindsFromTheFile() {
    RouterConfig c =
        load(
            """
            providers:
              groq:
                limits: { rpm: 31, tpm: 6001, input_tpm: 1, output_tpm: 2, rpd: 3, tpd: 4, concurrency: 5 }
                rate_limit_headers: openai
                token_ratio: 1.25
                context_window: 65536
                capabilities: { prefill: false, json_schema: true, json_object: false, separator: true }
              proxy:
                protocol: anthropic
                base_url: http://127.0.0.1:9/
                model: claude-proxy
            routes:
              default: groq, proxy
              listed: [proxy]
            timeouts: { deadline: 1m, connect: 2s, first_token: 500ms, stall: 1m30s, response: 2 }
            retry:
              max_attempts: 3
              max_rate_limit_wait: 1.5
              transient_backoff: 0
              rate_limit_cooldown: 1m
              silent_cooldown: 45s
              quota_cooldown: 2h
              auth_recheck: 5m
            circuit: { failure_rate_percent: 100, window: 20, minimum_calls: 1, open_for: 1ms }
            stub: { token_delay: 0ms }
            """,
            "GROQ_API_KEY",
            GROQ_KEY);
    ProviderConfig groq = c.providers().get("groq");
    assertThat(groq.limits()).isEqualTo(new Limits(31, 6001, 1, 2, 3, 4, 5));
    assertThat(groq.rateLimitHeaders()).isEqualTo(HeaderDialect.OPENAI);
    assertThat(groq.tokenRatio()).isEqualTo(1.25);
    assertThat(groq.contextWindow()).isEqualTo(65536);
    // what the file writes changes; the rest stays as Groq's defaults
    assertThat(groq.capabilities())
        .isEqualTo(
            ProviderConfig.builtin("groq")
                .build()
                .capabilities()
                .withPrefill(false)
                .withJsonSchema(true)
                .withJsonObject(false)
                .withSeparator(true));
    assertThat(groq.baseUrl()).hasToString("https://api.groq.com/openai/v1");

    ProviderConfig proxy = c.providers().get("proxy");
    assertThat(proxy.protocol()).isEqualTo(Protocol.ANTHROPIC);
    assertThat(proxy.rateLimitHeaders()).isEqualTo(HeaderDialect.ANTHROPIC);
    assertThat(proxy.tokenRatio()).isEqualTo(1.15);
    assertThat(proxy.contextWindow()).isEqualTo(ProviderConfig.DEFAULT_CONTEXT_WINDOW);
    assertThat(proxy.baseUrl()).hasToString("http://127.0.0.1:9");
    assertThat(proxy.keyVariable()).isNull();
    assertThat(proxy.usable()).isTrue();

    assertThat(c.routes().get("default"))
        .extracting(TargetId::toString)
        .containsExactly("groq/llama-3.1-8b-instant", "proxy/claude-proxy");
    assertThat(c.routes().get("listed")).containsExactly(new TargetId("proxy", "claude-proxy"));
    assertThat(c.timeouts())
        .isEqualTo(
            new Timeouts(
                Duration.ofMinutes(1),
                Duration.ofSeconds(2),
                Duration.ofMillis(500),
                Duration.ofSeconds(90),
                Duration.ofSeconds(2)));
    assertThat(c.retry())
        .isEqualTo(
            new RetryPolicy(
                3,
                Duration.ofMillis(1500),
                Duration.ZERO,
                Duration.ofMinutes(1),
                Duration.ofSeconds(45),
                Duration.ofHours(2),
                Duration.ofMinutes(5)));
    assertThat(c.circuit()).isEqualTo(new CircuitSettings(100, 20, 1, Duration.ofMillis(1)));
    assertThat(c.stub().tokenDelay()).isZero();
  }

  @Test
  void aBuiltInProviderChangesOnlyInWhatTheFileWrites() {
    RouterConfig plain = ConfigLoader.load(Map.of("GROQ_API_KEY", GROQ_KEY));
    RouterConfig c =
        load(
            """
            providers:
              google:
              groq:
                limits: { tpm: 12000 }
                capabilities: { json_schema: true }
            """,
            "GROQ_API_KEY",
            GROQ_KEY);
    assertThat(c.providers().get("google")).isEqualTo(plain.providers().get("google"));
    ProviderConfig groq = c.providers().get("groq");
    ProviderConfig before = plain.providers().get("groq");
    assertThat(groq.limits()).isEqualTo(before.limits().with(Dimension.TOKENS_PER_MINUTE, 12000));
    assertThat(groq.capabilities()).isEqualTo(before.capabilities().withJsonSchema(true));
    assertThat(groq.model()).isEqualTo(before.model());
  }

  @Test
  void theEnvironmentOverridesTheFile() {
    RouterConfig c =
        load(
            """
            providers:
              groq:
                model: llama-3.3-70b-versatile
                base_url: https://file.example/v1
                limits: { rpm: 1, tpm: 2, rpd: 3 }
              my-local:
                base_url: http://127.0.0.1:11434/v1
                model: llama3.2
            routes:
              default: [my-local]
            """,
            "GROQ_API_KEY",
            GROQ_KEY,
            "GROQ_MODEL",
            "  llama-3.1-8b-instant\n",
            "GROQ_BASE_URL",
            "http://127.0.0.1:9/v1/",
            "GROQ_RPM",
            "100",
            "GROQ_TPM",
            "0",
            "MY_LOCAL_MODEL",
            "qwen2.5",
            "SOCRA_ROUTE",
            "groq/llama-3.3-70b-versatile, my-local");
    ProviderConfig groq = c.providers().get("groq");
    assertThat(groq.model()).isEqualTo("llama-3.1-8b-instant");
    assertThat(groq.baseUrl()).hasToString("http://127.0.0.1:9/v1");
    assertThat(groq.limits().requestsPerMinute()).isEqualTo(100);
    assertThat(groq.limits().tokensPerMinute()).isZero();
    assertThat(groq.limits().requestsPerDay()).isEqualTo(3);
    assertThat(c.providers().get("my-local").model()).isEqualTo("qwen2.5");
    assertThat(c.routes().get("default"))
        .extracting(TargetId::toString)
        .containsExactly("groq/llama-3.3-70b-versatile", "my-local/qwen2.5");
    assertThat(c.routeSource()).isEqualTo("SOCRA_ROUTE");
  }

  @Test
  void aProviderFromTheFileGetsItsKeyFromTheVariableItNames() {
    String yaml =
        """
        providers:
          openrouter:
            base_url: https://openrouter.ai/api/v1
            key_env: OPENROUTER_API_KEY
            model: meta-llama/llama-3.3-70b-instruct
        """;
    assertThat(load(yaml).providers().get("openrouter").usable()).isFalse();
    RouterConfig c = load(yaml, "OPENROUTER_API_KEY", "'test-key-openrouter-abcdefghij'\r\n");
    assertThat(c.providers().get("openrouter").key().reveal())
        .isEqualTo("test-key-openrouter-abcdefghij");
    assertThat(c.routes().get("default"))
        .extracting(TargetId::provider)
        .containsExactly("openrouter");
    assertThat(c.routeSource()).contains("providers with a key");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          providers: { groq: { limts: 3 } }                  | providers.groq.limts in FILE: unknown key (known: base_url, capabilities, context_window, headers, key_env, key_header, limits, model, models, price, protocol, query, rate_limit_headers, stream_end_marker, token_ratio)
          providers: { groq: { limits: { rpmm: 3 } } }       | providers.groq.limits.rpmm in FILE: unknown key (known: concurrency, input_tpm, output_tpm, rpd, rpm, tpd, tpm)
          providers: { groq: { capabilities: { prefil: true } } } | providers.groq.capabilities.prefil in FILE: unknown key (known: json_object, json_schema, prefill, sampling, schema_dialect, separator, strict_schema, token_limit, tools, vision)
          providers: { groq: { price: { in: 1 } } }          | providers.groq.price.in in FILE: unknown key (known: as_of, input, output, source)
          routes: { cheap: { ordr: priority } }              | routes.cheap.ordr in FILE: unknown key (known: order, targets)
          prices: { gpt-4o-mini: { input: 1, output: 2, date: x } } | prices.gpt-4o-mini.date in FILE: unknown key (known: as_of, input, output, source)
          timeouts: { firsttoken: 3s }                       | timeouts.firsttoken in FILE: unknown key (known: connect, deadline, first_token, response, stall)
          retry: { max_attempt: 3 }                          | retry.max_attempt in FILE: unknown key (known: auth_recheck, max_attempts, max_rate_limit_wait, quota_cooldown, rate_limit_cooldown, silent_cooldown, transient_backoff)
          circuit: { windows: 3 }                            | circuit.windows in FILE: unknown key (known: failure_rate_percent, minimum_calls, open_for, window)
          stub: { tokn_delay: 1s }                           | stub.tokn_delay in FILE: unknown key (known: token_delay)
          provider: { groq: { model: x } }                   | provider in FILE: unknown key (known: circuit, prices, providers, retry, routes, stub, timeouts)
          """)
  void anUnknownKeyIsNamedByItsFullPathWithTheKeysThatAreKnown(String yaml, String message) {
    assertThat(failure(yaml)).isEqualTo(message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          providers: { groq: { context_window: 1.5 } }        | providers.groq.context_window in FILE: must be a whole number, was '1.5'
          providers: { groq: { context_window: '8192' } }     | providers.groq.context_window in FILE: must be a whole number, was '8192'
          providers: { groq: { context_window: 99999999999 } } | providers.groq.context_window in FILE: must be a whole number up to 2147483647, was '99999999999'
          providers: { groq: { limits: { rpm: -1 } } }        | providers.groq.limits.rpm in FILE: must be a whole number, 0 for no limit, was '-1'
          providers: { groq: { limits: { tpm: 6k } } }        | providers.groq.limits.tpm in FILE: must be a whole number, 0 for no limit, was '6k'
          providers: { groq: { limits: [30, 6000] } }         | providers.groq.limits in FILE: must be a mapping, was a list
          providers: { groq: { capabilities: { prefill: maybe } } } | providers.groq.capabilities.prefill in FILE: must be true or false, was 'maybe'
          providers: { groq: { protocol: stub } }             | providers.groq.protocol in FILE: must be openai or anthropic, was 'stub'
          providers: { groq: { rate_limit_headers: azure } }  | providers.groq.rate_limit_headers in FILE: must be openai, groq or anthropic, was 'azure'
          providers: { groq: { token_ratio: lots } }          | providers.groq.token_ratio in FILE: must be a number, was 'lots'
          providers: { groq: { model: { name: x } } }         | providers.groq.model in FILE: must be text, was a mapping
          providers: { groq: { price: { input: 1, output: 2, as_of: yesterday } } } | providers.groq.price.as_of in FILE: must be a date like 2026-11-01, was 'yesterday'
          providers: { groq: 3 }                              | providers.groq in FILE: must be a mapping, was '3'
          providers: [groq]                                   | providers in FILE: must be a mapping, was a list
          routes: { default: 3 }                              | routes.default in FILE: must be a list of targets, was '3'
          routes: { default: }                                | routes.default in FILE: has no value
          routes: { default: [stub, { a: 1 }] }               | routes.default[1] in FILE: must be text, was a mapping
          routes: { cheap: { order: random, targets: [stub] } } | routes.cheap.order in FILE: must be priority or cheapest-first, was 'random'
          prices: { gpt-4o-mini: { input: '1', output: 2 } }  | prices.gpt-4o-mini.input in FILE: must be a number, was '1'
          prices: { gpt-4o-mini: }                            | prices.gpt-4o-mini in FILE: has no value
          timeouts: { first_token: soon }                     | timeouts.first_token in FILE: must be a duration like 20s, 250ms or 1m30s, was 'soon'
          timeouts: { stall: -3 }                             | timeouts.stall in FILE: must be a duration like 20s, 250ms or 1m30s, was '-3'
          timeouts: 3s                                        | timeouts in FILE: must be a mapping, was '3s'
          retry: { max_attempts: many }                       | retry.max_attempts in FILE: must be a whole number, was 'many'
          retry: { quota_cooldown: [1h] }                     | retry.quota_cooldown in FILE: must be a duration like 20s, 250ms or 1m30s, was a list
          circuit: { window: true }                           | circuit.window in FILE: must be a whole number, was 'true'
          stub: { token_delay: fast }                         | stub.token_delay in FILE: must be a duration like 20s, 250ms or 1m30s, was 'fast'
          """)
  void aWrongTypeIsNamedByItsPathWithTheTypeExpected(String yaml, String message) {
    assertThat(failure(yaml)).isEqualTo(message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          providers: { groq: { context_window: 0 } }          | providers.groq.context_window must be a positive whole number, was 0
          providers: { groq: { token_ratio: 9 } }             | providers.groq.token_ratio must be a number between 0.25 and 4, was 9.0
          providers: { groq: { base_url: 'ftp://x' } }        | providers.groq.base_url must be an http or https URL
          providers: { groq: { price: { input: 1 } } }        | providers.groq.price in FILE: input and output (US dollars per million tokens) are required numbers
          providers: { groq: { price: { input: -1, output: 1 } } } | providers.groq.price in FILE: prices cannot be negative
          providers: { new: { model: x } }                    | providers.new.base_url is required
          providers: { new: { base_url: 'http://x' } }        | providers.new.model is required
          providers: { stub: { model: x } }                   | providers.stub: 'stub' is built in and cannot be redefined
          providers: { a/b: { model: x } }                    | providers.a/b: a provider name cannot contain '/'
          routes: { default: [groq] }                         | routes.default in FILE names groq/llama-3.1-8b-instant, but GROQ_API_KEY is not set
          routes: { default: [stub, nope] }                   | routes.default in FILE: unknown provider 'nope' (known providers: anthropic, google, groq, openai, stub)
          routes: { default: [stub, stub/socra-demo] }        | routes.default in FILE names stub/socra-demo twice
          routes: { cheap: { order: cheapest-first } }        | routes.cheap in FILE names no target
          timeouts: { first_token: 0s }                       | timeouts.first_token must be longer than zero, was 0s
          retry: { max_attempts: 0 }                          | retry.max_attempts must be a positive whole number, was 0
          circuit: { failure_rate_percent: 150 }              | circuit.failure_rate_percent must be at most 100, was 150
          circuit: { open_for: 0 }                            | circuit.open_for must be at least 1ms, was 0s
          """)
  void aValueOutOfItsRangeIsNamedWithWhatItMustBe(String yaml, String message) {
    assertThat(failure(yaml)).isEqualTo(message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          GROQ_RPM      | lots     | GROQ_RPM must be a whole number, 0 for no limit; was 'lots'
          GROQ_TPM      | -5       | GROQ_TPM must be a whole number, 0 for no limit; was '-5'
          GROQ_BASE_URL | ftp://x  | GROQ_BASE_URL must be an http or https URL
          GROQ_BASE_URL | http://a b | GROQ_BASE_URL is not a valid URL
          SOCRA_ROUTE   | groq,nope | SOCRA_ROUTE: unknown provider 'nope' (known providers: anthropic, google, groq, openai, stub)
          SOCRA_ROUTE   | groq/     | SOCRA_ROUTE: target 'groq/' has no model (known providers: anthropic, google, groq, openai, stub)
          SOCRA_ROUTE   | " , "     | SOCRA_ROUTE names no target
          """)
  void aBadVariableIsNamed(String variable, String value, String message) {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("GROQ_API_KEY", GROQ_KEY, variable, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void aKeyWrittenWhereAVariableNameBelongsIsRefusedWithoutBeingShown() {
    String key = "sk-or-v1-test-key-fake-not-real-0000006789";
    assertThat(failure("providers: { groq: { key_env: " + key + " } }"))
        .isEqualTo(
            "providers.groq.key_env in FILE: must be the name of an environment variable (letters,"
                + " digits and _) such as OPENROUTER_API_KEY, was 'sk-o…6789' (42 characters)")
        .doesNotContain("not-real");
    assertThat(failure("providers: { groq: { context_window: " + key + " } }"))
        .doesNotContain("not-real")
        .contains("'sk-o…6789' (42 characters)");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("GROQ_RPM", key)))
        .hasMessageNotContaining("not-real");
  }

  @Test
  void durationsAreGoStyleOrSeconds() {
    RouterConfig c =
        load(
            """
            timeouts: { deadline: 1h2m3.5s, connect: 500ms, first_token: 2s, stall: 1m, response: 2.5 }
            stub: { token_delay: 0 }
            """);
    assertThat(c.timeouts().deadline()).isEqualTo(Duration.ofMillis(3_723_500));
    assertThat(c.timeouts().connect()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.timeouts().firstToken()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.timeouts().stall()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.timeouts().response()).isEqualTo(Duration.ofMillis(2500));
    assertThat(c.stub().tokenDelay()).isZero();
  }

  @Test
  void anEmptyFileOrAnEmptySectionKeepsTheDefaults() {
    RouterConfig defaults = ConfigLoader.load(Map.of());
    for (String yaml : List.of("", "# nothing yet\n", "timeouts:\nretry:\ncircuit:\nstub:\n")) {
      RouterConfig c = load(yaml);
      assertThat(c.timeouts()).isEqualTo(defaults.timeouts());
      assertThat(c.retry()).isEqualTo(defaults.retry());
      assertThat(c.circuit()).isEqualTo(defaults.circuit());
      assertThat(c.stub()).isEqualTo(defaults.stub());
      assertThat(c.routes()).isEqualTo(defaults.routes());
    }
  }

  @Test
  void aFileThatIsNotYamlOrNotAMappingIsNamedWithTheLine() {
    assertThat(failure("providers:\n  groq: {}\n  groq: {}\n"))
        .isEqualTo("FILE is not valid YAML (line 3): 'groq' is written twice");
    assertThat(failure("providers:\n\tgroq: {}\n")).startsWith("FILE is not valid YAML (line 2): ");
    assertThat(failure("routes:\n  default: [groq\n"))
        .startsWith("FILE is not valid YAML (line 3): ");
    assertThat(failure("- providers\n- routes\n"))
        .isEqualTo("FILE: the top level must be a mapping of sections");
  }

  @Test
  void aHugeOrDeeplyNestedFileIsRefusedWithOneMessage() throws IOException {
    Path huge = dir.resolve("huge.yaml");
    Files.writeString(huge, "# " + "x".repeat(2 << 20) + "\n");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("SOCRA_CONFIG", huge.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("larger than 1 MB");

    String nested = "stub: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
    assertThat(failure(nested)).startsWith("FILE is not valid YAML");
  }

  @Test
  void controlCharactersInTheFileNeverBreakTheMessageIntoLines() {
    String message = failure("providers:\n  \"gr\\noq\\u0007\":\n    limts: 1\n");
    assertThat(message)
        .startsWith("providers.gr\\noq\\u0007.limts in FILE: unknown key")
        .doesNotContain("\n")
        .doesNotContain("\u0007");
  }

  @Test
  void aDirectoryIsNotAConfigFile() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("SOCRA_CONFIG", dir.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage("SOCRA_CONFIG names " + dir + ", which is not a readable file");
  }
}
