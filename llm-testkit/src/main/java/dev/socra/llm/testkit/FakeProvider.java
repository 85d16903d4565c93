package dev.socra.llm.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A fake LLM provider on loopback HTTP that speaks the OpenAI Chat Completions and Anthropic
 * Messages wire formats, streamed and not, and misbehaves on command.
 *
 * <p>Behaviour is chosen by the model name: {@code +}-separated directives such as {@code
 * status=503+times=1} or {@code cut-after=3} (see {@link #setBehaviour}); a real model name behaves
 * normally. Answers are deterministic ({@link #canonicalAnswer}) so a test can check that a
 * fail-over produced the same text another provider would have.
 *
 * <p>Raw sockets rather than an HTTP server library, because the fake must reset, hang and cut
 * connections. One virtual thread per connection.
 */
public final class FakeProvider implements AutoCloseable {

  /**
   * How to start a fake: port 0 picks a free one; limits of 0 mean unlimited. {@link #builder()}
   * sets the rest (a requests-per-day limit, its clock and sleeper).
   */
  public record Options(int port, int tpm, int rpm, Duration tokenDelay) {

    public Options {
      if (tokenDelay == null) {
        tokenDelay = Duration.ZERO;
      }
    }

    public static Options defaults() {
      return new Options(0, 0, 0, Duration.ZERO);
    }
  }

  private final ServerSocket server;
  private final ProviderState state;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
  private final Thread acceptor;

  private FakeProvider(ServerSocket server, Clock clock, Sleeper sleeper) {
    this.server = server;
    this.state = new ProviderState(clock, sleeper);
    Routes routes = new Routes(state);
    this.acceptor =
        Thread.ofVirtual()
            .name("fake-provider-accept-" + server.getLocalPort())
            .unstarted(() -> accept(routes));
  }

  /** Starts a fake on 127.0.0.1:{@code port} (0 = ephemeral) with no limits, on real time. */
  public static FakeProvider start(int port) {
    return builder().port(port).start();
  }

  public static FakeProvider start(Options options) {
    return builder()
        .port(options.port())
        .limits(new RateLimits(options.tpm(), options.rpm()))
        .tokenDelay(options.tokenDelay())
        .start();
  }

  /** A fake to be started: on a free port, unlimited, on real time, unless told otherwise. */
  public static Builder builder() {
    return new Builder();
  }

  /** What a fake starts with; everything but the clock and sleeper can change while it runs. */
  public static final class Builder {
    private int port;
    private RateLimits limits = RateLimits.UNLIMITED;
    private Duration tokenDelay = Duration.ZERO;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;

    private Builder() {}

    /** 0 (the default) picks a free port. */
    public Builder port(int value) {
      this.port = value;
      return this;
    }

    public Builder limits(RateLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    public Builder tokenDelay(Duration value) {
      this.tokenDelay = Objects.requireNonNull(value, "tokenDelay");
      return this;
    }

    /**
     * The fake's time: its rate limits refill by it, and its dates, reset times and log stamps are
     * read from it.
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** How it waits: {@code slow-first}, the token delay, {@code hang=MS}. */
    public Builder sleeper(Sleeper value) {
      this.sleeper = Objects.requireNonNull(value, "sleeper");
      return this;
    }

    /** Clock and sleeper from one virtual time, shared with the router under test. */
    public Builder time(VirtualTime value) {
      return clock(value.clock()).sleeper(value);
    }

    public FakeProvider start() {
      ServerSocket server;
      try {
        server = new ServerSocket(port, 512, InetAddress.getByName("127.0.0.1"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
      }
      FakeProvider provider = new FakeProvider(server, clock, sleeper);
      provider.setLimits(limits);
      provider.setTokenDelay(tokenDelay);
      provider.acceptor.start();
      return provider;
    }
  }

  /**
   * A deterministic answer of exactly {@code tokens} tokens (words separated by single spaces),
   * depending only on the last user message: what any fake answers to that message.
   */
  public static String canonicalAnswer(String lastUserMessage, int tokens) {
    return Answers.canonical(lastUserMessage, tokens);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Base URL for OpenAI-compatible clients: {@code http://127.0.0.1:P/v1}. */
  public String openAiBaseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  /**
   * Base URL with Groq's path ({@code http://127.0.0.1:P/openai/v1}): the OpenAI format, with
   * Groq's rate-limit headers, whose request figures count per day.
   */
  public String groqBaseUrl() {
    return "http://127.0.0.1:" + port() + "/openai/v1";
  }

  /**
   * Base URL with Gemini's path ({@code http://127.0.0.1:P/v1beta/openai}): the OpenAI format as
   * Gemini's compatibility layer validates it (its schema subset, its fields), with its
   * array-wrapped errors.
   */
  public String geminiBaseUrl() {
    return "http://127.0.0.1:" + port() + "/v1beta/openai";
  }

  /** Base URL for Anthropic clients, which append {@code /v1/messages}. */
  public String anthropicBaseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** The model requests seen so far, oldest first. */
  public List<SeenRequest> attempts() {
    return state.log.snapshot();
  }

  /**
   * Waits (in real time, at most {@code max}) until the fake has seen at least {@code count} model
   * requests since it started or was last cleared: for a test that must act while one is under way.
   *
   * @throws AssertionError when {@code max} passes first
   */
  public void awaitAttempts(int count, Duration max) throws InterruptedException {
    if (!state.log.await(count, max)) {
      throw new AssertionError(
          "the fake saw " + state.log.snapshot().size() + " requests in " + max + ", not " + count);
    }
  }

  public void clearAttempts() {
    state.log.clear();
  }

  /**
   * Clears attempts, behaviour overrides, scripts, {@code times} counters and the rate-limit
   * window.
   */
  public void reset() {
    state.reset();
  }

  public void setLimits(RateLimits limits) {
    state.limiter.setLimits(limits);
  }

  /**
   * Makes {@code modelName} behave as {@code directives} (e.g. {@code "status=503+times=1"})
   * instead of as its name says; null restores the name's own directives. Restarts the model's
   * {@code times} count.
   */
  public void setBehaviour(String modelName, String directives) {
    state.behaviours.override(modelName, directives);
  }

  /**
   * Answers requests for {@code modelName} with these texts as the assistant content, in order; the
   * last one repeats. Everything else is unchanged: directives still apply (a fault that strikes
   * replaces the reply, and does not use it up), streams send it as word tokens that concatenate to
   * the exact text, a prefill it starts with is continued, max tokens cut it. {@code tokens=N} does
   * not. It is the fallback for {@link #scriptWhen} rules; null replies remove it.
   */
  public void script(String modelName, List<String> replies) {
    state.scripts.set(modelName, null, replies);
  }

  /**
   * Like {@link #script}, only for requests whose system prompt (OpenAI's system or developer
   * messages, Anthropic's {@code system}) contains {@code systemContains}. A model's rules are
   * checked in the order added (replacing one keeps its place), the first match answers, and each
   * keeps its own place in its replies; null replies remove the rule.
   */
  public void scriptWhen(String modelName, String systemContains, List<String> replies) {
    state.scripts.set(modelName, Objects.requireNonNull(systemContains, "systemContains"), replies);
  }

  /**
   * Makes {@code modelName} call the tool {@code name} with {@code argumentsJson} (a JSON object)
   * whenever a request offers that tool and its conversation ends with the user's turn; a request
   * ending with the tool's result gets an ordinary answer, about that result ({@link
   * #canonicalAnswer} of the result's text). Streams send the call as the provider does: its id and
   * name, then its arguments in pieces of six characters, each piece a token for {@code
   * cut-after=N} and the other stream faults. A null name removes it.
   */
  public void scriptToolCall(String modelName, String name, String argumentsJson) {
    state.toolScripts.set(modelName, name, argumentsJson);
  }

  /** Pause between streamed tokens (a whole answer waits as long as its stream would take). */
  public void setTokenDelay(Duration delay) {
    state.setTokenDelay(delay);
  }

  /** Stops listening and closes every connection, including hanging and stalled ones. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket socket : open) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    connections.shutdownNow(); // interrupts slow-first and token-delay sleeps
    try {
      acceptor.join(1000);
      connections.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void accept(Routes routes) {
    while (!server.isClosed()) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (SocketException e) {
        return; // closed
      } catch (IOException e) {
        continue;
      }
      open.add(socket);
      if (server.isClosed()) {
        closeQuietly(socket);
        return;
      }
      try {
        connections.execute(new Connection(socket, routes, open, state.clock));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        closeQuietly(socket);
        return;
      }
    }
  }

  private void closeQuietly(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
