package dev.socra.llm;

import dev.socra.llm.config.ConfigLoader;
import dev.socra.llm.config.RouterConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A router configuration from a test's own YAML, read by {@link ConfigLoader} as in production. */
final class YamlConfig {
  private YamlConfig() {}

  /**
   * @param keyVariables the variables the YAML names in {@code key_env}; each gets a test key
   */
  static RouterConfig load(Path dir, String yaml, String... keyVariables) {
    Path file = dir.resolve("socra.yaml");
    try {
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> env = new HashMap<>();
    env.put("SOCRA_CONFIG", file.toString());
    for (String variable : keyVariables) {
      env.put(variable, "test-key-" + variable.toLowerCase(java.util.Locale.ROOT) + "-0123456789");
    }
    return ConfigLoader.load(env);
  }
}
