package dev.socra.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.socra.server.testing.Http;
import dev.socra.server.testing.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bearer JWTs from the configured OpenID Connect issuer: a real issuer on loopback (its discovery
 * document and its keys over HTTP), tokens signed with its RSA key, and the server finding both the
 * way it would find a real provider's.
 */
class OidcTest {
  static HttpServer issuerServer;
  static String issuer;
  static RSAKey key;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("test-key-1").generate();
    issuerServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    issuer = "http://127.0.0.1:" + issuerServer.getAddress().getPort();
    String discovery =
        Http.JSON.writeValueAsString(
            Map.of(
                "issuer",
                issuer,
                "jwks_uri",
                issuer + "/jwks",
                "authorization_endpoint",
                issuer + "/authorize",
                "token_endpoint",
                issuer + "/token",
                "response_types_supported",
                new String[] {"code"},
                "subject_types_supported",
                new String[] {"public"},
                "id_token_signing_alg_values_supported",
                new String[] {"RS256"}));
    serve("/.well-known/openid-configuration", discovery);
    serve("/jwks", new JWKSet(key.toPublicJWK()).toString());
    issuerServer.start();
    server = TestServer.start(Map.of("SOCRA_OIDC_ISSUER", issuer, "SOCRA_OIDC_AUDIENCE", "socra"));
  }

  @AfterAll
  static void stop() {
    server.close();
    issuerServer.stop(0);
  }

  @Test
  void aValidTokenSignsInAndItsSubjectBecomesOneUser() throws Exception {
    Http.Response first =
        me(jwt(c -> c.subject("sub-olivia").claim("preferred_username", "olivia")));
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().get("name").asText()).isEqualTo("olivia");
    String id = first.json().get("id").asText();
    assertThat(
            server
                .bean(JdbcClient.class)
                .sql("SELECT id FROM users WHERE oidc_issuer = ? AND oidc_subject = ?")
                .params(issuer, "sub-olivia")
                .query(String.class)
                .single())
        .isEqualTo(id);

    // the same subject, another token, even another display name: the same user
    Http.Response again =
        me(jwt(c -> c.subject("sub-olivia").claim("preferred_username", "olivia.renamed")));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("id").asText()).isEqualTo(id);
  }

  @Test
  void aSubjectWhoseNameIsTakenLocallyGetsItsOwnUserNeverTheLocalOne() throws Exception {
    SocraUser local = server.bean(Users.class).create("priya", "correct horse battery");
    Http.Response r = me(jwt(c -> c.subject("sub-priya").claim("preferred_username", "priya")));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("id").asText()).isNotEqualTo(local.id());
    assertThat(r.json().get("name").asText()).isEqualTo("priya-1");
  }

  @Test
  void apiTokensStillWorkBesideIt() {
    String token = server.userWithToken("tokens-too");
    assertThat(Http.as(server.baseUrl(), token).get("/api/me").status()).isEqualTo(200);
  }

  @Test
  void aTokenFromAnotherIssuerIsRefused() throws Exception {
    refused(jwt(c -> c.subject("sub-eve").issuer("http://127.0.0.1:9/not-the-issuer")), "sub-eve");
  }

  @Test
  void aTokenForAnotherApplicationIsRefused() throws Exception {
    refused(jwt(c -> c.subject("sub-other-app").audience("another-app")), "sub-other-app");
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
    refused(
        jwt(
            c ->
                c.subject("sub-late")
                    .issueTime(Date.from(hourAgo.minus(Duration.ofMinutes(10))))
                    .expirationTime(Date.from(hourAgo))),
        "sub-late");
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
    RSAKey forged = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
    refused(sign(claims(c -> c.subject("sub-forged")), forged), "sub-forged");
  }

  @Test
  void somethingThatIsNotAJwtIsRefused() {
    refused("not.a.jwt", null);
  }

  // ---------------------------------------------------------------------------------------------

  /** 401 in the API's shape, without the token, and no user made for {@code subject}. */
  private static void refused(String token, String subject) {
    Http.Response r = me(token);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.body()).doesNotContain(token).doesNotContain(token.substring(0, 9));
    assertThat(
            server
                .bean(JdbcClient.class)
                .sql("SELECT COUNT(*) FROM users WHERE oidc_subject = ?")
                .param(String.valueOf(subject))
                .query(Long.class)
                .single())
        .isZero();
  }

  private static Http.Response me(String token) {
    return Http.as(server.baseUrl(), token).get("/api/me");
  }

  /** A token from the test issuer, valid for five minutes unless {@code edit} says otherwise. */
  private static String jwt(Consumer<JWTClaimsSet.Builder> edit) throws Exception {
    return sign(claims(edit), key);
  }

  private static JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> edit) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder c =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience("socra")
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    edit.accept(c);
    return c.build();
  }

  private static String sign(JWTClaimsSet claims, RSAKey with) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(with.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    jwt.sign(new RSASSASigner(with));
    return jwt.serialize();
  }

  private static void serve(String path, String json) {
    issuerServer.createContext(
        path,
        exchange -> {
          byte[] body = json.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }
}
