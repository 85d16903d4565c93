package dev.socra.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.server.account.SocraUser;
import dev.socra.server.account.Users;
import dev.socra.server.sessions.SessionService;
import dev.socra.server.testing.TestServer;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The credit ledger's guarantees on the server's own database (H2 here, PostgreSQL in {@link
 * CreditLedgerPostgresTest}): one row per cause however many callers race, a balance that is the
 * sum of the rows, spends that never take more than the balance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreditLedgerTest {
  static final Money PRICE = new Money(49900, Currency.getInstance("INR"));

  TestServer server;
  CreditLedger ledger;
  PaymentStore payments;

  TestServer startServer() {
    return TestServer.start(Map.of());
  }

  @BeforeAll
  void start() {
    server = startServer();
    ledger = server.bean(CreditLedger.class);
    payments = server.bean(PaymentStore.class);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  SocraUser user(String name) {
    return server.bean(Users.class).create(name, "correct horse battery staple");
  }

  String session(SocraUser u) {
    return server.bean(SessionService.class).create(u, Paying.IDEA, null).id();
  }

  @Test
  void aGrantIsWrittenOncePerCause() {
    SocraUser u = user("ann");
    assertThat(ledger.grant(u.id(), 2, "grant:admin:promo-1", "launch promo")).isTrue();
    assertThat(ledger.grant(u.id(), 2, "grant:admin:promo-1", "launch promo")).isFalse();
    assertThat(ledger.grant(u.id(), 1, "grant:admin:promo-2", "apology")).isTrue();
    assertThat(ledger.balance(u.id())).isEqualTo(3);
    assertThat(ledger.entries(u.id(), 10))
        .extracting(CreditEntry::note)
        .containsExactly("apology", "launch promo");
  }

  @Test
  void concurrentSpendsNeverTakeMoreThanTheBalance() throws Exception {
    SocraUser u = user("ben");
    ledger.grant(u.id(), 3, "grant:admin:ben", "three");
    List<String> sessions = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      sessions.add(session(u));
    }
    List<CreditLedger.Spend> results =
        race(sessions.size(), i -> ledger.spend(u.id(), sessions.get(i), PRICE));
    assertThat(results).filteredOn(r -> r instanceof CreditLedger.Spend.Paid).hasSize(3);
    assertThat(results).filteredOn(r -> r instanceof CreditLedger.Spend.Short).hasSize(5);
    assertThat(ledger.balance(u.id())).isZero();
  }

  @Test
  void oneSessionRunIsSpentOnceHoweverManyStartIt() throws Exception {
    SocraUser u = user("cat");
    ledger.grant(u.id(), 5, "grant:admin:cat", "five");
    String s = session(u);
    List<CreditLedger.Spend> results = race(10, i -> ledger.spend(u.id(), s, PRICE));
    assertThat(results).allMatch(r -> r instanceof CreditLedger.Spend.Paid p && p.run() == 1);
    assertThat(results).filteredOn(r -> ((CreditLedger.Spend.Paid) r).now()).hasSize(1);
    assertThat(ledger.balance(u.id())).isEqualTo(4);
    assertThat(ledger.paid(s)).isTrue();
  }

  @Test
  void aFailedRunIsGivenBackOnceAndTheNextRunIsANewSpend() throws Exception {
    SocraUser u = user("dan");
    ledger.grant(u.id(), 1, "grant:admin:dan", "one");
    String s = session(u);
    ledger.spend(u.id(), s, PRICE);
    List<Boolean> back = race(6, i -> ledger.giveBack(s, "every provider down"));
    assertThat(back).containsOnlyOnce(true);
    assertThat(ledger.balance(u.id())).isEqualTo(1);
    assertThat(ledger.paid(s)).isFalse();
    assertThat(ledger.spend(u.id(), s, PRICE)).isEqualTo(new CreditLedger.Spend.Paid(2, true));
    assertThat(ledger.balance(u.id())).isZero();
    assertThat(ledger.giveBack("no-such-session", "x")).isFalse();
  }

  @Test
  void aPurchaseIsCreditedOnceHoweverManyWaysItArrives() throws Exception {
    SocraUser u = user("eva");
    Payment p =
        payments.insert(u.id(), ProviderName.STRIPE, "cs_test_eva", 3, PRICE.times(3), null);
    List<Boolean> credited = race(12, i -> ledger.purchase(p, "pi_eva"));
    assertThat(credited).containsOnlyOnce(true);
    assertThat(ledger.balance(u.id())).isEqualTo(3);
    assertThat(payments.byCheckout(ProviderName.STRIPE, "cs_test_eva").orElseThrow().status())
        .isEqualTo(Payment.PAID);
  }

  @Test
  void aReversalTakesTheCreditsBackOnceAndMayLeaveADebt() throws Exception {
    SocraUser u = user("fox");
    Payment p = payments.insert(u.id(), ProviderName.RAZORPAY, "order_fox", 1, PRICE, null);
    ledger.purchase(p, "pay_fox");
    ledger.spend(u.id(), session(u), PRICE);
    List<Boolean> reversed = race(5, i -> ledger.reverse(p, "refunded"));
    assertThat(reversed).containsOnlyOnce(true);
    assertThat(ledger.balance(u.id())).isEqualTo(-1);
    assertThat(ledger.spend(u.id(), session(u), PRICE)).isEqualTo(new CreditLedger.Spend.Short(-1));
  }

  @Test
  void aRefundBeforeThePaymentWasSeenMeansThePaymentIsNeverCredited() {
    SocraUser u = user("gia");
    Payment p = payments.insert(u.id(), ProviderName.RAZORPAY, "order_gia", 1, PRICE, null);
    assertThat(ledger.reverse(p, "refunded")).isFalse();
    assertThat(ledger.purchase(p, "pay_gia")).isFalse();
    assertThat(ledger.balance(u.id())).isZero();
  }

  @Test
  void theBalanceIsTheSumOfTheRows() {
    SocraUser u = user("hal");
    ledger.grant(u.id(), 4, "grant:admin:hal", "four");
    String s = session(u);
    ledger.spend(u.id(), s, PRICE);
    ledger.giveBack(s, "bug");
    ledger.spend(u.id(), s, PRICE);
    long sum = ledger.entries(u.id(), 100).stream().mapToLong(CreditEntry::credits).sum();
    assertThat(ledger.balance(u.id())).isEqualTo(sum).isEqualTo(3);
  }

  interface Call<T> {
    T run(int i) throws Exception;
  }

  /** Runs {@code n} calls at once (a latch-free start: all are submitted before any result). */
  static <T> List<T> race(int n, Call<T> call) throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, 8))) {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        futures.add(pool.submit((Callable<T>) () -> call.run(k)));
      }
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    }
  }
}
