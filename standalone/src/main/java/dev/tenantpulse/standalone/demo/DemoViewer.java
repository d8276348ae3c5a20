package dev.tenantpulse.standalone.demo;

import dev.tenantpulse.access.FileUserStore;
import dev.tenantpulse.access.Passwords;
import dev.tenantpulse.access.Users;
import dev.tenantpulse.standalone.lifecycle.Service;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The demo's reader: a {@code viewer} user named {@value #NAME} with a generated password kept in
 * {@code <data-dir>/demo/viewer-password}, printed with the console's URL so the person who ran
 * {@code --demo} can open the boards at once. The same password on every restart of the demo.
 */
final class DemoViewer implements Service {

  static final String NAME = "demo";

  private final Path usersFile;
  private final Path passwordFile;
  private final Supplier<String> consoleUrl;
  private final PrintStream out;

  DemoViewer(Path usersFile, Path passwordFile, Supplier<String> consoleUrl, PrintStream out) {
    this.usersFile = usersFile;
    this.passwordFile = passwordFile;
    this.consoleUrl = consoleUrl;
    this.out = out;
  }

  @Override
  public String name() {
    return "Demo viewer (boards in the browser)";
  }

  @Override
  public Started start() throws Exception {
    Users users = new Users(new FileUserStore(usersFile));
    boolean exists = users.list().stream().anyMatch(u -> u.name().equals(NAME));
    String password;
    if (exists && Files.isRegularFile(passwordFile)) {
      password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
    } else {
      password = Passwords.generate();
      Files.createDirectories(passwordFile.getParent());
      Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
      if (exists) {
        users.changePassword(NAME, password);
      } else {
        users.create(NAME, "viewer", password);
      }
    }
    out.println();
    out.println("  Dashboards in the browser: " + consoleUrl.get() + "/");
    out.println("  log in as '" + NAME + "' with password " + password + " (role viewer)");
    out.println();
    return Started.at(consoleUrl.get() + "/");
  }

  @Override
  public void stop() {}
}
