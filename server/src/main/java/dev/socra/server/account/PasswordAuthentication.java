package dev.socra.server.account;

import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Sign-in with name and password; the principal is the {@link SocraUser}. The throttle is asked
 * first (a closed sign-in costs no hashing) and told every outcome.
 */
final class PasswordAuthentication implements AuthenticationProvider {
  private final Users users;
  private final SignInThrottle throttle;

  PasswordAuthentication(Users users, SignInThrottle throttle) {
    this.users = users;
    this.throttle = throttle;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String name = authentication.getName();
    String address =
        ClientAddress.of(
            authentication.getDetails() instanceof WebAuthenticationDetails d
                ? d.getRemoteAddress()
                : null);
    throttle
        .closedFor(name, address)
        .ifPresent(
            wait -> {
              throw new SignInThrottledException(wait);
            });
    Object credentials = authentication.getCredentials();
    Optional<SocraUser> found;
    try {
      found = users.authenticate(name, credentials == null ? null : credentials.toString());
    } catch (HashingBusyException e) {
      throw new SignInBusyException(e);
    }
    if (found.isEmpty()) {
      throttle.failed(name, address);
      throw new BadCredentialsException("wrong name or password");
    }
    throttle.succeeded(name, address);
    SocraUser user = found.get();
    return UsernamePasswordAuthenticationToken.authenticated(
        user, null, AuthorityUtils.createAuthorityList(SecurityConfiguration.authorities(user)));
  }

  @Override
  public boolean supports(Class<?> type) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
  }
}
