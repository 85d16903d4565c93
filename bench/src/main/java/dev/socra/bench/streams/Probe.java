package dev.socra.bench.streams;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The process's (server and founders together) memory, threads and CPU, and the machine's CPU. */
final class Probe {
  private Probe() {}

  /** Heap in use after a full collection: what the live streams and sessions hold. */
  static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Resident set size from /proc/self/status (0 where there is no /proc). */
  static long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  /** The heap's largest classes after a full collection (jcmd GC.class_histogram), for stderr. */
  static String classHistogram(int lines) {
    try {
      Object out =
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "gcClassHistogram",
                  new Object[] {new String[0]},
                  new String[] {String[].class.getName()});
      return String.join("\n", out.toString().lines().limit(lines + 2L).toList());
    } catch (javax.management.JMException e) {
      return "no class histogram: " + e.getMessage();
    }
  }

  /** Live platform threads (carriers, Tomcat's poller, HTTP clients' selectors...). */
  static int platformThreads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** The machine's CPU ticks from /proc/stat: {busy, total}; zeros where there is none. */
  static long[] machineTicks() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
      String[] f = lines.get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }
}
