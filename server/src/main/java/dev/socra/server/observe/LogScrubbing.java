package dev.socra.server.observe;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.socra.llm.config.Secrets;
import dev.socra.server.KeyScrubber;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Every log line is scrubbed of provider keys as it is written, whatever wrote it (Socra, a
 * library, an exception's message) and in every format ({@code SOCRA_LOG_FORMAT}): the encoder of
 * each appender is wrapped, so the finished line, JSON escapes included, is what is scrubbed. The
 * keys of every server running in the process count (tests start several).
 */
@Component
class LogScrubbing implements DisposableBean {
  private static final Set<Secrets> LIVE = ConcurrentHashMap.newKeySet();

  private final Secrets secrets;

  LogScrubbing(KeyScrubber scrubber) {
    this.secrets = scrubber.secrets();
    LIVE.add(secrets);
    install();
  }

  /** Wraps the encoder of every appender that writes to a stream (the console, files). */
  static void install() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    for (Logger logger : context.getLoggerList()) {
      for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
        if (it.next() instanceof OutputStreamAppender<ILoggingEvent> out
            && out.getEncoder() != null
            && !(out.getEncoder() instanceof Scrubbed)) {
          Scrubbed scrubbed = new Scrubbed(out.getEncoder());
          scrubbed.setContext(context);
          scrubbed.start();
          out.setEncoder(scrubbed);
        }
      }
    }
  }

  static String scrub(String line) {
    String out = line;
    for (Secrets s : LIVE) {
      out = s.redact(out);
    }
    return out;
  }

  @Override
  public void destroy() {
    LIVE.remove(secrets);
  }

  /** An encoder whose every line is scrubbed before it is written. */
  static final class Scrubbed extends EncoderBase<ILoggingEvent> {
    private final Encoder<ILoggingEvent> inner;

    Scrubbed(Encoder<ILoggingEvent> inner) {
      this.inner = inner;
    }

    @Override
    public byte[] headerBytes() {
      return inner.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
      byte[] line = inner.encode(event);
      if (line == null || LIVE.isEmpty()) {
        return line;
      }
      String text = new String(line, StandardCharsets.UTF_8);
      String clean = scrub(text);
      return clean.equals(text) ? line : clean.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
      return inner.footerBytes();
    }
  }
}
