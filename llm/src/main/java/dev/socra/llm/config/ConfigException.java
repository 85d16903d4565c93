package dev.socra.llm.config;

/** Configuration Socra cannot start with. The message names the setting and never holds a key. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
