package dev.socra.server.billing;

import dev.socra.llm.Router;
import dev.socra.server.ServerSettings;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The billing beans, from the same environment as the rest of the server. A test or an embedding
 * program may register its own {@link Clock} (see {@code SocraServer.start(env, beans...)}).
 */
@Configuration(proxyBeanMethods = false)
class BillingConfiguration {

  @Bean
  PaymentSettings paymentSettings(ServerSettings server) {
    return PaymentSettings.from(server.env());
  }

  @Bean
  BillingClock billingClock(ObjectProvider<Clock> clock) {
    return new BillingClock(clock.getIfAvailable(Clock::systemUTC));
  }

  @Bean
  CreditLedger creditLedger(DataSource dataSource, BillingClock clock) {
    return new CreditLedger(dataSource, clock.clock());
  }

  @Bean
  PaymentStore paymentStore(JdbcClient db, BillingClock clock) {
    return new PaymentStore(db, clock.clock());
  }

  @Bean
  Billing billing(
      PaymentSettings settings,
      PaymentStore payments,
      CreditLedger ledger,
      JdbcClient db,
      BillingClock clock) {
    PaymentProvider provider =
        settings
            .provider()
            .<PaymentProvider>map(
                p ->
                    switch (p) {
                      case RAZORPAY -> new RazorpayProvider(settings.razorpay());
                      case STRIPE -> new StripeProvider(settings.stripe(), clock.clock());
                    })
            .orElse(null);
    return new Billing(settings, provider, payments, ledger, db, clock.clock());
  }

  @Bean
  PipelineCharges pipelineCharges(PaymentSettings settings, CreditLedger ledger, Router router) {
    return new PipelineCharges(settings, ledger, router);
  }

  /** The clock billing reads: the embedding program's, else the system's. */
  record BillingClock(Clock clock) {}
}
