package dev.socra.server.sessions;

/** The session cannot do that now (a question is being written, the pipeline runs…): 409. */
public class SessionConflictException extends RuntimeException {
  public SessionConflictException(String message) {
    super(message);
  }
}
