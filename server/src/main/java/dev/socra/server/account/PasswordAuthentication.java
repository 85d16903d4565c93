package dev.socra.server.account;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/** Sign-in with name and password; the principal is the {@link SocraUser}. */
final class PasswordAuthentication implements AuthenticationProvider {
  private final Users users;

  PasswordAuthentication(Users users) {
    this.users = users;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String name = authentication.getName();
    Object credentials = authentication.getCredentials();
    SocraUser user =
        users
            .authenticate(name, credentials == null ? null : credentials.toString())
            .orElseThrow(() -> new BadCredentialsException("wrong name or password"));
    return UsernamePasswordAuthenticationToken.authenticated(
        user, null, AuthorityUtils.createAuthorityList(SecurityConfiguration.authorities(user)));
  }

  @Override
  public boolean supports(Class<?> type) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
  }
}
