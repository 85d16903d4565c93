package dev.socra.llm.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.socra.llm.budget.HeaderDialect;
import dev.socra.llm.budget.Limits;
import dev.socra.llm.outcome.Durations;
import dev.socra.llm.pricing.Price;
import dev.socra.llm.pricing.PriceTable;
import dev.socra.llm.route.TargetId;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a {@link RouterConfig} from the environment (the seed's variable names) and an optional
 * YAML file named by {@code SOCRA_CONFIG}. Every problem is one {@link ConfigException} whose
 * message names the setting.
 */
public final class ConfigLoader {
  public static final String CONFIG_VARIABLE = "SOCRA_CONFIG";
  public static final String ROUTE_VARIABLE = "SOCRA_ROUTE";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Map<String, String> env;

  private ConfigLoader(Map<String, String> env) {
    this.env = env;
  }

  public static RouterConfig load(Map<String, String> env) {
    return new ConfigLoader(env).load();
  }

  private RouterConfig load() {
    JsonNode file = readFile();
    check(
        file, "", Set.of("providers", "routes", "prices", "timeouts", "retry", "circuit", "stub"));

    Map<String, ProviderConfig> providers = new LinkedHashMap<>();
    Map<String, Price> filePrices = new LinkedHashMap<>();
    for (var builtin : BuiltinProviders.all().entrySet()) {
      providers.put(builtin.getKey(), builtin.getValue());
    }
    for (String section :
        List.of("providers", "routes", "prices", "timeouts", "retry", "circuit", "stub")) {
      JsonNode n = file.path(section);
      if (!n.isMissingNode() && !n.isNull() && !n.isObject()) {
        throw new ConfigException(
            section + " in " + configPath() + " must be a mapping of names to settings");
      }
    }
    JsonNode fileProviders = file.path("providers");
    for (Iterator<String> it = fileProviders.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      providers.put(name, fromFile(name, fileProviders.get(name), providers.get(name), filePrices));
    }
    for (var entry : new ArrayList<>(providers.entrySet())) {
      providers.put(entry.getKey(), fromEnvironment(entry.getValue()));
    }
    ProviderConfig stub = BuiltinProviders.stub();
    providers.put(stub.name(), stub);

    PriceTable prices = PriceTable.defaults().with(filePrices).with(prices(file.path("prices")));
    Map<String, List<TargetId>> routes = new LinkedHashMap<>();
    JsonNode fileRoutes = file.path("routes");
    for (Iterator<String> it = fileRoutes.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      String where = "routes." + name + " in " + configPath();
      JsonNode node = fileRoutes.get(name);
      List<TargetId> route = parseRoute(where, targets(node, name), providers);
      if (node.isObject()) {
        check(node, where, Set.of("targets", "order"));
        String order = node.path("order").asText("priority");
        switch (order) {
          case "priority" -> {}
          case "cheapest-first" -> route = RouteOrder.cheapestFirst(route, prices);
          default ->
              throw new ConfigException(
                  where + ": order must be priority or cheapest-first, was '" + order + "'");
        }
      }
      routes.put(name, route);
    }
    String source;
    String explicit = env.get(ROUTE_VARIABLE);
    if (explicit != null && !explicit.isBlank()) {
      routes.put("default", parseRoute(ROUTE_VARIABLE, List.of(explicit.split(",")), providers));
      source = ROUTE_VARIABLE;
    } else if (routes.containsKey("default")) {
      source = "routes.default in " + configPath();
    } else {
      List<TargetId> usable = new ArrayList<>();
      for (ProviderConfig p : providers.values()) {
        if (p.protocol() != Protocol.STUB && p.usable()) {
          usable.add(new TargetId(p.name(), p.model()));
        }
      }
      if (usable.isEmpty()) {
        usable.add(new TargetId(stub.name(), stub.model()));
        source = "no provider key is set: demo mode";
      } else {
        source =
            "providers with a key (or needing none), in the order anthropic, google, groq,"
                + " openai, then the config file's";
      }
      routes.put("default", usable);
    }

    return new RouterConfig(
        providers,
        routes,
        source,
        timeouts(file.path("timeouts")),
        retry(file.path("retry")),
        circuit(file.path("circuit")),
        prices,
        new RouterConfig.StubSettings(
            duration(
                file.path("stub"),
                "token_delay",
                "stub.token_delay",
                RouterConfig.StubSettings.DEFAULTS.tokenDelay())));
  }

  private JsonNode readFile() {
    String path = env.get(CONFIG_VARIABLE);
    if (path == null || path.isBlank()) {
      return YAML.createObjectNode();
    }
    Path file = Path.of(path.strip());
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(
          CONFIG_VARIABLE + " names " + file + ", which is not a readable file");
    }
    try {
      JsonNode node = YAML.readTree(file.toFile());
      if (node == null || node.isMissingNode() || node.isNull()) {
        return YAML.createObjectNode();
      }
      if (!node.isObject()) {
        throw new ConfigException(file + ": the top level must be a mapping");
      }
      return node;
    } catch (IOException e) {
      throw new ConfigException(file + " is not valid YAML: " + firstLine(e.getMessage()));
    }
  }

  private String configPath() {
    return env.getOrDefault(CONFIG_VARIABLE, "the config file").strip();
  }

  private ProviderConfig fromFile(
      String name, JsonNode node, ProviderConfig builtin, Map<String, Price> prices) {
    String where = "providers." + name + " in " + configPath();
    if (name.contains("/") || name.isBlank()) {
      throw new ConfigException(where + ": a provider name cannot contain '/'");
    }
    if (name.equals(BuiltinProviders.STUB)) {
      throw new ConfigException(where + ": 'stub' is built in and cannot be redefined");
    }
    check(
        node,
        where,
        Set.of(
            "protocol",
            "base_url",
            "key_env",
            "model",
            "context_window",
            "capabilities",
            "price",
            "limits",
            "rate_limit_headers",
            "token_ratio"));
    Protocol protocol =
        node.has("protocol")
            ? Protocol.parse(node.get("protocol").asText(), where)
            : builtin != null ? builtin.protocol() : Protocol.OPENAI;
    if (protocol == Protocol.STUB) {
      throw new ConfigException(where + ": protocol must be openai or anthropic");
    }
    URI baseUrl =
        node.has("base_url")
            ? url(node.get("base_url").asText(), where + " base_url")
            : builtin != null ? builtin.baseUrl() : null;
    if (baseUrl == null) {
      throw new ConfigException(where + ": base_url is required");
    }
    String keyVariable =
        node.has("key_env")
            ? node.get("key_env").asText()
            : builtin != null ? builtin.keyVariable() : null;
    String model =
        node.has("model") ? node.get("model").asText() : builtin != null ? builtin.model() : null;
    if (model == null || model.isBlank()) {
      throw new ConfigException(where + ": model is required");
    }
    int context =
        node.has("context_window")
            ? positive(node.get("context_window"), where + " context_window")
            : builtin != null ? builtin.contextWindow() : 32_768;
    Capabilities caps = builtin != null ? builtin.capabilities() : Capabilities.NONE;
    JsonNode c = node.path("capabilities");
    check(c, where + " capabilities", Set.of("prefill", "json_schema", "json_object", "separator"));
    caps =
        new Capabilities(
            bool(c, "prefill", caps.prefill(), where),
            bool(c, "json_schema", caps.jsonSchema(), where),
            bool(c, "json_object", caps.jsonObject(), where),
            bool(c, "separator", caps.separator(), where));
    if (node.has("price")) {
      prices.put(name + "/" + model, price(node.get("price"), where + " price"));
    }
    Limits limits =
        limits(
            node.path("limits"),
            where + " limits",
            builtin != null ? builtin.limits() : Limits.NONE);
    HeaderDialect dialect =
        node.has("rate_limit_headers")
            ? HeaderDialect.parse(node.get("rate_limit_headers").asText(), where)
            : builtin != null
                ? builtin.rateLimitHeaders()
                : protocol == Protocol.ANTHROPIC ? HeaderDialect.ANTHROPIC : HeaderDialect.OPENAI;
    double ratio =
        builtin != null ? builtin.tokenRatio() : protocol == Protocol.ANTHROPIC ? 1.15 : 1.0;
    if (node.has("token_ratio")) {
      JsonNode r = node.get("token_ratio");
      if (!r.isNumber() || r.asDouble() < 0.25 || r.asDouble() > 4) {
        throw new ConfigException(where + " token_ratio must be a number between 0.25 and 4");
      }
      ratio = r.asDouble();
    }
    return new ProviderConfig(
        name, protocol, baseUrl, keyVariable, null, model, context, caps, limits, dialect, ratio);
  }

  private Limits limits(JsonNode node, String where, Limits fallback) {
    check(
        node, where, Set.of("rpm", "tpm", "input_tpm", "output_tpm", "rpd", "tpd", "concurrency"));
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    return new Limits(
        count(node, "rpm", where, fallback.requestsPerMinute()),
        count(node, "tpm", where, fallback.tokensPerMinute()),
        count(node, "input_tpm", where, fallback.inputTokensPerMinute()),
        count(node, "output_tpm", where, fallback.outputTokensPerMinute()),
        count(node, "rpd", where, fallback.requestsPerDay()),
        count(node, "tpd", where, fallback.tokensPerDay()),
        (int) count(node, "concurrency", where, fallback.concurrency()));
  }

  /** A limit: a whole number, 0 meaning none. */
  private static long count(JsonNode parent, String field, String where, long fallback) {
    JsonNode n = parent.path(field);
    if (n.isMissingNode() || n.isNull()) {
      return fallback;
    }
    if (!n.isIntegralNumber() || n.asLong() < 0) {
      throw new ConfigException(
          where
              + "."
              + field
              + " must be a whole number, 0 for no limit; was '"
              + n.asText()
              + "'");
    }
    return n.asLong();
  }

  private long envCount(String variable, long fallback) {
    String v = env.get(variable);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v.strip());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(
        variable + " must be a whole number, 0 for no limit; was '" + v.strip() + "'");
  }

  private ProviderConfig fromEnvironment(ProviderConfig p) {
    String prefix = p.name().toUpperCase(Locale.ROOT).replace('-', '_');
    URI baseUrl = p.baseUrl();
    String urlText = env.get(prefix + "_BASE_URL");
    if (urlText != null && !urlText.isBlank()) {
      baseUrl = url(urlText, prefix + "_BASE_URL");
    }
    String model = p.model();
    String modelText = env.get(prefix + "_MODEL");
    if (modelText != null && !modelText.isBlank()) {
      model = modelText.strip();
    }
    ApiKey key =
        p.keyVariable() == null ? null : ApiKey.clean(p.keyVariable(), env.get(p.keyVariable()));
    Limits limits =
        p.limits()
            .with(
                dev.socra.llm.budget.Dimension.REQUESTS_PER_MINUTE,
                envCount(prefix + "_RPM", p.limits().requestsPerMinute()))
            .with(
                dev.socra.llm.budget.Dimension.TOKENS_PER_MINUTE,
                envCount(prefix + "_TPM", p.limits().tokensPerMinute()));
    return new ProviderConfig(
        p.name(),
        p.protocol(),
        baseUrl,
        p.keyVariable(),
        key,
        model,
        p.contextWindow(),
        p.capabilities(),
        limits,
        p.rateLimitHeaders(),
        p.tokenRatio());
  }

  private List<String> targets(JsonNode node, String name) {
    List<String> out = new ArrayList<>();
    if (node.isObject() && node.has("targets")) {
      return targets(node.get("targets"), name);
    }
    if (node.isTextual()) {
      out.addAll(List.of(node.asText().split(",")));
    } else if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    } else {
      throw new ConfigException(
          "routes." + name + " in " + configPath() + " must be a list of targets");
    }
    return out;
  }

  private List<TargetId> parseRoute(
      String where, List<String> items, Map<String, ProviderConfig> providers) {
    List<TargetId> route = new ArrayList<>();
    for (String item : items) {
      if (item.isBlank()) {
        continue;
      }
      TargetId target;
      try {
        target =
            TargetId.parse(
                item, name -> providers.containsKey(name) ? providers.get(name).model() : null);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            where
                + ": "
                + e.getMessage()
                + " (known providers: "
                + String.join(", ", providers.keySet())
                + ")");
      }
      ProviderConfig p = providers.get(target.provider());
      if (p == null) {
        throw new ConfigException(
            where
                + ": unknown provider '"
                + target.provider()
                + "' (known providers: "
                + String.join(", ", providers.keySet())
                + ")");
      }
      if (!p.usable()) {
        throw new ConfigException(
            where + " names " + target + ", but " + p.keyVariable() + " is not set");
      }
      if (route.contains(target)) {
        throw new ConfigException(where + " names " + target + " twice");
      }
      route.add(target);
    }
    if (route.isEmpty()) {
      throw new ConfigException(where + " names no target");
    }
    return route;
  }

  private Map<String, Price> prices(JsonNode node) {
    Map<String, Price> out = new LinkedHashMap<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String model = it.next();
      out.put(model, price(node.get(model), "prices." + model + " in " + configPath()));
    }
    return out;
  }

  private Price price(JsonNode node, String where) {
    check(node, where, Set.of("input", "output", "as_of", "source"));
    if (!node.path("input").isNumber() || !node.path("output").isNumber()) {
      throw new ConfigException(
          where + ": input and output (US dollars per million tokens) are required numbers");
    }
    BigDecimal in = node.get("input").decimalValue();
    BigDecimal out = node.get("output").decimalValue();
    if (in.signum() < 0 || out.signum() < 0) {
      throw new ConfigException(where + ": prices cannot be negative");
    }
    LocalDate asOf = null;
    if (node.has("as_of")) {
      try {
        asOf = LocalDate.parse(node.get("as_of").asText());
      } catch (java.time.format.DateTimeParseException e) {
        throw new ConfigException(where + ": as_of must be a date like 2026-11-01");
      }
    }
    return new Price(in, out, asOf, node.path("source").asText("configured"));
  }

  private Timeouts timeouts(JsonNode node) {
    check(node, "timeouts", Set.of("deadline", "connect", "first_token", "stall", "response"));
    Timeouts d = Timeouts.DEFAULTS;
    return new Timeouts(
        positive(
            duration(node, "deadline", "timeouts.deadline", d.deadline()), "timeouts.deadline"),
        positive(duration(node, "connect", "timeouts.connect", d.connect()), "timeouts.connect"),
        positive(
            duration(node, "first_token", "timeouts.first_token", d.firstToken()),
            "timeouts.first_token"),
        positive(duration(node, "stall", "timeouts.stall", d.stall()), "timeouts.stall"),
        positive(
            duration(node, "response", "timeouts.response", d.response()), "timeouts.response"));
  }

  private static Duration positive(Duration d, String where) {
    if (d.isZero()) {
      throw new ConfigException(where + " must be longer than zero");
    }
    return d;
  }

  private RetryPolicy retry(JsonNode node) {
    check(
        node,
        "retry",
        Set.of(
            "max_attempts",
            "max_rate_limit_wait",
            "transient_backoff",
            "rate_limit_cooldown",
            "silent_cooldown",
            "quota_cooldown",
            "auth_recheck"));
    RetryPolicy d = RetryPolicy.DEFAULTS;
    return new RetryPolicy(
        node.has("max_attempts")
            ? positive(node.get("max_attempts"), "retry.max_attempts")
            : d.maxAttempts(),
        duration(node, "max_rate_limit_wait", "retry.max_rate_limit_wait", d.maxRateLimitWait()),
        duration(node, "transient_backoff", "retry.transient_backoff", d.transientBackoff()),
        duration(node, "rate_limit_cooldown", "retry.rate_limit_cooldown", d.rateLimitCooldown()),
        duration(node, "silent_cooldown", "retry.silent_cooldown", d.silentCooldown()),
        duration(node, "quota_cooldown", "retry.quota_cooldown", d.quotaCooldown()),
        duration(node, "auth_recheck", "retry.auth_recheck", d.authRecheck()));
  }

  private CircuitSettings circuit(JsonNode node) {
    check(node, "circuit", Set.of("failure_rate_percent", "window", "minimum_calls", "open_for"));
    CircuitSettings d = CircuitSettings.DEFAULTS;
    int rate =
        node.has("failure_rate_percent")
            ? positive(node.get("failure_rate_percent"), "circuit.failure_rate_percent")
            : d.failureRatePercent();
    if (rate > 100) {
      throw new ConfigException("circuit.failure_rate_percent must be at most 100, was " + rate);
    }
    return new CircuitSettings(
        rate,
        node.has("window") ? positive(node.get("window"), "circuit.window") : d.window(),
        node.has("minimum_calls")
            ? positive(node.get("minimum_calls"), "circuit.minimum_calls")
            : d.minimumCalls(),
        duration(node, "open_for", "circuit.open_for", d.openFor()));
  }

  private Duration duration(JsonNode parent, String field, String where, Duration fallback) {
    JsonNode node = parent.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    Optional<Duration> d =
        node.isNumber()
            ? Optional.of(Duration.ofMillis(Math.round(node.asDouble() * 1000)))
            : Durations.parseGo(node.asText());
    if (d.isEmpty() || d.get().isNegative()) {
      throw new ConfigException(
          where + " must be a duration like 20s, 250ms or 1m30s; was '" + node.asText() + "'");
    }
    return d.get();
  }

  private static int positive(JsonNode node, String where) {
    if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() <= 0) {
      throw new ConfigException(
          where + " must be a positive whole number, was '" + node.asText() + "'");
    }
    return node.asInt();
  }

  private static boolean bool(JsonNode node, String field, boolean fallback, String where) {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw new ConfigException(where + " capabilities." + field + " must be true or false");
    }
    return v.asBoolean();
  }

  private static URI url(String text, String where) {
    String t = text.strip();
    try {
      URI u = new URI(t.endsWith("/") ? t.substring(0, t.length() - 1) : t);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        // The value is not echoed: a key pasted into the wrong variable must not be printed.
        throw new ConfigException(where + " must be an http or https URL");
      }
      return u;
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException(where + " is not a valid URL");
    }
  }

  private static void check(JsonNode node, String where, Set<String> allowed) {
    if (node.isMissingNode() || node.isNull()) {
      return;
    }
    if (!node.isObject()) {
      throw new ConfigException(
          (where.isEmpty() ? "the config file" : where) + " must be a mapping");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!allowed.contains(field)) {
        throw new ConfigException(
            (where.isEmpty() ? "" : where + ": ")
                + "unknown setting '"
                + field
                + "' (expected one of "
                + String.join(", ", allowed.stream().sorted().toList())
                + ")");
      }
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
