package dev.socra.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socra.server.account.AccountException;
import dev.socra.server.testing.ServerProcess;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another user of the machine cannot reach the embedded database: a server in a process of its own
 * listens on its PORT and nothing else (no H2 server), its data directory is its owner's alone, and
 * {@code socra user add} and {@code socra token create} still work while it runs, over the admin
 * socket.
 */
@Tag("security")
class LocalAccessTest {
  @TempDir Path dir;

  @Test
  void aRunningServerListensOnItsPortAloneKeepsItsFilesPrivateAndStillTakesAdminCommands()
      throws Exception {
    Path data = dir.resolve("data"); // the server makes it
    try (ServerProcess server = ServerProcess.start(data, Map.of(), null)) {
      assertThat(listeningPorts(server.pid()))
          .as("ports the server process listens on")
          .containsExactly(server.port());

      assertThat(mode(data)).isEqualTo("rwx------");
      Set<String> files = new TreeSet<>();
      try (Stream<Path> list = Files.list(data)) {
        for (Path f : list.toList()) {
          files.add(f.getFileName() + " " + mode(f));
        }
      }
      assertThat(files)
          .contains("admin.sock rw-------", "socra.mv.db rw-------")
          .allSatisfy(f -> assertThat(f).endsWith(" rw-------"));

      Map<String, String> env = Map.of("SOCRA_DATA_DIR", data.toString());
      try (Admin admin = Admin.open(env)) {
        assertThat(admin.viaRunningServer()).isTrue();
        assertThat(admin.addUser("ada", "analytical engine").admin()).isTrue();
      }
      try (Admin admin = Admin.open(env)) {
        assertThatThrownBy(() -> admin.addUser("ADA", "another password"))
            .isInstanceOf(AccountException.class)
            .hasMessageContaining("is taken");
      }
      String token;
      try (Admin admin = Admin.open(env)) {
        Admin.IssuedToken issued = admin.createToken("ada", "laptop");
        assertThat(issued.userCreated()).isFalse();
        token = issued.token();
      }
      HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
      HttpResponse<String> me =
          http.send(
              HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/me"))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(me.statusCode()).isEqualTo(200);
      assertThat(me.body()).contains("\"name\":\"ada\"");
      assertThat(signIn(http, server.baseUrl(), "ada", "analytical engine"))
          .as("the password set through the socket signs in")
          .isEqualTo("/sessions");
    }
    // stopped by a signal: the socket is left behind, and the commands open the database again
    try (Admin admin = Admin.open(Map.of("SOCRA_DATA_DIR", data.toString()))) {
      assertThat(admin.viaRunningServer()).isFalse();
      assertThat(admin.createToken("grace", "cli").userCreated()).isTrue();
    }
  }

  @Test
  void anotherUserOfTheMachineCanNeitherReadTheDatabaseNorOpenTheSocket() throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name"))
            && Files.isExecutable(Path.of("/usr/sbin/runuser")),
        "needs root and runuser to act as another user");
    Path data = dir.resolve("private");
    try (ServerProcess server = ServerProcess.start(data, Map.of(), null)) {
      for (String check :
          List.of(
              "test -r " + data.resolve("socra.mv.db"),
              "test -w " + data.resolve("admin.sock"),
              "test -x " + data)) {
        Process p =
            new ProcessBuilder("/usr/sbin/runuser", "-u", "nobody", "--", "sh", "-c", check)
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor()).as("as nobody: " + check).isNotZero();
      }
    }
  }

  /** The TCP ports a process listens on: its socket inodes found in the kernel's tables. */
  static Set<Integer> listeningPorts(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException e) {
          // closed meanwhile
        }
      }
    }
    Set<Integer> ports = new TreeSet<>();
    for (String table : List.of("tcp", "tcp6")) {
      Path file = Path.of("/proc", String.valueOf(pid), "net", table);
      if (!Files.exists(file)) {
        continue;
      }
      for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
          ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
        }
      }
    }
    return ports;
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  /** Signs in through the form, as a browser does; returns the path it lands on. */
  private static String signIn(HttpClient http, String base, String name, String password)
      throws Exception {
    String form =
        http.send(
                HttpRequest.newBuilder(URI.create(base + "/signin")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m = CSRF.matcher(form);
    assertThat(m.find()).isTrue();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "name="
                            + URLEncoder.encode(name, StandardCharsets.UTF_8)
                            + "&password="
                            + URLEncoder.encode(password, StandardCharsets.UTF_8)
                            + "&_csrf="
                            + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(302);
    return r.headers().firstValue("Location").orElse("");
  }
}
