package dev.socra.core;

import dev.socra.core.stub.DemoStages;
import dev.socra.llm.Router;
import dev.socra.llm.config.ConfigLoader;
import dev.socra.llm.provider.stub.StubResponder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Routers for the domain's tests, built from a real configuration file. */
public final class Routers {
  private Routers() {}

  /** Demo mode with no pacing, so a whole session runs in well under a second. */
  public static Router demo(Path dir) {
    return build(dir, "stub: { token_delay: 0ms }\n", Map.of());
  }

  /**
   * A router over fakes: {@code providers} is the YAML of the providers section's entries, each
   * with key_env set to a variable this sets.
   */
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
    env.put("SOCRA_CONFIG", file.toString());
    return Router.builder(ConfigLoader.load(env)).stubResponder(stub).build();
  }
}
