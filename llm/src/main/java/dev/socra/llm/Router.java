package dev.socra.llm;

import dev.socra.llm.budget.BudgetStore;
import dev.socra.llm.budget.InMemoryBudgetStore;
import dev.socra.llm.budget.TargetBudget;
import dev.socra.llm.config.Capabilities;
import dev.socra.llm.config.Feature;
import dev.socra.llm.config.Protocol;
import dev.socra.llm.config.ProviderConfig;
import dev.socra.llm.config.RouterConfig;
import dev.socra.llm.config.Secrets;
import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.event.RouterListener;
import dev.socra.llm.internal.Call;
import dev.socra.llm.internal.LoggingListener;
import dev.socra.llm.internal.RouterContext;
import dev.socra.llm.outcome.ErrorClassifier;
import dev.socra.llm.provider.ProviderAdapter;
import dev.socra.llm.provider.anthropic.AnthropicAdapter;
import dev.socra.llm.provider.openai.OpenAiAdapter;
import dev.socra.llm.provider.stub.DemoResponder;
import dev.socra.llm.provider.stub.StubAdapter;
import dev.socra.llm.provider.stub.StubResponder;
import dev.socra.llm.route.FailoverPolicy;
import dev.socra.llm.route.LearnedCapabilities;
import dev.socra.llm.route.RouteDescription;
import dev.socra.llm.route.SharedCoolDowns;
import dev.socra.llm.route.TargetHealth;
import dev.socra.llm.route.TargetId;
import dev.socra.llm.route.TargetState;
import dev.socra.llm.spend.SpendGate;
import dev.socra.llm.time.ClockTimeMeter;
import dev.socra.llm.time.Sleeper;
import dev.socra.llm.tokens.TokenEstimator;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every LLM call Socra makes goes through here: one deadline and one attempt budget per call, the
 * targets of a named route tried in order, every attempt classified, recorded and published.
 * Thread-safe; meant to be shared by the whole process.
 */
public final class Router implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  private final RouterConfig config;
  private final HttpClient http;
  private final Map<Protocol, ProviderAdapter> adapters;
  private final Map<TargetId, TargetHealth> health = new ConcurrentHashMap<>();
  private final Map<TargetId, TargetBudget> budgets = new ConcurrentHashMap<>();
  private final Map<TargetId, LearnedCapabilities> learned = new ConcurrentHashMap<>();
  private final List<RouterListener> listeners = new CopyOnWriteArrayList<>();
  private final RouterContext context;
  private final AtomicLong callIds = new AtomicLong();

  private Router(
      RouterConfig config,
      StubResponder stub,
      Clock clock,
      Sleeper sleeper,
      BudgetStore store,
      SpendGate spendGate,
      SharedCoolDowns coolDowns) {
    this.config = config;
    TokenEstimator tokens = new TokenEstimator();
    // The JDK client never retries a POST by itself: the router's loop is the only retry loop.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.timeouts().connect())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    ErrorClassifier classifier = new ErrorClassifier(clock);
    Secrets secrets = new Secrets(config);
    this.adapters = new EnumMap<>(Protocol.class);
    adapters.put(Protocol.OPENAI, new OpenAiAdapter(http, classifier, secrets, clock));
    adapters.put(Protocol.ANTHROPIC, new AnthropicAdapter(http, classifier, secrets, clock));
    adapters.put(Protocol.STUB, new StubAdapter(stub, config.stub().tokenDelay(), clock, sleeper));
    listeners.add(new LoggingListener(config));
    tokens.count("warm up"); // loads the tokenizer now, not inside the first call's deadline
    for (List<TargetId> route : config.routes().values()) {
      for (TargetId t : route) {
        health.computeIfAbsent(
            t,
            id ->
                new TargetHealth(
                    id, config.circuit(), config.retry(), clock, this::publish, coolDowns));
        learned.computeIfAbsent(t, LearnedCapabilities::new);
        ProviderConfig p = config.provider(t);
        budgets.computeIfAbsent(
            t,
            id ->
                new TargetBudget(
                    id.toString(),
                    p.limits(),
                    p.tokenRatio(),
                    p.rateLimitHeaders().refundsUnusedTokens(),
                    store));
      }
    }
    this.context =
        new RouterContext(
            config,
            adapters,
            health,
            budgets,
            learned,
            new FailoverPolicy(config.retry()),
            tokens,
            secrets,
            clock,
            sleeper,
            spendGate,
            this::publish);
  }

  public static Router create(RouterConfig config) {
    return builder(config).build();
  }

  public static Builder builder(RouterConfig config) {
    return new Builder(config);
  }

  /** The whole answer at once; also the entry point for JSON answers. */
  public ChatResponse complete(ChatRequest request) {
    return newCall(request, false, TokenSink.IGNORE).run();
  }

  /**
   * Streams the answer to {@code sink} as it arrives and returns the complete response at the end.
   * A stream that breaks after text was delivered continues on a target that can take the text as a
   * prefill; if none can, this throws {@link LlmCallException} with {@link
   * LlmCallException.Failure#STREAM_INTERRUPTED}: a cut answer is never returned as complete.
   */
  public ChatResponse stream(ChatRequest request, TokenSink sink) {
    return newCall(request, true, sink).run();
  }

  private Call newCall(ChatRequest request, boolean stream, TokenSink sink) {
    List<TargetId> route = config.routes().get(request.route());
    if (route == null) {
      throw new LlmCallException(
          LlmCallException.Failure.NO_SUCH_ROUTE,
          "no route named '"
              + request.route()
              + "' (routes: "
              + String.join(", ", config.routes().keySet())
              + ")",
          List.of(),
          "");
    }
    return new Call(callIds.incrementAndGet(), request, stream, sink, route, context);
  }

  /** The effective routes in the order they are tried: the one source of routing text. */
  public RouteDescription describe() {
    Map<String, List<RouteDescription.TargetView>> routes = new LinkedHashMap<>();
    for (var route : config.routes().entrySet()) {
      List<RouteDescription.TargetView> views = new ArrayList<>();
      for (TargetId t : route.getValue()) {
        ProviderConfig p = config.provider(t);
        String key =
            p.key() != null
                ? p.keyVariable() + " " + p.key().fingerprint()
                : p.keyVariable() == null ? "none needed" : p.keyVariable() + " unset";
        views.add(
            new RouteDescription.TargetView(
                t,
                p.protocol().name().toLowerCase(java.util.Locale.ROOT),
                withoutUserInfo(p.baseUrl()),
                key,
                p.contextWindow(),
                capabilities(t).prefill(),
                budgets.get(t).limits().describe(),
                health.get(t).state(),
                capabilities(t).describe(),
                p.host().describe()));
      }
      routes.put(route.getKey(), views);
    }
    List<String> unkeyed = new ArrayList<>();
    for (ProviderConfig p : config.providers().values()) {
      if (!p.usable()) {
        unkeyed.add(p.name() + " (" + p.keyVariable() + ")");
      }
    }
    return new RouteDescription(routes, config.routeSource(), unkeyed);
  }

  /**
   * The target a call on this route would most likely go to now: the first one that is neither
   * disabled, cooling down nor circuit-open. Callers that shape a request by the target's
   * capabilities (one call with a separator, or two) ask this first; fail-over may still move the
   * call, so they must accept any target's answer.
   */
  public java.util.Optional<TargetId> likelyTarget(String route) {
    List<TargetId> targets = config.routes().get(route);
    if (targets == null) {
      return java.util.Optional.empty();
    }
    for (TargetId t : targets) {
      if (health.get(t).state() instanceof TargetState.Closed) {
        return java.util.Optional.of(t);
      }
    }
    return targets.stream().findFirst();
  }

  /**
   * What a target's model takes now: its declared capabilities ({@link
   * ProviderConfig#capabilitiesOf(String)}), less what it refused since the router started.
   *
   * @throws IllegalArgumentException for a target on no route
   */
  public Capabilities capabilities(TargetId target) {
    LearnedCapabilities l = learned.get(target);
    if (l == null) {
      throw new IllegalArgumentException(target + " is on no route");
    }
    return l.applyTo(config.provider(target).capabilitiesOf(target.model()));
  }

  /**
   * Marks that {@code target} does not take {@code feature}, for the life of this router, as a
   * refusal during a call would (what {@code socra check} found, say).
   */
  public void learnRefused(TargetId target, Feature feature, String why) {
    LearnedCapabilities l = learned.get(target);
    if (l == null) {
      throw new IllegalArgumentException(target + " is on no route");
    }
    l.refuse(feature, why);
  }

  /**
   * One attempt on one target, outside every route's fail-over, as {@code caps} say to shape it:
   * what {@code socra check} asks each target. Nothing is retried; the target's health, budget and
   * learned capabilities are left as they are. Keys in the provider's words are scrubbed.
   *
   * @param prefill assistant text to continue, or null
   */
  public dev.socra.llm.provider.AttemptResult probe(
      TargetId target,
      ChatRequest request,
      boolean stream,
      String prefill,
      Capabilities caps,
      TokenSink sink) {
    ProviderConfig p = config.provider(target);
    if (p == null) {
      throw new IllegalArgumentException("no provider for " + target);
    }
    java.time.Duration budget =
        request.deadline() != null ? request.deadline() : config.timeouts().deadline();
    dev.socra.llm.provider.Exchange exchange =
        new dev.socra.llm.provider.Exchange(
            target,
            p,
            request,
            prefill,
            stream,
            sink,
            context.clock().instant().plus(budget),
            config.timeouts(),
            caps);
    try {
      return adapters.get(p.protocol()).send(exchange);
    } catch (RuntimeException e) {
      return dev.socra.llm.provider.AttemptResult.failed(
          new dev.socra.llm.outcome.Outcome.Transient(
              "the adapter failed: "
                  + context.secrets().redact(e.getClass().getSimpleName() + ": " + e.getMessage())),
          0);
    }
  }

  /** The budget of one target, as it stands now (configured, corrected by what was learned). */
  public TargetBudget budget(TargetId target) {
    return budgets.get(target);
  }

  /** A base URL as printed: credentials in it ({@code user:pass@}) stay out of every output. */
  private static String withoutUserInfo(java.net.URI url) {
    return url.getUserInfo() == null
        ? url.toString()
        : url.toString().replace(url.getRawUserInfo() + "@", "");
  }

  public RouterConfig config() {
    return config;
  }

  public void addListener(RouterListener listener) {
    listeners.add(listener);
  }

  public void removeListener(RouterListener listener) {
    listeners.remove(listener);
  }

  private void publish(RouterEvent event) {
    for (RouterListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn(
            "a router listener failed on {}: {}", event.getClass().getSimpleName(), e.toString());
      }
    }
  }

  @Override
  public void close() {
    http.close();
  }

  /** Optional parts of a router; the configuration is required. */
  public static final class Builder {
    private final RouterConfig config;
    private StubResponder stub = new DemoResponder();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private BudgetStore budgetStore;
    private final List<RouterListener> listeners = new ArrayList<>();
    private SpendGate spendGate = SpendGate.NONE;
    private SharedCoolDowns coolDowns = SharedCoolDowns.NONE;

    private Builder(RouterConfig config) {
      this.config = config;
    }

    /** Writes the stub's answers; Socra's domain supplies one that knows every stage. */
    public Builder stubResponder(StubResponder value) {
      this.stub = value;
      return this;
    }

    /**
     * Where budgets live; in memory on the router's clock unless several servers share provider
     * keys (a shared store keeps its own time).
     */
    public Builder budgetStore(BudgetStore value) {
      this.budgetStore = value;
      return this;
    }

    /**
     * Every instant the router reads: deadlines, cool-downs, the circuits' open time, budgets'
     * refill, attempts' time stamps and latencies. The system clock unless a test brings its own.
     */
    public Builder clock(Clock value) {
      this.clock = java.util.Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Every wait the router chooses: a stated wait, a retry's backoff, a cool-down, booked room,
     * the stub's token pace. Waits on a live socket (first token, stall, connect, response) stay
     * real: they limit the network, whatever the clock says.
     */
    public Builder sleeper(Sleeper value) {
      this.sleeper = java.util.Objects.requireNonNull(value, "sleeper");
      return this;
    }

    public Builder listener(RouterListener value) {
      listeners.add(value);
      return this;
    }

    /**
     * Holds each attempt's most possible cost against a spending limit the caller keeps (a user's
     * daily cap) before it is sent; none by default.
     */
    public Builder spendGate(SpendGate value) {
      this.spendGate = value;
      return this;
    }

    /**
     * Cool-downs shared with the routers of other servers (a 429 seen by one keeps all away); each
     * router keeps its own by default.
     */
    public Builder sharedCoolDowns(SharedCoolDowns value) {
      this.coolDowns = java.util.Objects.requireNonNull(value, "coolDowns");
      return this;
    }

    public Router build() {
      BudgetStore store =
          budgetStore != null ? budgetStore : new InMemoryBudgetStore(new ClockTimeMeter(clock));
      Router r = new Router(config, stub, clock, sleeper, store, spendGate, coolDowns);
      listeners.forEach(r::addListener);
      return r;
    }
  }
}
