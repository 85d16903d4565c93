package dev.socra.server.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socra.server.testing.TestClock;
import dev.socra.server.testing.TestServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Leases on virtual time, as two servers see them on one database: the real {@code work_leases}
 * table of a test server, and two {@link Leases} with owners of their own on the same clock.
 */
class LeasesTest {
  static final Duration LEASE = Duration.ofSeconds(30);
  static final TestClock clock = new TestClock();
  static TestServer server;
  static Leases first;
  static Leases second;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of());
    JdbcClient db = server.bean(JdbcClient.class);
    TransactionTemplate tx = server.bean(TransactionTemplate.class);
    first = new Leases(db, tx, new ServerId("first"), LEASE, clock);
    second = new Leases(db, tx, new ServerId("second"), LEASE, clock);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aHeldLeaseIsNotTakenUntilItExpiresAndATakeoverRaisesTheFence() {
    WorkLease mine = first.tryTake("s1/pipeline", "s1").orElseThrow();
    assertThat(mine.fence()).isEqualTo(1);
    assertThat(second.tryTake("s1/pipeline", "s1")).as("held and renewed").isEmpty();

    clock.advance(LEASE.minusSeconds(1));
    assertThat(first.renewAll()).as("the heartbeat keeps it").isEmpty();
    clock.advance(LEASE.minusSeconds(1));
    assertThat(second.tryTake("s1/pipeline", "s1")).as("renewed 29 s ago").isEmpty();
    assertThat(second.expiredKeys()).doesNotContain("s1/pipeline");

    clock.advance(Duration.ofSeconds(2)); // 31 s since the last renewal: expired
    assertThat(second.expiredKeys()).contains("s1/pipeline");
    WorkLease taken = second.tryTake("s1/pipeline", "s1").orElseThrow();
    assertThat(taken.fence()).isEqualTo(2);
    assertThat(taken.owner()).isEqualTo("second");

    assertThat(first.renewAll())
        .as("the first learns at its next heartbeat")
        .extracting(WorkLease::key, WorkLease::fence)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("s1/pipeline", 1L));
    assertThat(first.holds("s1/pipeline")).isFalse();
    second.release(taken);
  }

  @Test
  void aServerThatLostItsLeaseCannotWriteForTheWorkAnyMore() {
    WorkLease old = first.tryTake("s2/turn/3", "s2").orElseThrow();
    AtomicInteger writes = new AtomicInteger();
    CurrentWork.run(old, () -> first.fenced("s2", writes::incrementAndGet));
    assertThat(writes).hasValue(1);

    clock.advance(LEASE.plusSeconds(1));
    WorkLease now = second.tryTake("s2/turn/3", "s2").orElseThrow();
    CurrentWork.run(
        old,
        () ->
            assertThatThrownBy(() -> first.fenced("s2", writes::incrementAndGet))
                .isInstanceOf(LeaseLostException.class)
                .hasMessageContaining("s2/turn/3 (fence 1) is no longer held by this server"));
    CurrentWork.run(now, () -> second.fenced("s2", writes::incrementAndGet));
    assertThat(writes).as("only the new owner's write").hasValue(2);

    // A write outside leased work (a founder's own request) is not fenced.
    assertThat(first.fenced("s2", writes::incrementAndGet)).isEqualTo(3);
    second.release(now);
  }

  @Test
  void aReleasedLeaseIsFreeAtOnceAndItsOldOwnerStillCannotWrite() {
    WorkLease done = first.tryTake("s3/pipeline", "s3").orElseThrow();
    first.release(done);
    WorkLease next = second.tryTake("s3/pipeline", "s3").orElseThrow();
    assertThat(next.owner()).isEqualTo("second");
    CurrentWork.run(
        done,
        () ->
            assertThatThrownBy(() -> first.fenced("s3", () -> 1))
                .isInstanceOf(LeaseLostException.class));
    second.release(next);
  }
}
