package dev.socra.bench.capacity;

import java.time.Duration;

/**
 * The seed's second fix: no burst at all. The specialists go to Groq one after another, 1.5 s
 * apart, then the synthesis and the devil's advocate; each call is sent once.
 */
final class SequentialWithGaps implements Strategy {

  static final Duration GAP = Duration.ofMillis(1_500);

  private final DirectClient groq;

  SequentialWithGaps(Fakes fakes) {
    this.groq = new DirectClient(fakes.groq.openAiBaseUrl(), "groq", Fakes.GROQ_MODEL, Fakes.KEY);
  }

  @Override
  public SessionResult session(int session) {
    return Pipeline.sequential(session, groq::call, GAP);
  }

  @Override
  public void close() {
    groq.close();
  }
}
