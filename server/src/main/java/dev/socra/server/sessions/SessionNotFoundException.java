package dev.socra.server.sessions;

/**
 * No such session for this user. Someone else's session answers the same as a missing one, so ids
 * reveal nothing.
 */
public class SessionNotFoundException extends RuntimeException {
  public SessionNotFoundException(String id) {
    super("no session " + id);
  }
}
