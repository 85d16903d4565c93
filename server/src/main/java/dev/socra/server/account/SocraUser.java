package dev.socra.server.account;

import java.io.Serializable;

/**
 * Who is asking: the principal of every authenticated request, whatever proved it (password and
 * session cookie, API token, or an OpenID Connect JWT). Controllers take it with
 * {@code @AuthenticationPrincipal SocraUser user}.
 */
public record SocraUser(String id, String name, boolean admin) implements Serializable {}
