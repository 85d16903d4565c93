package dev.socra.server.sessions;

import dev.socra.server.store.SessionStatus;
import dev.socra.server.store.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start-up, resumes every pipeline that was running when the server stopped, from its last
 * stored stage: finished stages are reused, not redone.
 */
@Component
class Resumer {
  private static final Logger log = LoggerFactory.getLogger(Resumer.class);
  private final SessionStore store;
  private final SessionService sessions;

  Resumer(SessionStore store, SessionService sessions) {
    this.store = store;
    this.sessions = sessions;
  }

  @EventListener(ApplicationReadyEvent.class)
  void resume() {
    for (String id : store.withStatus(SessionStatus.PIPELINE_RUNNING)) {
      log.info("resuming the pipeline of session {}", id);
      sessions.resume(id);
    }
  }
}
