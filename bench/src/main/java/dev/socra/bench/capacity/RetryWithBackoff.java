package dev.socra.bench.capacity;

import java.time.Duration;
import java.util.List;

/**
 * The seed's first fix: the same parallel pipeline on Groq, each call tried up to three times,
 * waiting 4 s after the first 429 and 8 s after the second. A call still refused after its third
 * attempt is an error the user sees.
 */
final class RetryWithBackoff implements Strategy {

  static final List<Duration> WAITS = List.of(Duration.ofSeconds(4), Duration.ofSeconds(8));

  private final DirectClient groq;

  RetryWithBackoff(Fakes fakes) {
    this.groq = new DirectClient(fakes.groq.openAiBaseUrl(), "groq", Fakes.GROQ_MODEL, Fakes.KEY);
  }

  @Override
  public SessionResult session(int session) {
    return Pipeline.parallel(session, this::call);
  }

  private CallOutcome call(Stage stage, Prompt prompt) {
    DirectClient.Reply reply = groq.send(prompt, stage.outputTokens());
    for (Duration wait : WAITS) {
      if (reply.status() != 429) {
        break;
      }
      Pipeline.sleep(wait);
      reply = groq.send(prompt, stage.outputTokens());
    }
    return groq.outcome(stage, reply);
  }

  @Override
  public void close() {
    groq.close();
  }
}
