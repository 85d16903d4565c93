package dev.socra.server;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The embedded database's directory ({@code SOCRA_DATA_DIR}): only its owner may enter it or read
 * what is in it. It holds every password hash and the hash of every API token, so another user of
 * the machine must not read it, let alone open the database.
 *
 * <p>Made with mode 0700 when missing (its parents as {@code mkdir -p} would); Socra's files in it
 * are kept at 0600. A directory that exists with wider permissions is narrowed when it is empty or
 * holds only Socra's files; one that also holds other files is refused (it is not Socra's to
 * narrow). Whatever is wrong (not a directory, cannot be made, not writable) is one sentence naming
 * the setting, said before the database is opened.
 */
public final class DataDirectory {
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

  /**
   * The Unix socket a running server answers {@code socra user add} and {@code socra token create}
   * on.
   */
  public static final String ADMIN_SOCKET = "admin.sock";

  private DataDirectory() {}

  /**
   * Makes the directory ready, or throws {@link IllegalArgumentException} saying what is wrong.
   *
   * @return the directory
   */
  public static Path prepare(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw problem(dir, "is not a directory");
    }
    if (!Files.exists(dir)) {
      create(dir);
    }
    probeWrite(dir);
    narrow(dir);
    return dir;
  }

  /** Socra's files in the directory, each made readable by its owner only. */
  public static void narrowFiles(Path dir) {
    if (!posix(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(DataDirectory::socras).toList()) {
        if (!Files.isDirectory(f) && !OWNER_FILE.equals(Files.getPosixFilePermissions(f))) {
          Files.setPosixFilePermissions(f, OWNER_FILE);
        }
      }
    } catch (IOException e) {
      throw problem(dir, "cannot be made private: " + reason(e));
    }
  }

  private static void create(Path dir) {
    Path parent = dir.toAbsolutePath().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (FileAlreadyExistsException e) {
      throw problem(dir, "cannot be created: " + e.getFile() + " is a file");
    } catch (IOException e) {
      throw problem(dir, "cannot be created: " + reason(e));
    }
    try {
      if (posix(parent == null ? dir.getRoot() : parent)) {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        // the process's umask may have taken bits away, never added: set exactly
        Files.setPosixFilePermissions(dir, OWNER_ONLY);
      } else {
        Files.createDirectory(dir);
      }
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw problem(dir, "is not a directory");
      }
    } catch (IOException e) {
      throw problem(dir, "cannot be created: " + reason(e));
    }
  }

  /** Writing is what the database will do: try it, rather than trust permission bits. */
  private static void probeWrite(Path dir) {
    Path probe = dir.resolve(".socra-write-check");
    try {
      Files.deleteIfExists(probe);
      Files.createFile(probe);
      Files.delete(probe);
    } catch (IOException e) {
      throw problem(dir, "is not writable by this user: " + reason(e));
    }
  }

  private static void narrow(Path dir) {
    if (!posix(dir)) {
      return;
    }
    try {
      Set<PosixFilePermission> now = Files.getPosixFilePermissions(dir);
      boolean shared = !OWNER_ONLY.containsAll(now);
      if (shared) {
        List<Path> foreign;
        try (Stream<Path> files = Files.list(dir)) {
          foreign = files.filter(f -> !socras(f)).toList();
        }
        if (!foreign.isEmpty()) {
          throw problem(
              dir,
              "can be read by other users ("
                  + PosixFilePermissions.toString(now)
                  + ") and holds files that are not Socra's ("
                  + foreign.getFirst().getFileName()
                  + "); give Socra a directory of its own, or chmod 700 it");
        }
      }
      if (!OWNER_ONLY.equals(now)) {
        Files.setPosixFilePermissions(dir, OWNER_ONLY);
      }
    } catch (IOException e) {
      throw problem(dir, "cannot be made private: " + reason(e));
    }
    narrowFiles(dir);
  }

  /** The files Socra keeps there: the database's, and the admin socket. */
  private static boolean socras(Path f) {
    String name = f.getFileName().toString();
    return name.startsWith("socra.") || name.equals(ADMIN_SOCKET);
  }

  private static boolean posix(Path p) {
    return p != null
        && Files.getFileAttributeView(p, PosixFileAttributeView.class) != null
        && p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static IllegalArgumentException problem(Path dir, String what) {
    return new IllegalArgumentException("SOCRA_DATA_DIR " + dir + " " + what);
  }

  private static String reason(IOException e) {
    return switch (e) {
      case AccessDeniedException a -> "permission denied (" + a.getFile() + ")";
      case NoSuchFileException n -> "no such file or directory (" + n.getFile() + ")";
      case NotDirectoryException n -> "a part of the path is a file (" + n.getFile() + ")";
      case FileSystemException f ->
          (f.getReason() == null ? "refused" : f.getReason()) + " (" + f.getFile() + ")";
      default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    };
  }
}
