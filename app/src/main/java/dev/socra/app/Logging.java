package dev.socra.app;

import java.util.Map;

/**
 * Log settings for slf4j-simple, which reads them once, at its first use: so this runs first. Logs
 * go to stderr, so stdout carries only a command's answer.
 */
final class Logging {
  static final String LEVEL_VARIABLE = "SOCRA_LOG_LEVEL";

  private Logging() {}

  static void configure(Map<String, String> env) {
    String level =
        env.getOrDefault(LEVEL_VARIABLE, "warn").strip().toLowerCase(java.util.Locale.ROOT);
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", level);
    setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
    setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
    setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
    setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    setIfAbsent("org.slf4j.simpleLogger.cacheOutputStream", "false");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
