package dev.socra.core.interview;

/**
 * An answer that names a question other than the one waiting for it: sent from a page that still
 * showed an earlier question (another tab answered it), or after the founder went back. It is never
 * filed under the wrong question.
 *
 * @see Interview#answeredWith(int, String)
 */
public final class StaleAnswerException extends IllegalStateException {
  private final int answered;
  private final int current;

  StaleAnswerException(int answered, int current) {
    super(
        current == 0
            ? "question " + answered + " is not waiting for an answer: no question is open now"
            : "question "
                + answered
                + " is not waiting for an answer: question "
                + current
                + " is the current one");
    this.answered = answered;
    this.current = current;
  }

  /** The question the answer said it answers. */
  public int answered() {
    return answered;
  }

  /** The question open now; 0 when none is (the next one is still to be written, or none). */
  public int current() {
    return current;
  }
}
