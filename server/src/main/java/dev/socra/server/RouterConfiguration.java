package dev.socra.server;

import dev.socra.core.Socra;
import dev.socra.core.session.SessionRepository;
import dev.socra.core.stub.DemoStages;
import dev.socra.llm.Router;
import dev.socra.llm.config.ConfigLoader;
import dev.socra.llm.event.RouterListener;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The router and the Socra facade: one of each per server, built from the same environment. */
@Configuration(proxyBeanMethods = false)
class RouterConfiguration {

  @Bean(destroyMethod = "close")
  Router router(ServerSettings settings, List<RouterListener> listeners) {
    Router.Builder b =
        Router.builder(ConfigLoader.load(settings.env())).stubResponder(new DemoStages());
    listeners.forEach(b::listener);
    return b.build();
  }

  @Bean
  Socra socra(Router router, SessionRepository sessions) {
    return new Socra(router, sessions, dev.socra.llm.ChatRequest.DEFAULT_ROUTE);
  }
}
