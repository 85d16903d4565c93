package dev.socra.bench.streams;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time by group of threads, from /proc/self/task: the server and the founders share one JVM,
 * but not their threads. The founders read on platform threads of their own and their HTTP clients
 * run on their own selector and worker threads, so the carriers of the virtual threads (every
 * request, relay, stub and database call of the server) and Tomcat's threads are the server's
 * alone. Collection and compilation serve both and are counted apart.
 */
final class ThreadCpu {
  enum Group {
    SERVER("server"),
    FOUNDERS("founders and their HTTP clients"),
    GC("garbage collection"),
    JIT("JIT compilers"),
    OTHER("other");

    final String label;

    Group(String label) {
      this.label = label;
    }
  }

  /** Clock ticks per second of /proc's times (USER_HZ, 100 on Linux). */
  private static final double TICKS = 100.0;

  private ThreadCpu() {}

  static Group group(String name) {
    if (name.startsWith("founder-") || name.startsWith("HttpClient-")) {
      return Group.FOUNDERS;
    }
    if (name.startsWith("ForkJoinPool-") // the virtual threads' carriers
        || name.startsWith("VirtualThread-")
        || name.startsWith("http-nio-")
        || name.startsWith("H2 ")
        || name.startsWith("MVStore")
        || name.startsWith("socra-")
        || name.startsWith("Hikari")
        || name.startsWith("Catalina-")
        || name.startsWith("container-")) {
      return Group.SERVER;
    }
    if (name.startsWith("GC ") || name.startsWith("G1 ")) {
      return Group.GC;
    }
    if (name.startsWith("C1 ") || name.startsWith("C2 ")) {
      return Group.JIT;
    }
    return Group.OTHER;
  }

  /** Seconds of CPU (user and system) used so far by the live threads of each group. */
  static Map<Group, Double> now() {
    Map<Group, Double> seconds = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = Files.readString(task.resolve("comm")).strip();
          // The name in stat may hold spaces and parentheses: the fields start after the last ')'.
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
          double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
          seconds.merge(group(name), cpu, Double::sum);
        } catch (IOException | RuntimeException e) {
          // the thread ended while being read
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return seconds;
  }

  /** Live threads of each group. */
  static Map<Group, Integer> count() {
    Map<Group, Integer> n = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        try {
          n.merge(group(Files.readString(task.resolve("comm")).strip()), 1, Integer::sum);
        } catch (IOException e) {
          // the thread ended while being read
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return n;
  }

  /** What each group used between two readings (threads that ended in between are not counted). */
  static Map<Group, Double> between(Map<Group, Double> before, Map<Group, Double> after) {
    Map<Group, Double> d = new HashMap<>();
    for (Group g : Group.values()) {
      d.put(g, Math.max(0, after.getOrDefault(g, 0.0) - before.getOrDefault(g, 0.0)));
    }
    return d;
  }
}
