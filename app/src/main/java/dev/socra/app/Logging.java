package dev.socra.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Log settings for Logback, the one SLF4J binding. Commands log to stderr, so stdout carries only a
 * command's answer; {@code socra serve} hands Logback to Spring Boot (stdout, and the JSON formats
 * of {@code SOCRA_LOG_FORMAT}) with the same levels.
 *
 * <p>{@code SOCRA_LOG_LEVEL} sets the level of Socra's own loggers. Libraries (Spring, Tomcat, the
 * connection pool, the migrations) log warnings only, unless {@code SOCRA_LOG_LEVEL} is set, and
 * then never below info, so {@code debug} shows Socra's detail without drowning it.
 */
final class Logging {
  static final String LEVEL_VARIABLE = "SOCRA_LOG_LEVEL";
  static final String ROOT = Logger.ROOT_LOGGER_NAME;

  private static final List<String> SOCRA = List.of("socra", "dev.socra");

  /**
   * Spring Boot's reports of a failed start: {@code socra serve} prints its own one line for the
   * failures a person can fix and the whole exception for any other.
   */
  private static final List<String> START_FAILURE_REPORTS =
      List.of(
          "org.springframework.boot.SpringApplication",
          "org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter",
          "org.springframework.boot.web.servlet.context"
              + ".AnnotationConfigServletWebServerApplicationContext");

  private Logging() {}

  /** For every command: warnings and errors unless {@code SOCRA_LOG_LEVEL} says otherwise. */
  static void configure(Map<String, String> env) {
    configure(env, "warn");
  }

  /** With another default level for Socra's loggers. */
  static void configure(Map<String, String> env, String defaultLevel) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    // Libraries that log through java.util.logging reach the same appender, and the levels set
    // here are copied to it, so that records filtered out cost nothing.
    LevelChangePropagator propagator = new LevelChangePropagator();
    propagator.setContext(context);
    propagator.setResetJUL(true);
    propagator.start();
    context.addListener(propagator);
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }

    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n");
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("stderr");
    stderr.setTarget("System.err"); // looked up at each write: a test's System.setErr is seen
    stderr.setEncoder(encoder);
    stderr.start();
    context.getLogger(ROOT).addAppender(stderr);
    levels(env, defaultLevel).forEach((name, level) -> context.getLogger(name).setLevel(level));
  }

  /**
   * The same levels for a server that Spring Boot starts, as {@code logging.level.*} system
   * properties (which Spring reads; one given with {@code -D} is kept), and the failed-start
   * reports silenced, since {@code socra serve} reports a failed start itself.
   */
  static void configureForServer(Map<String, String> env) {
    levels(env, "info")
        .forEach(
            (name, level) ->
                setIfAbsent(
                    "logging.level." + (ROOT.equals(name) ? "root" : name),
                    level == Level.ALL ? "trace" : level.levelStr.toLowerCase(Locale.ROOT)));
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    for (String name : START_FAILURE_REPORTS) {
      setIfAbsent("logging.level." + name, "off");
      context.getLogger(name).setLevel(Level.OFF); // when Spring does not manage logging (tests)
    }
  }

  /** Logger names and their levels: the root for libraries, and Socra's own. */
  static Map<String, Level> levels(Map<String, String> env, String defaultLevel) {
    String asked = env.get(LEVEL_VARIABLE);
    boolean explicit = asked != null && !asked.isBlank();
    Level level =
        Level.toLevel(
            (explicit ? asked : defaultLevel).strip().toUpperCase(Locale.ROOT), Level.WARN);
    Map<String, Level> levels = new LinkedHashMap<>();
    levels.put(
        ROOT, !explicit ? Level.WARN : level.isGreaterOrEqual(Level.INFO) ? level : Level.INFO);
    for (String name : SOCRA) {
      levels.put(name, level);
    }
    return levels;
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
