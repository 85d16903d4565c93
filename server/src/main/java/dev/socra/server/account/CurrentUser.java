package dev.socra.server.account;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The signed-in user of the request this thread serves, for filters that run after sign-in. */
final class CurrentUser {
  private CurrentUser() {}

  /** The user, or null when the request has none (a public path). */
  static SocraUser get() {
    Authentication a = SecurityContextHolder.getContext().getAuthentication();
    return a != null && a.getPrincipal() instanceof SocraUser u ? u : null;
  }
}
