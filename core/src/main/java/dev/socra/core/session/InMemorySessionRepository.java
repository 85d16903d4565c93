package dev.socra.core.session;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Sessions in this process: the terminal's store, and the tests'. */
public final class InMemorySessionRepository implements SessionRepository {
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  @Override
  public void save(Session session) {
    sessions.put(session.id(), session);
  }

  @Override
  public Optional<Session> find(String id) {
    return Optional.ofNullable(sessions.get(id));
  }
}
