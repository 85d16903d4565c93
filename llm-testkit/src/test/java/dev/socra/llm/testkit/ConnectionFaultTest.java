package dev.socra.llm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionFaultTest {

  FakeProvider fake;
  Wire wire;

  @BeforeEach
  void start() {
    fake = FakeProvider.start(0);
    wire = new Wire(fake);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  /** Reads an SSE body line by line until it ends or breaks; returns what arrived first. */
  static StringBuilder readUntilBroken(InputStream body, boolean[] broke) {
    StringBuilder text = new StringBuilder();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        text.append(line).append('\n');
      }
    } catch (IOException e) {
      broke[0] = true;
    }
    return text;
  }

  @Test
  void resetFailsTheRequestWithoutAResponse() {
    assertThatThrownBy(() -> wire.openAi(Wire.openAiBody("m+reset", false, "hi")))
        .isInstanceOf(IOException.class);
    assertThat(fake.attempts())
        .singleElement()
        .satisfies(a -> assertThat(a.status()).isZero())
        .satisfies(a -> assertThat(a.fault()).isEqualTo("reset"));
  }

  @Test
  void hangTimesTheClientOut() throws Exception {
    assertThatThrownBy(
            () ->
                wire.send(
                    wire.anthropicRequest(Wire.anthropicBody("c+hang", false, "hi"))
                        .timeout(Duration.ofMillis(300))))
        .isInstanceOf(HttpTimeoutException.class);
    // On a loaded machine the client can give up before the fake has read the request.
    fake.awaitAttempts(1, Duration.ofSeconds(30));
    assertThat(fake.attempts())
        .singleElement()
        .satisfies(a -> assertThat(a.fault()).isEqualTo("hang"));
  }

  @Test
  void closeReleasesAHangingClient() throws Exception {
    CompletableFuture<HttpResponse<String>> pending =
        wire.http.sendAsync(
            wire.openAiRequest(Wire.openAiBody("m+hang", false, "hi"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    fake.awaitAttempts(1, Duration.ofSeconds(30));

    fake.close();

    assertThatThrownBy(() -> pending.get(3, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void cutAfterBreaksTheStreamAfterNTokens() throws Exception {
    HttpResponse<InputStream> response =
        wire.http.send(
            wire.openAiRequest(Wire.openAiBody("m+cut-after=3", true, "cut")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    boolean[] broke = {false};

    String received = readUntilBroken(response.body(), broke).toString();

    assertThat(broke[0]).as("the body ends in an IOException").isTrue();
    List<Wire.Event> events = Wire.events(received);
    assertThat(events).hasSize(4); // role chunk + 3 tokens
    assertThat(Wire.openAiText(events))
        .isEqualTo(
            String.join("", Answers.tokens(FakeProvider.canonicalAnswer("cut", 12)).subList(0, 3)));
    assertThat(received).doesNotContain("[DONE]");
  }

  @Test
  void stallAfterStopsSendingButKeepsTheConnection() throws Exception {
    HttpResponse<Stream<String>> response =
        wire.http.send(
            wire.anthropicRequest(Wire.anthropicBody("c+stall-after=2", true, "stall")).build(),
            HttpResponse.BodyHandlers.ofLines());
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    response.body().forEach(lines::add);
                  } catch (RuntimeException e) {
                    // the fake closed the stalled connection at the end of the test
                  }
                });

    Wire.until(
        () -> lines.stream().filter(l -> l.equals("event: content_block_delta")).count() == 2,
        Duration.ofSeconds(30));

    assertThat(reader.isAlive()).as("still waiting for more").isTrue();
    assertThat(fake.attempts()).extracting(SeenRequest::fault).containsExactly("stall-after=2");
    assertThat(lines).doesNotContain("event: message_stop", "event: content_block_stop");
    fake.close();
    reader.join(3000);
    assertThat(reader.isAlive()).isFalse();
  }

  /** Reads a body's lines on a virtual thread until it ends or the fake closes. */
  static Thread readLines(HttpResponse<Stream<String>> response, List<String> lines) {
    return Thread.ofVirtual()
        .start(
            () -> {
              try {
                response.body().forEach(lines::add);
              } catch (RuntimeException e) {
                // the fake closed the idle connection at the end of the test
              }
            });
  }

  @Test
  void idleAfterFinishSendsTheFinishThenNothingAndKeepsTheConnection() throws Exception {
    var openAiBody = Wire.openAiBody("m+idle-after-finish+tokens=3", true, "idle");
    openAiBody.putObject("stream_options").put("include_usage", true);
    HttpResponse<Stream<String>> openAi =
        wire.http.send(wire.openAiRequest(openAiBody).build(), HttpResponse.BodyHandlers.ofLines());
    HttpResponse<Stream<String>> anthropic =
        wire.http.send(
            wire.anthropicRequest(Wire.anthropicBody("c+idle-after-finish+tokens=3", true, "idle"))
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    List<String> openAiLines = new CopyOnWriteArrayList<>();
    List<String> anthropicLines = new CopyOnWriteArrayList<>();
    Thread openAiReader = readLines(openAi, openAiLines);
    Thread anthropicReader = readLines(anthropic, anthropicLines);
    Wire.until(
        () ->
            String.join("\n", openAiLines).contains("\"total_tokens\"")
                && anthropicLines.contains("event: message_delta"),
        Duration.ofSeconds(30));

    assertThat(openAiReader.isAlive()).as("OpenAI stream still open").isTrue();
    assertThat(anthropicReader.isAlive()).as("Anthropic stream still open").isTrue();
    List<Wire.Event> openAiEvents = Wire.events(String.join("\n", openAiLines) + "\n");
    assertThat(openAiEvents).hasSize(6); // role, 3 tokens, finish, usage
    assertThat(openAiEvents.get(4).json().path("choices").get(0).path("finish_reason").asText())
        .isEqualTo("stop");
    assertThat(openAiEvents.getLast().json().path("usage").path("completion_tokens").asInt())
        .isEqualTo(3);
    assertThat(openAiLines).doesNotContain("data: [DONE]");
    List<Wire.Event> anthropicEvents = Wire.events(String.join("\n", anthropicLines) + "\n");
    assertThat(anthropicEvents.getLast().name()).isEqualTo("message_delta");
    assertThat(anthropicEvents.getLast().json().path("delta").path("stop_reason").asText())
        .isEqualTo("end_turn");
    assertThat(anthropicLines).doesNotContain("event: message_stop");
    assertThat(fake.attempts()).extracting(SeenRequest::fault).containsOnly("idle-after-finish");
    fake.close();
    openAiReader.join(3000);
    anthropicReader.join(3000);
    assertThat(openAiReader.isAlive()).isFalse();
    assertThat(anthropicReader.isAlive()).isFalse();
  }

  @Test
  void slowFirstSendsHeadersAtOnceAndTheFirstEventLater() throws Exception {
    VirtualTime time = VirtualTime.manual();
    try (FakeProvider slow = FakeProvider.builder().time(time).start()) {
      HttpResponse<InputStream> response =
          new Wire(slow)
              .http.send(
                  new Wire(slow)
                      .openAiRequest(Wire.openAiBody("m+slow-first=400", true, "slow"))
                      .build(),
                  HttpResponse.BodyHandlers.ofInputStream());
      // the headers came while the fake still waits, and nobody has moved its clock
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(time.awaitSleepers(1, Duration.ofSeconds(30))).isTrue();
      CompletableFuture<Instant> firstByteAt = new CompletableFuture<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  int first = response.body().read();
                  firstByteAt.complete(first == 'd' ? time.now() : null);
                } catch (IOException e) {
                  firstByteAt.completeExceptionally(e);
                }
              });

      time.advance(Duration.ofMillis(400));

      assertThat(firstByteAt.get(30, TimeUnit.SECONDS))
          .isEqualTo(VirtualTime.DEFAULT_START.plusMillis(400));
      response.body().close();
    }
  }

  @Test
  void tokenDelaySpacesTheTokens() throws Exception {
    VirtualTime time = VirtualTime.automatic();
    try (FakeProvider paced =
        FakeProvider.builder().time(time).tokenDelay(Duration.ofMillis(20)).start()) {
      HttpResponse<String> response =
          new Wire(paced).openAi(Wire.openAiBody("m+tokens=6", true, "slow tokens"));

      assertThat(Wire.openAiText(Wire.events(response.body())).split(" ")).hasSize(6);
      assertThat(time.elapsed()).isEqualTo(Duration.ofMillis(100)); // five gaps
    }
  }

  @Test
  void hangForAWhileThenClosesWithoutAByte() throws Exception {
    VirtualTime time = VirtualTime.automatic();
    try (FakeProvider hanging = FakeProvider.builder().time(time).start()) {
      assertThatThrownBy(() -> new Wire(hanging).openAi(Wire.openAiBody("m+hang=5000", true, "x")))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("no bytes");
      assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(5));
      assertThat(hanging.attempts())
          .singleElement()
          .satisfies(a -> assertThat(a.status()).isZero())
          .satisfies(a -> assertThat(a.fault()).isEqualTo("hang=5000"));
    }
  }

  @Test
  void noDoneEndsTheStreamCleanlyWithoutTheTerminator() throws Exception {
    HttpResponse<String> openAi = wire.openAi(Wire.openAiBody("m+no-done+tokens=2", true, "x"));
    HttpResponse<String> anthropic =
        wire.anthropic(Wire.anthropicBody("c+no-done+tokens=2", true, "x"));

    List<Wire.Event> openAiEvents = Wire.events(openAi.body());
    assertThat(openAiEvents.getLast().json().path("choices").get(0).path("finish_reason").asText())
        .isEqualTo("stop");
    assertThat(openAi.body()).doesNotContain("[DONE]");
    assertThat(Wire.events(anthropic.body()).getLast().name()).isEqualTo("message_delta");
  }

  @Test
  void malformedAfterSendsAnEventThatIsNotJson() throws Exception {
    HttpResponse<String> response = wire.openAi(Wire.openAiBody("m+malformed-after=2", true, "x"));

    List<Wire.Event> events = Wire.events(response.body());
    assertThat(events).hasSize(4); // role, 2 tokens, malformed
    assertThat(events.getLast().data()).isEqualTo("{not json");
  }

  @Test
  void inbandErrorInAnthropicStream() throws Exception {
    HttpResponse<String> response =
        wire.anthropic(
            Wire.anthropicBody("c+inband-error=overloaded_error+inband-after=2", true, "x"));

    List<Wire.Event> events = Wire.events(response.body());
    assertThat(events)
        .extracting(Wire.Event::name)
        .containsExactly(
            "message_start",
            "content_block_start",
            "ping",
            "content_block_delta",
            "content_block_delta",
            "error");
    assertThat(events.getLast().json().path("error").path("type").asText())
        .isEqualTo("overloaded_error");
    assertThat(events.getLast().json().path("error").path("message").asText())
        .isEqualTo("Overloaded");
  }

  @Test
  void inbandErrorInOpenAiStream() throws Exception {
    HttpResponse<String> response =
        wire.openAi(Wire.openAiBody("m+inband-error=server_error", true, "x"));

    List<Wire.Event> events = Wire.events(response.body());
    assertThat(events).hasSize(2); // role chunk, error
    assertThat(events.getLast().json().path("error").path("type").asText())
        .isEqualTo("server_error");
    assertThat(response.body()).doesNotContain("[DONE]");
  }

  @Test
  void notJsonStreamIsGarbage() throws Exception {
    HttpResponse<String> response = wire.openAi(Wire.openAiBody("m+not-json", true, "x"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("<html>").doesNotContain("chat.completion");
  }

  @Test
  void cutAfterOnAWholeAnswerTruncatesTheBody() {
    assertThatThrownBy(() -> wire.openAi(Wire.openAiBody("m+cut-after=1", false, "x")))
        .isInstanceOf(IOException.class);
  }
}
