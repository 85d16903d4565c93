package dev.socra.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution the build makes ({@code app/target/socra-<version>.tar.gz}), as an operator uses
 * it: unpacked with {@code tar}, its launcher runs {@code socra routes}, and it carries the systemd
 * unit and the example environment its documentation names.
 */
class DistributionIT {
  @TempDir Path dir;

  @Test
  void theUnpackedDistributionRunsSocraRoutesAndCarriesItsSystemdUnit() throws Exception {
    Path tarball = tarball();
    Result unpacked =
        run(List.of("tar", "-xzf", tarball.toString(), "-C", dir.toString()), Map.of());
    assertThat(unpacked.exit()).as(unpacked.output()).isZero();
    String version = tarball.getFileName().toString().replaceAll("^socra-|\\.tar\\.gz$", "");
    Path home = dir.resolve("socra-" + version);

    assertThat(home.resolve("lib/socra.jar")).isRegularFile();
    assertThat(Files.getPosixFilePermissions(home.resolve("bin/socra")))
        .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
    assertThat(Files.readString(home.resolve("systemd/socra.service")))
        .contains("ExecStart=/opt/socra/bin/socra serve")
        .contains("EnvironmentFile=-/etc/socra/socra.env")
        .contains("User=socra");
    assertThat(Files.readString(home.resolve("socra.env.example"))).contains("SOCRA_REDIS_URL");
    assertThat(home.resolve("deploy.md")).isRegularFile();

    // No provider key: the stub's route, as the router describes it.
    Result routes =
        run(
            List.of(home.resolve("bin/socra").toString(), "routes"),
            Map.of("JAVA_HOME", System.getProperty("java.home")));
    assertThat(routes.exit()).as(routes.output()).isZero();
    assertThat(routes.output()).contains("default").contains("stub/socra-demo");
  }

  private static Path tarball() throws IOException {
    try (var files = Files.list(Path.of("target").toAbsolutePath())) {
      return files
          .filter(p -> p.getFileName().toString().matches("socra-.+\\.tar\\.gz"))
          .findFirst()
          .orElseThrow(
              () ->
                  new AssertionError(
                      "no app/target/socra-<version>.tar.gz: run ./mvnw -pl app -am verify"));
    }
  }

  record Result(int exit, String output) {}

  private Result run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.endsWith("_API_KEY") || k.startsWith("SOCRA_"));
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command + "\n" + out);
    }
    return new Result(p.exitValue(), out);
  }
}
