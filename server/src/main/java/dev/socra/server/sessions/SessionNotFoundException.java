package dev.socra.server.sessions;

/**
 * No such session for this user. Someone else's session answers the same as a missing one, so ids
 * reveal nothing.
 */
public class SessionNotFoundException extends RuntimeException {
  /**
   * @param id the session's id, or null when what was asked for cannot be an id (it is not repeated
   *     back)
   */
  public SessionNotFoundException(String id) {
    super(id == null ? "no such session" : "no session " + id);
  }
}
