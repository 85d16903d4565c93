package dev.socra.server;

import dev.socra.llm.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Prints the route as the router describes it (the same text as {@code socra routes}: nothing else
 * decides or describes the order) and the URL to open.
 */
@Component
class StartupReport {
  private static final Logger log = LoggerFactory.getLogger("socra");
  private final Router router;
  private final ServerSettings settings;

  StartupReport(Router router, ServerSettings settings) {
    this.router = router;
    this.settings = settings;
  }

  @EventListener
  void ready(ApplicationReadyEvent event) {
    int port =
        ((org.springframework.boot.web.context.WebServerApplicationContext)
                event.getApplicationContext())
            .getWebServer()
            .getPort();
    log.info("Route:\n{}", router.describe().render());
    log.info(
        "Storage: {}",
        settings.embeddedDatabase()
            ? "embedded H2 in " + settings.dataDir()
            : "PostgreSQL " + settings.dbUrl().replaceAll("password=[^&;]*", "password=***"));
    log.info("Socra is running: open http://localhost:{}/", port);
  }
}
