package dev.socra.llm.testkit;

/**
 * The request body is not a valid chat request, or not one this API takes; answered with 400 in the
 * request's format, or with {@link #reply()} when the rule that refused it has its own shape.
 */
final class InvalidRequest extends Exception {
  private final transient Reply reply;

  InvalidRequest(String message) {
    this(message, null);
  }

  InvalidRequest(String message, Reply reply) {
    super(message);
    this.reply = reply;
  }

  /** The provider's own reply to this refusal, or null for its generic 400. */
  Reply reply() {
    return reply;
  }
}
