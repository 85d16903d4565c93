package dev.socra.server.sessions;

/**
 * An answer for a question that is not waiting for one (409): sent from a page that still showed an
 * earlier question, or after the founder went back. It says which question is current, so the page
 * can show that question and keep the founder's text.
 *
 * @see dev.socra.core.interview.StaleAnswerException
 */
public final class AnswerConflictException extends SessionConflictException {
  private final int current;
  private final String currentQuestion;

  AnswerConflictException(String message, int current, String currentQuestion) {
    super(message);
    this.current = current;
    this.currentQuestion = currentQuestion;
  }

  /** The question waiting for an answer or being written now; 0 when there is none. */
  public int current() {
    return current;
  }

  /** Its text; null while it is being written, or when there is none. */
  public String currentQuestion() {
    return currentQuestion;
  }
}
