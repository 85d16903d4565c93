package dev.socra.server.web;

import dev.socra.server.ServerSettings;
import dev.socra.server.account.AccountException;
import dev.socra.server.account.HashingBusyException;
import dev.socra.server.account.SignInFailures;
import dev.socra.server.account.SignUpLimit;
import dev.socra.server.account.SocraUser;
import dev.socra.server.account.Users;
import dev.socra.server.account.Waits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign-up and sign-in pages. Spring Security checks the password (POST /signin); a new account is
 * signed in at once, so the founder goes straight to their first idea. A sign-in that must wait
 * (too many failures, or a server too busy to check passwords) is shown the sign-in page again with
 * when to try, under the status and {@code Retry-After} that {@link SignInFailures} set.
 */
@Controller
class AccountPages {
  private final Users users;
  private final ServerSettings settings;
  private final SignUpLimit signUps;
  private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

  AccountPages(Users users, ServerSettings settings, SignUpLimit signUps) {
    this.users = users;
    this.settings = settings;
    this.signUps = signUps;
  }

  @GetMapping("/signin")
  String signIn(Model model) {
    model.addAttribute("signupOpen", settings.signupOpen());
    return "signin";
  }

  /** Reached only by a forward from the sign-in form's failure; anyone else goes to the form. */
  @RequestMapping(SignInFailures.WAIT_PAGE)
  String signInWait(Model model, HttpServletRequest request, HttpServletResponse response) {
    if (!(request.getAttribute(SignInFailures.WAIT_SECONDS) instanceof Long seconds)) {
      return "redirect:/signin";
    }
    boolean busy = "busy".equals(request.getAttribute(SignInFailures.WAIT_REASON));
    response.setStatus(busy ? 503 : 429);
    model.addAttribute("signupOpen", settings.signupOpen());
    model.addAttribute(
        "wait",
        (busy
                ? "The server is busy checking passwords. Try again in "
                : "Too many failed sign-ins for this account or from your address. Try again in ")
            + Waits.words(seconds)
            + ".");
    return "signin";
  }

  @GetMapping("/signup")
  String signUpForm(Model model) {
    model.addAttribute("signupOpen", settings.signupOpen());
    model.addAttribute("minPassword", Users.MIN_PASSWORD);
    return "signup";
  }

  @PostMapping("/signup")
  String signUp(
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String password,
      Model model,
      HttpServletRequest request,
      HttpServletResponse response) {
    if (!settings.signupOpen()) {
      return signUpForm(model);
    }
    var wait = signUps.take(request.getRemoteAddr());
    if (wait.isPresent()) {
      long seconds = Waits.seconds(wait.get());
      return refused(
          model,
          response,
          429,
          seconds,
          "Too many sign-ups from your address. Try again in " + Waits.words(seconds) + ".",
          name);
    }
    SocraUser user;
    try {
      user = users.create(name, password);
    } catch (AccountException e) {
      model.addAttribute("problem", PageAdvice.capitalised(e.getMessage()) + ".");
      model.addAttribute("name", name);
      return signUpForm(model);
    } catch (HashingBusyException e) {
      return refused(
          model,
          response,
          503,
          e.retryAfterSeconds(),
          "The server is busy checking passwords. Try again in "
              + Waits.words(e.retryAfterSeconds())
              + ".",
          name);
    }
    signIn(user, request, response);
    return "redirect:/sessions/new";
  }

  private String refused(
      Model model,
      HttpServletResponse response,
      int status,
      long seconds,
      String problem,
      String name) {
    response.setStatus(status);
    response.setHeader("Retry-After", Long.toString(seconds));
    model.addAttribute("problem", problem);
    model.addAttribute("name", name);
    return signUpForm(model);
  }

  /** What a successful form sign-in does: a new session id, the user in the security context. */
  private void signIn(SocraUser user, HttpServletRequest request, HttpServletResponse response) {
    if (request.getSession(false) != null) {
      request.changeSessionId();
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(
            user,
            null,
            AuthorityUtils.createAuthorityList(
                user.admin()
                    ? new String[] {"ROLE_USER", "ROLE_ADMIN"}
                    : new String[] {"ROLE_USER"})));
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
  }
}
