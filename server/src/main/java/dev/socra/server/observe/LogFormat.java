package dev.socra.server.observe;

import java.util.Locale;
import java.util.Map;

/**
 * The console log's format, from {@code SOCRA_LOG_FORMAT}: {@code text} (the default, for a person
 * at a terminal), or one JSON object per line for a log collector: {@code json} (the same as {@code
 * ecs}, Elastic Common Schema), {@code logstash} or {@code gelf}. Spring Boot writes the JSON; this
 * only chooses it, before the logging system starts.
 */
public final class LogFormat {
  public static final String VARIABLE = "SOCRA_LOG_FORMAT";

  private LogFormat() {}

  /** Spring properties for the chosen format; a bad value stops the start, naming the variable. */
  public static Map<String, Object> springProperties(Map<String, String> env) {
    String v = env.getOrDefault(VARIABLE, "").strip().toLowerCase(Locale.ROOT);
    String format =
        switch (v) {
          case "", "text" -> null;
          case "json", "ecs" -> "ecs";
          case "logstash" -> "logstash";
          case "gelf" -> "gelf";
          default ->
              throw new IllegalArgumentException(
                  VARIABLE + " must be text, json, ecs, logstash or gelf, was '" + v + "'");
        };
    if (format == null) {
      return Map.of();
    }
    return Map.of(
        "logging.structured.format.console", format,
        "logging.structured.ecs.service.name", "socra",
        "logging.structured.gelf.host", "socra");
  }
}
