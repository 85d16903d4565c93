package dev.socra.server.billing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Provider webhooks come from the provider, not from a signed-in browser: no cookie, no CSRF token,
 * no session. They are authenticated by their signature alone, checked by {@link Webhooks} on the
 * raw body. A chain of their own, matched before the server's main one.
 */
@Configuration(proxyBeanMethods = false)
class WebhookSecurity {

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 50)
  SecurityFilterChain webhookChain(HttpSecurity http) throws Exception {
    http.securityMatcher("/webhooks/**")
        .authorizeHttpRequests(a -> a.anyRequest().permitAll())
        .csrf(c -> c.disable())
        .requestCache(r -> r.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    return http.build();
  }
}
