package dev.socra.server.web;

import dev.socra.server.ServerSettings;
import dev.socra.server.account.AccountException;
import dev.socra.server.account.SocraUser;
import dev.socra.server.account.Users;
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
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign-up and sign-in pages. Spring Security checks the password (POST /signin); a new account is
 * signed in at once, so the founder goes straight to their first idea.
 */
@Controller
class AccountPages {
  private final Users users;
  private final ServerSettings settings;
  private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

  AccountPages(Users users, ServerSettings settings) {
    this.users = users;
    this.settings = settings;
  }

  @GetMapping("/signin")
  String signIn(Model model) {
    model.addAttribute("signupOpen", settings.signupOpen());
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
    SocraUser user;
    try {
      user = users.create(name, password);
    } catch (AccountException e) {
      model.addAttribute("problem", PageAdvice.capitalised(e.getMessage()) + ".");
      model.addAttribute("name", name);
      return signUpForm(model);
    }
    signIn(user, request, response);
    return "redirect:/sessions/new";
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
