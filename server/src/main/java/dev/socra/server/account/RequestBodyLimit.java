package dev.socra.server.account;

import dev.socra.server.errors.ErrorBodies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies have a size limit, answered 413 before anything reads them: 64 KiB under {@code
 * /api} (an idea is at most 4,000 characters and an answer 2,000; JSON and UTF-8 leave room to
 * spare) and 8 MiB under {@code /v1} (a chat completion carries a whole conversation, and an image
 * sent inline is its base64 text: a 5 MB phone photo is about 6.7 MiB of it). A declared {@code
 * Content-Length} over the limit is refused at once; a body sent without one (chunked) is read up
 * to the limit and refused as soon as it goes past it, so no body larger than the limit is ever
 * held. First of the server's filters: a body too large is refused before anything else.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RequestBodyLimit extends OncePerRequestFilter {
  static final int API_LIMIT = 64 * 1024;
  static final int GATEWAY_LIMIT = 8 * 1024 * 1024;

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = ErrorBodies.path(request);
    return !path.startsWith("/api/") && !path.startsWith("/v1/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean gateway = ErrorBodies.isGateway(request);
    int limit = gateway ? GATEWAY_LIMIT : API_LIMIT;
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      refuse(request, response, limit, declared + " bytes");
      return;
    }
    if (declared >= 0 || request.getHeader("Transfer-Encoding") == null) {
      chain.doFilter(request, response); // the server reads no more than the declared length
      return;
    }
    byte[] body = request.getInputStream().readNBytes(limit + 1);
    if (body.length > limit) {
      refuse(request, response, limit, "more than " + limit + " bytes");
      return;
    }
    chain.doFilter(new ReadBody(request, body), response);
  }

  private static void refuse(
      HttpServletRequest request, HttpServletResponse response, int limit, String size)
      throws IOException {
    String where = ErrorBodies.isGateway(request) ? "/v1" : "/api";
    ErrorBodies.write(
        request,
        response,
        HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
        "invalid_request_error",
        "request_too_large",
        "the request body is "
            + size
            + "; requests under "
            + where
            + " take at most "
            + limit
            + " bytes ("
            + limit / 1024
            + " KiB)");
  }

  /** The request with its body already read, within the limit. */
  private static final class ReadBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReadBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body is already read");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }
}
