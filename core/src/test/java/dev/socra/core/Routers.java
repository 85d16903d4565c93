package dev.socra.core;

import dev.socra.core.stub.DemoStages;
import dev.socra.llm.Router;
import dev.socra.llm.config.RouterConfig;
import dev.socra.llm.provider.stub.StubResponder;
import java.time.Duration;

/** Routers for the domain's tests, configured in code as a program using the router would. */
public final class Routers {
  private Routers() {}

  /** Demo mode with no pacing, so a whole session runs in well under a second. */
  public static Router demo() {
    return demo(new DemoStages());
  }

  /** Demo mode, the stub answering through {@code stub}. */
  public static Router demo(StubResponder stub) {
    return build(unpaced(), stub);
  }

  /** A configuration to build on whose stub streams without pacing. */
  public static RouterConfig.Builder unpaced() {
    return RouterConfig.builder().stubTokenDelay(Duration.ZERO);
  }

  /** A router over {@code config}; the stub, where a route names it, answers as in demo mode. */
  public static Router build(RouterConfig.Builder config) {
    return build(config, new DemoStages());
  }

  /** As {@link #build(RouterConfig.Builder)}, with the stub answering through {@code stub}. */
  public static Router build(RouterConfig.Builder config, StubResponder stub) {
    return Router.builder(config.build()).stubResponder(stub).build();
  }
}
