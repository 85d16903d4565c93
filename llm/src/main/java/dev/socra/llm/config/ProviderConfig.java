package dev.socra.llm.config;

import dev.socra.llm.budget.HeaderDialect;
import dev.socra.llm.budget.Limits;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * One provider account: where it is, which key, which wire format, and what it can do.
 *
 * @param keyVariable the environment variable that holds the key; null for a keyless server (a
 *     local Ollama)
 * @param key null when the variable is unset: the provider then takes no part in routing
 * @param model the model used when a route names only the provider
 * @param contextWindow tokens of prompt plus answer the model accepts
 * @param limits what the provider allows this account, as configured; headers correct it live
 * @param rateLimitHeaders how the provider announces its limits
 * @param tokenRatio this provider's tokens per cl100k token, for estimates before usage is known
 * @param capabilities what its models can do unless {@code models} or the built-in table says
 *     otherwise for one of them ({@link #capabilitiesOf(String)})
 * @param models capabilities declared for particular models, by exact name or a pattern with {@code
 *     *} ({@code o3*}); each holds all of that model's capabilities
 * @param host extra headers, secret headers, query parameters and the key's header
 */
public record ProviderConfig(
    String name,
    Protocol protocol,
    URI baseUrl,
    String keyVariable,
    ApiKey key,
    String model,
    int contextWindow,
    Capabilities capabilities,
    Limits limits,
    HeaderDialect rateLimitHeaders,
    double tokenRatio,
    Map<String, Capabilities> models,
    HostOptions host) {

  public ProviderConfig {
    models =
        models == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(models));
    host = host == null ? HostOptions.NONE : host;
  }

  /** The context window assumed for a model nobody declared one for: small, so never too big. */
  public static final int DEFAULT_CONTEXT_WINDOW = 32_768;

  /**
   * A new provider speaking {@code protocol}, with that protocol's defaults: its rate-limit
   * headers, its token ratio (Anthropic's tokenizer counts about 15% more than cl100k), a {@value
   * #DEFAULT_CONTEXT_WINDOW}-token context, no declared capabilities, no limits and no key. A base
   * URL and a model are required.
   */
  public static Builder builder(String name, Protocol protocol) {
    Builder b = new Builder(name, protocol);
    if (protocol == Protocol.ANTHROPIC) {
      b.rateLimitHeaders = HeaderDialect.ANTHROPIC;
      b.tokenRatio = 1.15;
    }
    return b;
  }

  /**
   * One of the providers Socra knows (anthropic, google, groq, openai) with its documented
   * defaults, without a key: give it one with {@link Builder#key(String, String)}.
   */
  public static Builder builtin(String name) {
    Map<String, ProviderConfig> all = BuiltinProviders.all();
    ProviderConfig p = all.get(name);
    if (p == null) {
      throw new ConfigException(
          "no built-in provider '"
              + name
              + "' (built in: "
              + String.join(", ", all.keySet())
              + ")");
    }
    return p.toBuilder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public ProviderConfig withLimits(Limits value) {
    return new ProviderConfig(
        name,
        protocol,
        baseUrl,
        keyVariable,
        key,
        model,
        contextWindow,
        capabilities,
        value,
        rateLimitHeaders,
        tokenRatio,
        models,
        host);
  }

  /**
   * What {@code model} can do, as declared: its entry in {@link #models()} (an exact name first,
   * then the longest matching pattern), else the provider's {@link #capabilities()} as the built-in
   * table adjusts them for that model (Claude 4.6+ takes no prefill, OpenAI's reasoning models want
   * {@code max_completion_tokens}, Gemini takes its own schema subset …).
   */
  public Capabilities capabilitiesOf(String model) {
    return resolve(models, capabilities, model);
  }

  private static Capabilities resolve(
      Map<String, Capabilities> models, Capabilities capabilities, String model) {
    Capabilities exact = models.get(model);
    if (exact != null) {
      return exact;
    }
    String best = null;
    for (String pattern : models.keySet()) {
      if (pattern.contains("*")
          && glob(pattern).matcher(model).matches()
          && (best == null || pattern.length() > best.length())) {
        best = pattern;
      }
    }
    return best != null ? models.get(best) : ModelCatalog.adjust(model, capabilities);
  }

  /** {@code o3*}, {@code claude-*-4-6}: {@code *} stands for any text. */
  private static java.util.regex.Pattern glob(String pattern) {
    StringBuilder re = new StringBuilder();
    String[] parts = pattern.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      re.append(i == 0 ? "" : ".*").append(java.util.regex.Pattern.quote(parts[i]));
    }
    return java.util.regex.Pattern.compile(re.toString());
  }

  /** A provider takes part in routing when it has a key, or needs none. */
  public boolean usable() {
    return protocol == Protocol.STUB || key != null || keyVariable == null;
  }

  /**
   * Checked at {@link #build()}; every message names the setting as {@code providers.NAME.…}, the
   * way the config file spells it.
   */
  public static final class Builder {
    private final String name;
    private Protocol protocol;
    private URI baseUrl;
    private String baseUrlText;
    private String keyVariable;
    private ApiKey key;
    private String model;
    private int contextWindow = DEFAULT_CONTEXT_WINDOW;
    private Capabilities capabilities = Capabilities.NONE;
    private Limits limits = Limits.NONE;
    private HeaderDialect rateLimitHeaders = HeaderDialect.OPENAI;
    private double tokenRatio = 1.0;
    private final Map<String, Capabilities> models = new java.util.LinkedHashMap<>();
    private final Map<String, String> headers = new java.util.LinkedHashMap<>();
    private final Map<String, String> secretHeaderVariables = new java.util.LinkedHashMap<>();
    private final Map<String, ApiKey> secretHeaders = new java.util.LinkedHashMap<>();
    private final Map<String, String> query = new java.util.LinkedHashMap<>();
    private String keyHeader;
    private boolean endMarker;

    private Builder(String name, Protocol protocol) {
      this.name = name;
      this.protocol = protocol;
    }

    private Builder(ProviderConfig from) {
      name = from.name;
      protocol = from.protocol;
      baseUrl = from.baseUrl;
      keyVariable = from.keyVariable;
      key = from.key;
      model = from.model;
      contextWindow = from.contextWindow;
      capabilities = from.capabilities;
      limits = from.limits;
      rateLimitHeaders = from.rateLimitHeaders;
      tokenRatio = from.tokenRatio;
      models.putAll(from.models);
      headers.putAll(from.host.headers());
      secretHeaderVariables.putAll(from.host.secretHeaderVariables());
      secretHeaders.putAll(from.host.secretHeaders());
      query.putAll(from.host.query());
      keyHeader = from.host.keyHeader();
      endMarker = from.host.endMarker();
    }

    /** Changes the wire format only: rate-limit headers and token ratio stay as they are. */
    public Builder protocol(Protocol value) {
      protocol = value;
      return this;
    }

    /** An http or https URL; a trailing slash is dropped. */
    public Builder baseUrl(String value) {
      baseUrlText = value;
      baseUrl = null;
      return this;
    }

    public Builder baseUrl(URI value) {
      baseUrl = value;
      baseUrlText = null;
      return this;
    }

    /**
     * The key, cleaned as a key from the environment is (whitespace, quotes and invisible
     * characters around it removed); {@code variable} names it in messages, never the key itself. A
     * null or blank {@code rawKey} leaves the provider without a key, so out of every route.
     */
    public Builder key(String variable, String rawKey) {
      keyVariable = Objects.requireNonNull(variable, "variable");
      key = ApiKey.clean(variable, rawKey);
      return this;
    }

    public Builder key(ApiKey value) {
      key = Objects.requireNonNull(value, "key");
      keyVariable = value.variable();
      return this;
    }

    /** The variable the key will come from, with no key yet: the provider is not usable. */
    public Builder keyVariable(String variable) {
      keyVariable = Objects.requireNonNull(variable, "variable");
      key = null;
      return this;
    }

    /** A server that needs no key (a local Ollama or vLLM). */
    public Builder keyless() {
      keyVariable = null;
      key = null;
      return this;
    }

    public Builder model(String value) {
      model = value;
      return this;
    }

    public Builder contextWindow(int value) {
      contextWindow = value;
      return this;
    }

    public Builder capabilities(Capabilities value) {
      capabilities = value;
      return this;
    }

    /** Shorthand for {@code capabilities(…withPrefill(value))}. */
    public Builder prefill(boolean value) {
      capabilities = Settings.required(capabilities, setting("capabilities")).withPrefill(value);
      return this;
    }

    /**
     * All of {@code model}'s capabilities ({@code model} may be a pattern with {@code *}): they
     * replace the provider's and the built-in table's for that model. Null removes the entry.
     */
    public Builder model(String model, Capabilities value) {
      if (value == null) {
        models.remove(model);
      } else {
        models.put(Objects.requireNonNull(model, "model"), value);
      }
      return this;
    }

    /** A header every request carries, as written (not for credentials: see secretHeader). */
    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), value);
      return this;
    }

    /**
     * A header whose value is a secret from {@code variable}: cleaned as a key is, shown only as a
     * fingerprint, scrubbed from every provider text. A null {@code rawValue} leaves it unset.
     */
    public Builder secretHeader(String name, String variable, String rawValue) {
      secretHeaderVariables.put(
          Objects.requireNonNull(name, "name"), Objects.requireNonNull(variable, "variable"));
      ApiKey value = ApiKey.clean(variable, rawValue);
      if (value == null) {
        secretHeaders.remove(name);
      } else {
        secretHeaders.put(name, value);
      }
      return this;
    }

    /** A query parameter every request's URL carries, e.g. Azure's {@code api-version}. */
    public Builder query(String name, String value) {
      query.put(Objects.requireNonNull(name, "name"), value);
      return this;
    }

    /**
     * Sends the key raw in this header (Azure OpenAI: {@code api-key}); null for the protocol's.
     */
    public Builder keyHeader(String value) {
      keyHeader = value;
      return this;
    }

    /**
     * Whether the host always ends a stream with its end marker ({@code [DONE]}, {@code
     * message_stop}); see {@link HostOptions#endMarker()}. True for the built-in providers.
     */
    public Builder endMarker(boolean value) {
      endMarker = value;
      return this;
    }

    Map<String, String> secretHeaderVariables() {
      return secretHeaderVariables;
    }

    /** What {@code model} can do with what this builder holds now: see {@link #capabilitiesOf}. */
    public Capabilities capabilitiesOf(String model) {
      return resolve(models, capabilities, model);
    }

    public Builder limits(Limits value) {
      limits = value;
      return this;
    }

    public Builder rateLimitHeaders(HeaderDialect value) {
      rateLimitHeaders = value;
      return this;
    }

    public Builder tokenRatio(double value) {
      tokenRatio = value;
      return this;
    }

    public ProviderConfig build() {
      Settings.name(name, "provider", "providers");
      if (name.contains("/")) {
        throw new ConfigException("providers." + name + ": a provider name cannot contain '/'");
      }
      if (name.equals(BuiltinProviders.STUB)) {
        throw new ConfigException("providers.stub: 'stub' is built in and cannot be redefined");
      }
      if (Settings.required(protocol, setting("protocol")) == Protocol.STUB) {
        throw new ConfigException(
            setting("protocol") + " must be openai or anthropic (the stub is built in)");
      }
      URI url =
          baseUrlText != null
              ? Settings.url(baseUrlText, setting("base_url"))
              : Settings.url(
                  Settings.required(baseUrl, setting("base_url")).toString(), setting("base_url"));
      if (keyVariable != null
          && (keyVariable.isBlank() || keyVariable.chars().anyMatch(Character::isISOControl))) {
        throw new ConfigException(
            setting("key_env") + " must name the key's variable; omit it for a keyless server");
      }
      if (model == null || model.isBlank()) {
        throw new ConfigException(setting("model") + " is required");
      }
      Settings.positive(contextWindow, setting("context_window"));
      if (!(tokenRatio >= 0.25 && tokenRatio <= 4)) {
        throw new ConfigException(
            setting("token_ratio") + " must be a number between 0.25 and 4, was " + tokenRatio);
      }
      return new ProviderConfig(
          name,
          protocol,
          url,
          keyVariable,
          key,
          model.strip(),
          contextWindow,
          Settings.required(capabilities, setting("capabilities")),
          Settings.required(limits, setting("limits")),
          Settings.required(rateLimitHeaders, setting("rate_limit_headers")),
          tokenRatio,
          checkedModels(),
          new HostOptions(
                  headers, secretHeaderVariables, secretHeaders, query, keyHeader, endMarker)
              .validated("providers." + name));
    }

    private Map<String, Capabilities> checkedModels() {
      for (var m : models.entrySet()) {
        if (m.getKey() == null || m.getKey().isBlank()) {
          throw new ConfigException(setting("models") + ": a model name cannot be empty");
        }
        Settings.required(m.getValue(), setting("models." + m.getKey()));
      }
      return models;
    }

    private String setting(String field) {
      return "providers." + name + "." + field;
    }
  }
}
