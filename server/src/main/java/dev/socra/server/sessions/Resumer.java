package dev.socra.server.sessions;

import dev.socra.server.lease.Leases;
import dev.socra.server.lease.WorkSweep;
import dev.socra.server.live.LiveRuns;
import dev.socra.server.store.SessionStatus;
import dev.socra.server.store.SessionStore;
import java.util.Optional;
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
      Optional<TurnWork> turn = TurnWork.parse(key);
      if (turn.isEmpty() || runs.running(key)) {
        continue;
      }
      String id = turn.get().session();
      int n = turn.get().number();
      leases
          .tryTake(key, id)
          .ifPresent(
              lease -> {
                log.info("writing question {} of session {}: its server stopped", n, id);
                sessions.resumeTurn(id, n, turn.get().revision(), lease);
              });
    }
  }

  /**
   * A question's work key read back: {@code <id>/turn/<n>} or {@code <id>/turn/<n>/r<revision>}.
   */
  record TurnWork(String session, int number, int revision) {
    private static final java.util.regex.Pattern KEY =
        java.util.regex.Pattern.compile("(.+)/turn/([0-9]{1,4})(?:/r([0-9]{1,6}))?");

    static Optional<TurnWork> parse(String key) {
      java.util.regex.Matcher m = KEY.matcher(key);
      if (!m.matches()) {
        return Optional.empty();
      }
      return Optional.of(
          new TurnWork(
              m.group(1),
              Integer.parseInt(m.group(2)),
              m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
    }
  }
}
