package dev.socra.llm.internal;

import dev.socra.llm.config.ProviderConfig;
import dev.socra.llm.config.RouterConfig;
import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.event.RouterListener;
import dev.socra.llm.outcome.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's own log lines. Keys never appear: outcomes carry provider text that the adapters
 * have already scrubbed, and a key is only ever named by its variable and fingerprint.
 */
public final class LoggingListener implements RouterListener {
  private static final Logger LOG = LoggerFactory.getLogger("dev.socra.llm.Router");

  private final RouterConfig config;

  public LoggingListener(RouterConfig config) {
    this.config = config;
  }

  @Override
  public void onEvent(RouterEvent event) {
    switch (event) {
      case RouterEvent.AttemptFinished a -> {
        if (a.attempt().outcome() instanceof Outcome.AuthFailed) {
          ProviderConfig p = config.provider(a.attempt().target());
          String key =
              p.key() == null ? "" : " (" + p.keyVariable() + " " + p.key().fingerprint() + ")";
          LOG.warn(
              "provider {} rejected the request: {}. Check {}{}; target {} is disabled, and one"
                  + " call re-checks it after {} (or restart with the configuration fixed).",
              p.name(),
              a.attempt().outcome().detail(),
              p.keyVariable() == null ? p.name() + "'s base URL and model" : p.keyVariable(),
              key,
              a.attempt().target(),
              dev.socra.llm.outcome.Durations.format(config.retry().authRecheck()));
        } else if (!a.attempt().outcome().isSuccess()) {
          LOG.info("call {} attempt {}", a.callId(), a.attempt().summary());
        } else {
          LOG.debug("call {} attempt {}", a.callId(), a.attempt().summary());
        }
      }
      case RouterEvent.CallFailed f ->
          LOG.warn("call {} failed: {}", f.callId(), f.error().getMessage());
      case RouterEvent.CallSucceeded s ->
          LOG.debug("call {} served by {}", s.callId(), s.response().servedBy());
      case RouterEvent.TargetStateChanged c ->
          LOG.info("target {} is now {}: {}", c.target(), c.state().name(), c.reason());
    }
  }
}
