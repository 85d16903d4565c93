package dev.socra.server;

import dev.socra.core.Socra;
import dev.socra.core.session.SessionRepository;
import dev.socra.core.stub.DemoStages;
import dev.socra.llm.Router;
import dev.socra.llm.config.ConfigLoader;
import dev.socra.llm.event.RouterListener;
import dev.socra.llm.provider.stub.StubResponder;
import dev.socra.llm.spend.SpendGate;
import dev.socra.llm.time.Sleeper;
import dev.socra.server.cluster.Redis;
import dev.socra.server.cluster.RedisBudgetStore;
import dev.socra.server.cluster.RedisTargetState;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The router and the Socra facade: one of each per server, built from the same environment. Every
 * listener bean hears the router's events; the spend gate (the daily cap's holds) is asked before
 * each attempt.
 */
@Configuration(proxyBeanMethods = false)
class RouterConfiguration {

  /**
   * The stub's content: Socra's demo stages, unless an embedding program (a benchmark) registered
   * its own {@link StubResponder} with {@link SocraServer#start(java.util.Map, Object...)}.
   */
  @Bean(destroyMethod = "close")
  Router router(
      ServerSettings settings,
      List<RouterListener> listeners,
      ObjectProvider<StubResponder> stub,
      ObjectProvider<SpendGate> spend,
      ObjectProvider<Sleeper> sleeper,
      Redis redis) {
    Router.Builder b =
        Router.builder(ConfigLoader.load(settings.env()))
            .stubResponder(stub.getIfAvailable(DemoStages::new))
            .spendGate(spend.getIfAvailable(() -> SpendGate.NONE))
            .sleeper(sleeper.getIfAvailable(() -> Sleeper.SYSTEM));
    if (redis.enabled()) {
      // Several servers: one provider key, one budget; one server's 429 keeps the others away.
      b.budgetStore(new RedisBudgetStore(redis)).sharedCoolDowns(new RedisTargetState(redis));
    }
    listeners.forEach(b::listener);
    return b.build();
  }

  @Bean
  Socra socra(Router router, SessionRepository sessions) {
    return new Socra(router, sessions, dev.socra.llm.ChatRequest.DEFAULT_ROUTE);
  }
}
