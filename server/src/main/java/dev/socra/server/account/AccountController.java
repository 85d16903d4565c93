package dev.socra.server.account;

import dev.socra.server.ServerSettings;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Accounts over the API: sign up, who am I, personal API tokens. */
@RestController
@RequestMapping("/api")
class AccountController {
  private final Users users;
  private final ApiTokens tokens;
  private final ServerSettings settings;
  private final SignUpLimit signUps;

  AccountController(Users users, ApiTokens tokens, ServerSettings settings, SignUpLimit signUps) {
    this.users = users;
    this.tokens = tokens;
    this.settings = settings;
    this.signUps = signUps;
  }

  record SignUp(String name, String password) {}

  record Me(String id, String name, boolean admin) {}

  record TokenRequest(String label) {}

  record NewToken(String token, String label) {}

  /**
   * Open unless {@code SOCRA_SIGNUP=closed}; then an admin adds users with {@code socra user add}.
   * Each client address may try {@code SOCRA_SIGNUPS_PER_HOUR} times an hour.
   */
  @PostMapping("/signup")
  ResponseEntity<?> signUp(@RequestBody SignUp body, HttpServletRequest request) {
    if (!settings.signupOpen()) {
      throw new SignupClosedException();
    }
    Optional<Duration> wait = signUps.take(request.getRemoteAddr());
    if (wait.isPresent()) {
      long seconds = Waits.seconds(wait.get());
      return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
          .header("Retry-After", Long.toString(seconds))
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(
              ProblemDetail.forStatusAndDetail(
                  HttpStatus.TOO_MANY_REQUESTS,
                  "too many sign-ups from your address: each address may sign up "
                      + signUps.perHour()
                      + " times an hour (SOCRA_SIGNUPS_PER_HOUR); try again in "
                      + Waits.words(seconds)));
    }
    SocraUser u = users.create(body.name(), body.password());
    return ResponseEntity.status(HttpStatus.CREATED).body(new Me(u.id(), u.name(), u.admin()));
  }

  @GetMapping("/me")
  Me me(@AuthenticationPrincipal SocraUser user) {
    return new Me(user.id(), user.name(), user.admin());
  }

  @PostMapping("/tokens")
  ResponseEntity<NewToken> createToken(
      @AuthenticationPrincipal SocraUser user, @RequestBody(required = false) TokenRequest body) {
    String label = body == null ? null : body.label();
    String token = tokens.create(user.id(), label);
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(new NewToken(token, label == null || label.isBlank() ? "token" : label.strip()));
  }

  @GetMapping("/tokens")
  List<ApiTokens.TokenInfo> listTokens(@AuthenticationPrincipal SocraUser user) {
    return tokens.list(user.id());
  }

  @DeleteMapping("/tokens/{id}")
  ResponseEntity<Void> revoke(@AuthenticationPrincipal SocraUser user, @PathVariable String id) {
    return tokens.revoke(user.id(), id)
        ? ResponseEntity.noContent().build()
        : ResponseEntity.notFound().build();
  }

  static final class SignupClosedException extends RuntimeException {
    SignupClosedException() {
      super("sign-up is closed on this server (SOCRA_SIGNUP=closed); ask its admin for an account");
    }
  }

  @ExceptionHandler(AccountException.class)
  ProblemDetail invalid(AccountException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  /** Every password-hashing slot is busy: come back shortly. */
  @ExceptionHandler(HashingBusyException.class)
  ResponseEntity<ProblemDetail> busy(HashingBusyException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", Long.toString(e.retryAfterSeconds()))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
  }

  @ExceptionHandler(SignupClosedException.class)
  ProblemDetail closed(SignupClosedException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
  }
}
