package dev.socra.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresTest {
  @TempDir Path dir;

  @Test
  void aRealServerGivesEachCallerItsOwnEmptyDatabase() throws Exception {
    Postgres pg = Postgres.get();
    assertThat(Postgres.get()).isSameAs(pg);

    String first = pg.createDatabase();
    String second = pg.createDatabase();
    assertThat(first).isNotEqualTo(second);

    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(first), pg.user(), pg.password());
        Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT version()")) {
        assertThat(r.next()).isTrue();
        assertThat(r.getString(1)).contains("PostgreSQL");
      }
      s.execute("CREATE TABLE idea (id serial PRIMARY KEY, text text NOT NULL)");
      s.execute("INSERT INTO idea (text) VALUES ('welding robots by the hour ✓')");
      try (ResultSet r = s.executeQuery("SELECT id, text FROM idea")) {
        assertThat(r.next()).isTrue();
        assertThat(r.getInt(1)).isEqualTo(1);
        assertThat(r.getString(2)).isEqualTo("welding robots by the hour ✓");
        assertThat(r.next()).isFalse();
      }
    }

    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(second), pg.user(), pg.password());
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'idea'")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getInt(1)).as("the second database is empty").isZero();
    }
  }

  @Test
  void findsTheNewestDebianVersionAndFallsBackToPath() throws Exception {
    Path debian = dir.resolve("lib/postgresql");
    assertThat(Postgres.locateBinDir(debian, "")).isEmpty();

    Path onPath = fakeBinaries(dir.resolve("path/bin"));
    assertThat(Postgres.locateBinDir(debian, "/nonexistent:" + onPath)).contains(onPath);

    fakeBinaries(debian.resolve("9.6/bin"));
    Path newest = fakeBinaries(debian.resolve("15/bin"));
    fakeBinaries(debian.resolve("13/bin"));
    Files.createDirectories(debian.resolve("16/bin")); // client only: no server binaries
    Files.createFile(debian.resolve("16/bin/psql"));
    assertThat(Postgres.locateBinDir(debian, onPath.toString())).contains(newest);

    assertThat(Postgres.NOT_FOUND).contains("apt-get install postgresql").contains(".ci/run");
  }

  private static Path fakeBinaries(Path bin) throws Exception {
    Files.createDirectories(bin);
    for (String name : new String[] {"initdb", "pg_ctl", "postgres"}) {
      Path file = Files.createFile(bin.resolve(name));
      assertThat(file.toFile().setExecutable(true)).isTrue();
    }
    return bin;
  }
}
