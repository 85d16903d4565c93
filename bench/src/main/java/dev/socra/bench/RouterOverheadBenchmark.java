package dev.socra.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.Router;
import dev.socra.llm.TokenSink;
import dev.socra.llm.testkit.FakeProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the router adds to one call: the same request to the same fake, once hand-written with the
 * JDK client and Jackson ({@code direct*}) and once through {@link Router} ({@code router*}). The
 * fake's own time and the loopback round trip are on both sides, so the difference of the medians
 * is the router's added latency (its attempt loop, health checks, classification, events, cost
 * accounting, and the body-reading machinery its timeouts need).
 *
 * <p>The direct side does the JSON work a caller would have to do anyway (build the request body,
 * parse the answer), so that work is not counted as router overhead.
 *
 * <p>SampleTime gives the percentiles; one fork per benchmark keeps the run short on a small
 * machine; the fake runs in the same JVM as the client, as it does in the router's own tests. On 2
 * cores the first 15 s or so of a fork still show falling times (the JIT compiling the HTTP stack),
 * hence the long warmup and short measurement.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Xms512m", "-Xmx512m"})
@State(Scope.Benchmark)
public class RouterOverheadBenchmark {
  static final String PROMPT = "Why does the unexamined answer deserve a second question?";

  private static final ObjectMapper JSON = new ObjectMapper();

  private FakeProvider fake;
  private Router router;
  private HttpClient http;
  private URI endpoint;

  @Setup
  public void setUp() throws Exception {
    fake = FakeProvider.start(0);
    router = FakeConfig.router(fake, Map.of("default", List.of("a/ok")), "");
    // Configured as the router configures its own client: HTTP/1.1, no redirects.
    http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    endpoint = URI.create(fake.openAiBaseUrl() + "/chat/completions");
    // Both sides must get the same answer, or the comparison is of different work.
    String expected = FakeProvider.canonicalAnswer(PROMPT, 12);
    check("direct", direct(), expected);
    check("router", router().text(), expected);
    check("directStream", directStream(), expected);
    check("routerStream", routerStream().text(), expected);
    fake.clearAttempts();
  }

  /** The fake logs every request; a log growing over the run would load the GC, not the router. */
  @Setup(Level.Iteration)
  public void clearLog() {
    fake.clearAttempts();
  }

  private static void check(String what, String got, String expected) {
    if (!expected.equals(got)) {
      throw new IllegalStateException(
          what + " answered '" + got + "', expected '" + expected + "'");
    }
  }

  @TearDown
  public void tearDown() {
    router.close();
    http.close();
    fake.close();
  }

  /** A hand-written OpenAI chat-completions call: build JSON, POST, parse the answer. */
  @Benchmark
  public String direct() throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(post(body(false), "application/json"), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("status " + response.statusCode());
    }
    JsonNode answer = JSON.readTree(response.body());
    return answer.path("choices").path(0).path("message").path("content").asText();
  }

  @Benchmark
  public ChatResponse router() {
    return router.complete(ChatRequest.of(PROMPT));
  }

  /** The same call streamed: read SSE lines, parse each chunk, collect the text. */
  @Benchmark
  public String directStream() throws IOException, InterruptedException {
    HttpResponse<InputStream> response =
        http.send(post(body(true), "text/event-stream"), HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("status " + response.statusCode());
    }
    StringBuilder text = new StringBuilder();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      // Read to the end of the body, not just to [DONE], so the connection goes back to the pool.
      while ((line = lines.readLine()) != null) {
        if (!line.startsWith("data:")) {
          continue;
        }
        String data = line.substring(5).strip();
        if (data.equals("[DONE]")) {
          continue;
        }
        JsonNode content =
            JSON.readTree(data).path("choices").path(0).path("delta").path("content");
        if (content.isTextual()) {
          text.append(content.asText());
        }
      }
    }
    return text.toString();
  }

  @Benchmark
  public ChatResponse routerStream() {
    return router.stream(ChatRequest.of(PROMPT), TokenSink.IGNORE);
  }

  /** The JSON the router's OpenAI adapter sends for {@code ChatRequest.of(PROMPT)}. */
  private static String body(boolean stream) {
    ObjectNode root = JSON.createObjectNode();
    root.put("model", "ok");
    root.putArray("messages").addObject().put("role", "user").put("content", PROMPT);
    root.put("max_tokens", ChatRequest.DEFAULT_MAX_TOKENS);
    if (stream) {
      root.put("stream", true);
      root.putObject("stream_options").put("include_usage", true);
    }
    return root.toString();
  }

  private HttpRequest post(String body, String accept) {
    return HttpRequest.newBuilder(endpoint)
        .header("content-type", "application/json")
        .header("accept", accept)
        .header("authorization", "Bearer " + FakeConfig.KEY)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
