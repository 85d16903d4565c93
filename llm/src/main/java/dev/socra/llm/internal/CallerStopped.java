package dev.socra.llm.internal;

/**
 * The caller's own sink threw: the call stops, and the caller gets its exception back. Wrapped so
 * that it can never be mistaken for a fault of the provider's adapter that was writing to it.
 */
final class CallerStopped extends RuntimeException {
  CallerStopped(RuntimeException cause) {
    super("the caller's sink failed", cause, false, false);
  }

  RuntimeException sinkFailure() {
    return (RuntimeException) getCause();
  }
}
