package dev.socra.core.session;

import java.util.Optional;

/**
 * Where sessions live. The pipeline saves after every finished stage, so a crashed pipeline resumes
 * without redoing what was done; the server stores sessions in its database.
 */
public interface SessionRepository {
  void save(Session session);

  Optional<Session> find(String id);
}
