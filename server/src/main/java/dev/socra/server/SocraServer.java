package dev.socra.server;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the Socra server on an environment (the process's, or a test's): the one way in for {@code
 * socra serve} and for every server test.
 */
public final class SocraServer implements AutoCloseable {
  private final ConfigurableApplicationContext context;

  private SocraServer(ConfigurableApplicationContext context) {
    this.context = context;
  }

  public static SocraServer start(Map<String, String> env) {
    return start(env, new Object[0]);
  }

  /**
   * Starts with extra beans an embedding program provides, such as its own stub content (a
   * benchmark that timestamps tokens).
   */
  public static SocraServer start(Map<String, String> env, Object... beans) {
    ServerSettings settings = ServerSettings.from(env);
    if (settings.embeddedDatabase()) {
      DataDirectory.prepare(settings.dataDir()); // a bad directory is one sentence, before Spring
    }
    return new SocraServer(
        new SpringApplicationBuilder(SocraServerApplication.class)
            .web(WebApplicationType.SERVLET)
            .initializers(
                ctx -> {
                  ctx.getBeanFactory().registerSingleton("serverSettings", settings);
                  for (int i = 0; i < beans.length; i++) {
                    ctx.getBeanFactory()
                        .registerSingleton(
                            "embedded-" + i + "-" + beans[i].getClass().getSimpleName(), beans[i]);
                  }
                })
            .properties(springProperties(settings))
            .logStartupInfo(false)
            .run());
  }

  /** The settings as Spring properties; nothing here comes from files a user has to write. */
  static Map<String, Object> springProperties(ServerSettings s) {
    Map<String, Object> p = new HashMap<>();
    p.put("server.port", s.port());
    p.put("spring.threads.virtual.enabled", true);
    p.put("spring.main.banner-mode", "off");
    p.put("server.shutdown", "graceful");
    p.put("server.error.include-stacktrace", "never");
    p.put("server.error.include-message", "always");
    p.put("spring.datasource.url", s.jdbcUrl());
    if (!s.embeddedDatabase()) {
      p.put("spring.datasource.username", s.dbUser());
      p.put("spring.datasource.password", s.dbPassword());
    } else {
      p.put("spring.datasource.username", "sa");
      p.put("spring.datasource.password", "");
      // H2 waits 1 s for a table lock by default: a pipeline's parallel stages storing at once on
      // a loaded machine waited longer and failed. PostgreSQL locks rows and waits as long as
      // needed.
      p.put("spring.datasource.hikari.connection-init-sql", "SET LOCK_TIMEOUT 10000");
    }
    p.put("spring.datasource.hikari.maximum-pool-size", 20);
    p.put("spring.flyway.locations", "classpath:db/migration");
    p.put("spring.mvc.async.request-timeout", -1);
    p.put("management.endpoints.web.exposure.include", "health,prometheus");
    // The health endpoint is public and says UP or DOWN (a load balancer needs no more); each
    // route's targets and their states are for the admin (an admin's API token, or signed in).
    p.put("management.endpoint.health.show-details", "when-authorized");
    p.put("management.endpoint.health.show-components", "when-authorized");
    p.put("management.endpoint.health.roles", "ADMIN");
    // Not even the admin needs the server's file system (Spring's disk-space check shows its
    // path and free bytes).
    p.put("management.health.diskspace.enabled", false);
    // Spring Security's observations cost 60-80 µs of CPU per call (docs/benchmarks.md, gateway)
    p.put("management.observations.enable.spring.security", false);
    p.put("springdoc.api-docs.path", "/api/openapi.json");
    p.put("springdoc.swagger-ui.path", "/api/docs");
    p.put("springdoc.paths-to-match", "/api/**,/v1/**");
    p.put("spring.servlet.multipart.enabled", false);
    // Redirects say "Location: /signin", never an absolute URL built from the Host header a caller
    // sent (Host: evil.example would otherwise send the browser there).
    p.put("server.tomcat.use-relative-redirects", true);
    p.put("server.servlet.session.cookie.same-site", "lax");
    p.put("server.servlet.session.cookie.http-only", true);
    if (s.publicHttps()) {
      p.put("server.servlet.session.cookie.secure", true);
    }
    // Forwarded headers are believed only when asked, and then only from a proxy on a loopback or
    // private address (Tomcat's RemoteIpValve): request.getRemoteAddr() and isSecure() then say
    // what the proxy saw. Otherwise anyone could claim any address and scheme.
    p.put("server.forward-headers-strategy", s.trustForwarded() ? "native" : "none");
    p.putAll(dev.socra.server.observe.LogFormat.springProperties(s.env()));
    return p;
  }

  public int port() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  public String baseUrl() {
    return "http://localhost:" + port();
  }

  public ConfigurableApplicationContext context() {
    return context;
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** Blocks until the server is stopped (by a signal or {@link #close()}). */
  public void awaitStop() throws InterruptedException {
    Object lock = new Object();
    context.addApplicationListener(
        e -> {
          if (e instanceof org.springframework.context.event.ContextClosedEvent) {
            synchronized (lock) {
              lock.notifyAll();
            }
          }
        });
    synchronized (lock) {
      while (context.isActive()) {
        lock.wait(1_000);
      }
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
