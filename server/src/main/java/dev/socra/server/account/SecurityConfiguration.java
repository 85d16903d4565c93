package dev.socra.server.account;

import dev.socra.server.ServerSettings;
import dev.socra.server.billing.PaymentSettings;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what. Three ways to prove who you are, all ending in a {@link SocraUser} principal: a
 * password and the session cookie it starts (the browser; CSRF-protected), a personal API token as
 * a bearer key (programs), and, when {@code SOCRA_OIDC_ISSUER} is set, a JWT from that issuer.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  /** Pages and files anyone may see; everything else needs a signed-in user. */
  static final String[] PUBLIC = {
    "/",
    "/signin",
    "/signin/wait",
    "/signup",
    "/error",
    // a session shared through its read-only link (the link's token is the permission)
    "/shared/**",
    "/rubric",
    "/favicon.ico",
    "/css/**",
    "/js/**",
    "/img/**",
    "/webjars/**",
    "/actuator/health",
    "/actuator/health/**",
    "/api/docs",
    "/api/docs/**",
    "/api/openapi.json",
    "/api/openapi.json/**",
    "/swagger-ui/**",
    "/swagger-ui.html",
    "/api/swagger-ui/**"
  };

  @Bean
  SecurityFilterChain filterChain(
      HttpSecurity http,
      Users users,
      ApiTokens tokens,
      ServerSettings settings,
      AuthenticationFailures failures,
      SignInThrottle throttle,
      PaymentSettings payments)
      throws Exception {
    // A bearer key, or under /v1 Anthropic's x-api-key: headers a cross-site page cannot attach.
    RequestMatcher bearer =
        request -> {
          String h = request.getHeader("Authorization");
          return (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7))
              || SecurityConfiguration.apiKey(request) != null;
        };
    http.authorizeHttpRequests(
            a ->
                a.requestMatchers(PUBLIC)
                    .permitAll()
                    .requestMatchers(HttpMethod.POST, "/api/signup")
                    .permitAll()
                    // Metrics name every provider and route and count every call: the admin's
                    // (a Prometheus scraper sends an admin's API token).
                    .requestMatchers("/actuator/**")
                    .hasRole("ADMIN")
                    .anyRequest()
                    .authenticated())
        // Nothing is kept on the server for a visitor who is not signed in: no saved request (a
        // sign-in leads to the sessions list), no session for a failed sign-in, and the CSRF token
        // of the sign-in and sign-up forms in a cookie rather than in a server-side session. So
        // strangers cannot fill the server's memory with sessions.
        .requestCache(c -> c.requestCache(new NullRequestCache()))
        .formLogin(
            f ->
                f.loginPage("/signin")
                    .loginProcessingUrl("/signin")
                    .usernameParameter("name")
                    .defaultSuccessUrl("/sessions", true)
                    .failureHandler(new SignInFailures())
                    .permitAll())
        .logout(l -> l.logoutUrl("/signout").logoutSuccessUrl("/"))
        .authenticationProvider(new PasswordAuthentication(users, throttle))
        .oauth2ResourceServer(
            o ->
                o.authenticationManagerResolver(bearerManager(tokens, users, settings))
                    .bearerTokenResolver(SecurityConfiguration::token)
                    .authenticationEntryPoint(failures))
        // Programs send a bearer key, which a cross-site page cannot attach, or call the API with
        // no session cookie at all (signing up): nothing a forged request could ride on, so no
        // CSRF token is needed. Cookie-authenticated requests (the browser) must carry one.
        .csrf(
            c ->
                c.csrfTokenRepository(csrfCookie(settings))
                    .ignoringRequestMatchers(bearer, SecurityConfiguration::apiWithoutCookie))
        .exceptionHandling(
            e -> e.authenticationEntryPoint(failures).accessDeniedHandler(failures::denied));
    SecurityHeaders.apply(http, payments.pageSources());
    return http.build();
  }

  /** The CSRF token in an HttpOnly, SameSite=Lax cookie; Secure behind HTTPS. */
  private static CookieCsrfTokenRepository csrfCookie(ServerSettings settings) {
    CookieCsrfTokenRepository cookies = new CookieCsrfTokenRepository();
    cookies.setCookieCustomizer(
        c -> {
          c.sameSite("Lax").httpOnly(true);
          if (settings.publicHttps()) {
            c.secure(true);
          }
        });
    return cookies;
  }

  /** API tokens always; OIDC JWTs when an issuer is configured (its keys fetched on first use). */
  private static AuthenticationManagerResolver<HttpServletRequest> bearerManager(
      ApiTokens tokens, Users users, ServerSettings settings) {
    JwtAuthenticationProvider jwt = null;
    if (!settings.oidcIssuer().isEmpty()) {
      String issuer = settings.oidcIssuer();
      jwt =
          new JwtAuthenticationProvider(
              OidcTokens.decoder(issuer, settings.env().get(OidcTokens.AUDIENCE_VARIABLE)));
      jwt.setJwtAuthenticationConverter(
          token -> {
            String name = token.getClaimAsString("preferred_username");
            if (name == null) {
              name = token.getClaimAsString("email");
            }
            SocraUser user = users.fromOidc(issuer, token.getSubject(), name);
            return UsernamePasswordAuthenticationToken.authenticated(
                user, null, AuthorityUtils.createAuthorityList(authorities(user)));
          });
    }
    JwtAuthenticationProvider oidc = jwt;
    AuthenticationManager manager =
        authentication -> {
          String token = ((BearerTokenAuthenticationToken) authentication).getToken();
          if (token.startsWith(ApiTokens.PREFIX)) {
            SocraUser user =
                tokens
                    .resolve(token)
                    .orElseThrow(() -> new BadCredentialsException("unknown or revoked API token"));
            return UsernamePasswordAuthenticationToken.authenticated(
                user, null, AuthorityUtils.createAuthorityList(authorities(user)));
          }
          if (oidc == null) {
            throw new BadCredentialsException(
                "not a Socra API token (they start with '" + ApiTokens.PREFIX + "')");
          }
          return oidc.authenticate(authentication);
        };
    return request -> manager;
  }

  private static final DefaultBearerTokenResolver BEARER = new DefaultBearerTokenResolver();

  /**
   * The token a request carries: {@code Authorization: Bearer}, or under {@code /v1} the {@code
   * x-api-key} header that Anthropic's SDKs (and Claude Code) send their key in.
   */
  private static String token(HttpServletRequest request) {
    String bearer = BEARER.resolve(request);
    return bearer != null ? bearer : apiKey(request);
  }

  /** The {@code x-api-key} of a gateway request, or null. */
  static String apiKey(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!path.startsWith("/v1/")) {
      return null;
    }
    String key = request.getHeader(AuthenticationFailures.API_KEY);
    return key == null || key.isBlank() ? null : key.strip();
  }

  private static boolean apiWithoutCookie(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!path.startsWith("/api/") && !path.startsWith("/v1/")) {
      return false;
    }
    jakarta.servlet.http.Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return true;
    }
    for (jakarta.servlet.http.Cookie c : cookies) {
      if ("JSESSIONID".equalsIgnoreCase(c.getName())) {
        return false;
      }
    }
    return true;
  }

  static String[] authorities(SocraUser user) {
    return user.admin() ? new String[] {"ROLE_USER", "ROLE_ADMIN"} : new String[] {"ROLE_USER"};
  }

  static final List<String> API_PREFIXES = List.of("/api/", "/v1/", "/actuator/");
}
