package dev.tenantpulse.standalone.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tenantpulse.access.Passwords;
import dev.tenantpulse.access.StoredUser;
import dev.tenantpulse.access.User;
import dev.tenantpulse.access.Users;
import dev.tenantpulse.access.web.AccessGuard;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users of every service (admins only):
 *
 * <pre>
 * GET    /api/users                                       names, roles, creation times; never hashes
 * POST   /api/users {"name", "role", "password"?}         201; without a password one is generated
 *                                                         and shown in this answer only
 * PUT    /api/users/{name}/password {"password"}          204
 * DELETE /api/users/{name}                                204
 * </pre>
 *
 * Refusals (a bad name, a short password, a taken name, no such user) are mapped in {@link
 * ConsoleProblems}. The admin token is not a user here: it stays as it is configured.
 */
@RestController
class UsersController {

  private static final Logger log = LoggerFactory.getLogger(UsersController.class);

  private final Users users;

  UsersController(Users users) {
    this.users = users;
  }

  record NewUser(String name, String role, String password) {}

  record NewPassword(String password) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Created(String name, String role, String password) {}

  record UserView(String name, String role, @JsonProperty("created_at") Instant createdAt) {
    static UserView of(StoredUser user) {
      return new UserView(user.name(), user.role().id(), user.createdAt());
    }
  }

  record UserList(List<UserView> users) {}

  @GetMapping("/api/users")
  UserList list() {
    return new UserList(users.list().stream().map(UserView::of).toList());
  }

  @PostMapping("/api/users")
  ResponseEntity<Created> create(@RequestBody NewUser body, HttpServletRequest request) {
    if (body == null) {
      throw ConsoleException.badRequest(
          "invalid_user", "send {\"name\": \"…\", \"role\": \"analyst\", \"password\": \"…\"}");
    }
    boolean generated = body.password() == null;
    String password = generated ? Passwords.generate() : body.password();
    User user = users.create(body.name(), body.role(), password);
    log.info("{} created user {} ({})", actor(request), user.name(), user.role().id());
    return ResponseEntity.created(URI.create("/api/users/" + user.name()))
        .body(new Created(user.name(), user.role().id(), generated ? password : null));
  }

  @PutMapping("/api/users/{name}/password")
  ResponseEntity<Void> changePassword(
      @PathVariable String name, @RequestBody NewPassword body, HttpServletRequest request) {
    users.changePassword(name, body == null ? null : body.password());
    log.info("{} set a new password for user {}", actor(request), name);
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping("/api/users/{name}")
  ResponseEntity<Void> remove(@PathVariable String name, HttpServletRequest request) {
    users.remove(name);
    log.info("{} removed user {}", actor(request), name);
    return ResponseEntity.noContent().build();
  }

  private static String actor(HttpServletRequest request) {
    return AccessGuard.user(request).map(u -> "user " + u.name()).orElse("someone");
  }
}
