package dev.socra.core.idea;

/** The founder's input cannot be used; the message says why, in words for the founder. */
public final class InvalidInputException extends RuntimeException {
  public InvalidInputException(String message) {
    super(message);
  }
}
