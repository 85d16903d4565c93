package dev.socra.server.account;

import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * Which JWTs count: signed by a key the issuer publishes (found through its discovery document,
 * fetched on first use, so a server starts even while the issuer is down), with {@code iss} equal
 * to {@code SOCRA_OIDC_ISSUER}, within {@code exp}/{@code nbf} (60 s of clock skew), and, when
 * {@code SOCRA_OIDC_AUDIENCE} is set, naming it in {@code aud}: without it, a token the same issuer
 * made for any other application would be accepted.
 */
final class OidcTokens {
  static final String AUDIENCE_VARIABLE = "SOCRA_OIDC_AUDIENCE";

  private OidcTokens() {}

  static JwtDecoder decoder(String issuer, String audience) {
    return new SupplierJwtDecoder(
        () -> {
          NimbusJwtDecoder decoder = (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(issuer);
          decoder.setJwtValidator(validator(issuer, audience));
          return decoder;
        });
  }

  static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
    OAuth2TokenValidator<Jwt> standard = JwtValidators.createDefaultWithIssuer(issuer);
    if (audience == null || audience.isBlank()) {
      return standard;
    }
    String expected = audience.strip();
    return new DelegatingOAuth2TokenValidator<>(
        standard,
        new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(expected)));
  }
}
