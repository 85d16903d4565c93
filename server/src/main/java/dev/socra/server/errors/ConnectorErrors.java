package dev.socra.server.errors;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Requests Tomcat refuses before any of Socra's code runs (an address holding {@code %00} or
 * characters it does not allow, headers too large) get an answer in Socra's words and shapes too:
 * problem details under {@code /api}, OpenAI's error under {@code /v1}, a short page otherwise.
 * Tomcat's own report page (its version, its wording) never shows. Errors that reach Socra's code
 * are answered there; this only speaks when nothing else did.
 */
@Component
class ConnectorErrors
    implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(
        context -> {
          // The host adds a report valve of this class when it starts unless one is there: ours.
          ((StandardHost) context.getParent()).setErrorReportValveClass(Report.class.getName());
          var pipeline = context.getParent().getPipeline();
          for (Valve v : pipeline.getValves()) {
            if (v instanceof ErrorReportValve) {
              pipeline.removeValve(v);
            }
          }
          pipeline.addValve(new Report());
        });
  }

  /** After Spring Boot's own customizer, which adds Tomcat's report valve. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  /** What a person or program is told, by status. */
  static String detail(int status) {
    return switch (status) {
      case 400 ->
          "the request could not be read: its address or headers hold characters that are not"
              + " allowed (control characters, or an incomplete %-escape)";
      case 408 -> "the request took too long to arrive";
      case 413 -> "the request is too large";
      case 414, 431 -> "the request's address or headers are too long";
      case 505 -> "this HTTP version is not supported";
      default ->
          status >= 500 ? "the server could not answer this request" : "the request was refused";
    };
  }

  static final class Report extends ErrorReportValve {
    private static final ObjectMapper JSON = new ObjectMapper();

    Report() {
      setShowReport(false);
      setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      int status = response.getStatus();
      if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
        return;
      }
      String uri = request.getRequestURI() == null ? "" : request.getRequestURI();
      String detail = detail(status);
      try {
        response.resetBuffer();
        byte[] body;
        if (uri.startsWith("/v1/")) {
          response.setContentType("application/json");
          body = JSON.writeValueAsBytes(ErrorBodies.gateway(uri, status, null, null, detail));
        } else if (uri.startsWith("/api/") || uri.startsWith("/actuator/")) {
          response.setContentType("application/problem+json");
          body = JSON.writeValueAsBytes(ErrorBodies.problem(status, detail));
        } else {
          response.setContentType("text/html;charset=UTF-8");
          response.setHeader("Content-Security-Policy", "default-src 'none'");
          body =
              ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                      + "That request did not work · Socra</title></head><body><main><h1>That"
                      + " request did not work</h1><p>"
                      + detail
                      + ".</p><p><a href=\"/\">Socra's home page</a></p></main></body></html>")
                  .getBytes(StandardCharsets.UTF_8);
        }
        response.setContentLength(body.length);
        OutputStream out = response.getOutputStream();
        out.write(body);
        out.flush();
      } catch (IOException | IllegalStateException e) {
        // the client went away, or the response cannot take a body any more
      }
    }
  }
}
