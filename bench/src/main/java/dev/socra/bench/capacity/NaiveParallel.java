package dev.socra.bench.capacity;

/**
 * The seed's code: the five specialists fired together at Groq, then the synthesis and the devil's
 * advocate, each call sent once. A 429 is an error the user sees.
 */
final class NaiveParallel implements Strategy {

  private final DirectClient groq;

  NaiveParallel(Fakes fakes) {
    this.groq = new DirectClient(fakes.groq.openAiBaseUrl(), "groq", Fakes.GROQ_MODEL, Fakes.KEY);
  }

  @Override
  public SessionResult session(int session) {
    return Pipeline.parallel(session, groq::call);
  }

  @Override
  public void close() {
    groq.close();
  }
}
