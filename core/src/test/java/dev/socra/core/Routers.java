package dev.socra.core;

import dev.socra.core.stub.DemoStages;
import dev.socra.llm.Router;
import dev.socra.llm.config.ConfigLoader;
import dev.socra.llm.config.RouterConfig;
import dev.socra.llm.provider.stub.StubResponder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Routers for the domain's tests: configured in code as a program using the router would, or read
 * from a configuration file as {@code socra} reads one.
 */
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

  /** Demo mode with no pacing, read from a configuration file written to {@code dir}. */
  public static Router demo(Path dir) {
    return build(dir, "stub: { token_delay: 0ms }\n", Map.of());
  }

  /** A router read from {@code yaml}, written to {@code dir}, with {@code extraEnv} set. */
  public static Router build(Path dir, String yaml, Map<String, String> extraEnv) {
    return build(dir, yaml, extraEnv, new DemoStages());
  }

  /** As {@link #build(Path, String, Map)}, with the stub answering through {@code stub}. */
  public static Router build(
      Path dir, String yaml, Map<String, String> extraEnv, StubResponder stub) {
    Path file = dir.resolve("socra.yaml");
    try {
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put(ConfigLoader.CONFIG_VARIABLE, file.toString());
    return Router.builder(ConfigLoader.load(env)).stubResponder(stub).build();
  }
}
