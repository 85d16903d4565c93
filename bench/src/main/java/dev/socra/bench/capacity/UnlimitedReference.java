package dev.socra.bench.capacity;

/**
 * The yardstick: the seed's parallel pipeline against a Groq-like fake that enforces no limit at
 * all, at the same speed per token. What "within 10% of an unlimited provider" is measured against.
 */
final class UnlimitedReference implements Strategy {

  private final DirectClient unlimited;

  /** {@code fakes} must have been started without limits. */
  UnlimitedReference(Fakes fakes) {
    this.unlimited =
        new DirectClient(fakes.groq.openAiBaseUrl(), "groq", Fakes.GROQ_MODEL, Fakes.KEY);
  }

  @Override
  public SessionResult session(int session) {
    return Pipeline.parallel(session, unlimited::call);
  }

  @Override
  public void close() {
    unlimited.close();
  }
}
