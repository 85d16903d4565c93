package dev.socra.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory is its owner's alone, made so or narrowed so before the database opens. */
@Tag("security")
class DataDirectoryTest {
  @TempDir Path dir;

  @Test
  void aMissingDirectoryIsMadeForItsOwnerAlone() throws Exception {
    Path data = dir.resolve("a/b/data");
    DataDirectory.prepare(data);
    assertThat(mode(data)).isEqualTo("rwx------");
  }

  @Test
  void aSocraDirectoryFromBeforeIsNarrowedWithItsFiles() throws Exception {
    Path data = Files.createDirectory(dir.resolve("data"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path db = Files.writeString(data.resolve("socra.mv.db"), "H2");
    Path trace = Files.writeString(data.resolve("socra.trace.db"), "trace");
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(trace, PosixFilePermissions.fromString("rw-rw-rw-"));

    DataDirectory.prepare(data);

    assertThat(mode(data)).isEqualTo("rwx------");
    assertThat(mode(db)).isEqualTo("rw-------");
    assertThat(mode(trace)).isEqualTo("rw-------");
    assertThat(Files.readString(db)).isEqualTo("H2");
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
