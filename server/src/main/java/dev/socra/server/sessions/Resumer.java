package dev.socra.server.sessions;

import dev.socra.server.lease.Leases;
import dev.socra.server.lease.WorkSweep;
import dev.socra.server.live.LiveRuns;
import dev.socra.server.store.SessionStatus;
import dev.socra.server.store.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Takes over work nobody runs any more: at start-up, and at every heartbeat after ({@link
 * WorkSweep}). A pipeline left running is resumed from its last stored stage (finished stages are
 * reused, not redone), and a question whose server stopped while writing it is written, but only
 * once their lease has expired or is missing: work another live server runs is left to it.
 */
@Component
class Resumer implements WorkSweep {
  private static final Logger log = LoggerFactory.getLogger(Resumer.class);
  private final SessionStore store;
  private final SessionService sessions;
  private final Leases leases;
  private final LiveRuns runs;

  Resumer(SessionStore store, SessionService sessions, Leases leases, LiveRuns runs) {
    this.store = store;
    this.sessions = sessions;
    this.leases = leases;
    this.runs = runs;
  }

  @EventListener(ApplicationReadyEvent.class)
  void resume() {
    sweep();
  }

  @Override
  public void sweep() {
    for (String id : store.withStatus(SessionStatus.PIPELINE_RUNNING)) {
      String key = SessionService.pipelineKey(id);
      if (runs.running(key)) {
        continue; // run or followed here: a follower takes over by itself
      }
      leases
          .tryTake(key, id)
          .ifPresent(
              lease -> {
                log.info("resuming the pipeline of session {} (fence {})", id, lease.fence());
                sessions.resume(id, lease);
              });
    }
    for (String key : leases.expiredKeys()) {
      int turn = key.lastIndexOf("/turn/");
      if (turn < 0 || runs.running(key)) {
        continue;
      }
      String id = key.substring(0, turn);
      int n;
      try {
        n = Integer.parseInt(key.substring(turn + "/turn/".length()));
      } catch (NumberFormatException e) {
        continue;
      }
      leases
          .tryTake(key, id)
          .ifPresent(
              lease -> {
                log.info("writing question {} of session {}: its server stopped", n, id);
                sessions.resumeTurn(id, n, lease);
              });
    }
  }
}
