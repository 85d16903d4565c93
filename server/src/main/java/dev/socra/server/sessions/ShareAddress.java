package dev.socra.server.sessions;

import dev.socra.server.ServerSettings;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The whole address of a read-only link, to copy and send: on {@code SOCRA_PUBLIC_URL} when it is
 * set, else on the address the owner's own request came to (only the owner sees it).
 */
@Component
public class ShareAddress {
  private final ServerSettings settings;

  ShareAddress(ServerSettings settings) {
    this.settings = settings;
  }

  public String of(String token, HttpServletRequest request) {
    String path = "/shared/" + token;
    String base = settings.publicUrl();
    if (!base.isEmpty()) {
      return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
    return ServletUriComponentsBuilder.fromContextPath(request).path(path).toUriString();
  }
}
