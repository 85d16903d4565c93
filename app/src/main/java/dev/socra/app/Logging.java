package dev.socra.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Log settings for Logback (the one SLF4J binding), made in code so that the environment a command
 * runs with decides them. Logs go to stderr, so stdout carries only a command's answer.
 *
 * <p>{@code SOCRA_LOG_LEVEL} sets the level of Socra's own loggers. Libraries (Spring, Tomcat, the
 * connection pool, the migrations) log warnings only, unless {@code SOCRA_LOG_LEVEL} is set, and
 * then never below info, so {@code debug} shows Socra's detail without drowning it.
 */
final class Logging {
  static final String LEVEL_VARIABLE = "SOCRA_LOG_LEVEL";

  private static final List<String> SOCRA = List.of("socra", "dev.socra");

  /**
   * Spring Boot's reports of a failed start: {@code socra serve} prints its own one line for the
   * failures a person can fix and the whole exception for any other.
   */
  private static final List<String> START_FAILURE_REPORTS =
      List.of(
          "org.springframework.boot.SpringApplication",
          "org.springframework.boot.web.servlet.context"
              + ".AnnotationConfigServletWebServerApplicationContext",
          "org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter");

  private Logging() {}

  /** For every command: warnings and errors unless {@code SOCRA_LOG_LEVEL} says otherwise. */
  static void configure(Map<String, String> env) {
    configure(env, "warn");
  }

  /** With another default level for Socra's loggers: {@code socra serve} says where it listens. */
  static void configure(Map<String, String> env, String defaultLevel) {
    // Spring Boot would otherwise reset Logback to its own console set-up when a server starts.
    setIfAbsent("org.springframework.boot.logging.LoggingSystem", "none");
    String asked = env.get(LEVEL_VARIABLE);
    boolean explicit = asked != null && !asked.isBlank();
    Level level =
        Level.toLevel(
            (explicit ? asked : defaultLevel).strip().toUpperCase(Locale.ROOT), Level.WARN);
    Level libraries =
        !explicit ? Level.WARN : level.isGreaterOrEqual(Level.INFO) ? level : Level.INFO;

    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    // Libraries that log through java.util.logging (Tomcat) reach the same appender, and the
    // levels set here are copied to it so that filtered records cost nothing.
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

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(libraries);
    root.addAppender(stderr);
    for (String name : SOCRA) {
      context.getLogger(name).setLevel(level);
    }
  }

  /** Silences Spring Boot's own report of a failed start, for a caller that reports it. */
  static void quietStartFailures() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    for (String name : START_FAILURE_REPORTS) {
      context.getLogger(name).setLevel(Level.OFF);
    }
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
