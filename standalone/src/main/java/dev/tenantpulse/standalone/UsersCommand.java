package dev.tenantpulse.standalone;

import dev.tenantpulse.access.FileUserStore;
import dev.tenantpulse.access.Passwords;
import dev.tenantpulse.access.StoredUser;
import dev.tenantpulse.access.User;
import dev.tenantpulse.access.UserException;
import dev.tenantpulse.access.UserStoreException;
import dev.tenantpulse.access.Users;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/tenant-pulse users …}: the users of a data directory, from the command line, whether
 * the process runs or not (the users file is changed atomically under its own lock, and a running
 * process sees the change at its next request). Passwords are read from standard input (one line)
 * with {@code --password-stdin}, else generated and printed once.
 */
final class UsersCommand {

  private UsersCommand() {}

  static String usage() {
    return """
        Usage: bin/tenant-pulse users [--data-dir DIR] COMMAND

          list                               names, roles, creation times
          add NAME --role ROLE [--password-stdin]
                                             ROLE: admin, analyst or viewer; without
                                             --password-stdin a password is generated and
                                             printed once
          passwd NAME [--password-stdin]     a new password (generated unless read)
          remove NAME

        Names match [a-z][a-z0-9_.-]{0,63} ('admin' is the admin token's user); passwords have
        12 to 72 bytes. Users sign in with HTTP Basic, or on the console's login page in a browser;
        the admin token keeps working as before.
        """;
  }

  /**
   * @return the exit code: 0 done, 1 refused (a bad name, an unknown user), 2 a bad command line
   */
  static int run(
      List<String> args,
      Map<String, String> env,
      InputStream in,
      PrintStream out,
      PrintStream err) {
    Path dataDir = Path.of(env.getOrDefault("TENANT_PULSE_DATA", "data"));
    String role = null;
    boolean passwordStdin = false;
    List<String> words = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--data-dir", "--role" -> {
          if (i + 1 >= args.size()) {
            err.println("tenant-pulse users: " + arg + " needs a value");
            return 2;
          }
          String value = args.get(++i);
          if (arg.equals("--data-dir")) {
            dataDir = Path.of(value);
          } else {
            role = value;
          }
        }
        case "--password-stdin" -> passwordStdin = true;
        case "-h", "--help" -> {
          out.print(usage());
          return 0;
        }
        default -> {
          if (arg.startsWith("--data-dir=")) {
            dataDir = Path.of(arg.substring("--data-dir=".length()));
          } else if (arg.startsWith("--role=")) {
            role = arg.substring("--role=".length());
          } else if (arg.startsWith("-")) {
            err.println("tenant-pulse users: unknown option '" + printable(arg) + "'");
            return 2;
          } else {
            words.add(arg);
          }
        }
      }
    }
    String command = words.isEmpty() ? "" : words.get(0);
    int arity = command.equals("list") ? 1 : 2;
    if (!List.of("list", "add", "passwd", "remove").contains(command) || words.size() != arity) {
      err.print(usage());
      return 2;
    }
    if (command.equals("add") && role == null) {
      err.println("tenant-pulse users: add needs --role admin|analyst|viewer");
      return 2;
    }
    DataDirectory data = new DataDirectory(dataDir);
    Users users = new Users(new FileUserStore(data.usersFile()));
    try {
      switch (command) {
        case "list" -> {
          for (StoredUser user : users.list()) {
            out.printf("%-24s %-8s %s%n", user.name(), user.role().id(), user.createdAt());
          }
        }
        case "add" -> {
          String password = passwordStdin ? readLine(in) : Passwords.generate();
          User user = users.create(words.get(1), role, password);
          out.println(
              "created " + user.role().id() + " " + user.name() + " in " + data.usersFile());
          if (!passwordStdin) {
            out.println("password (shown once): " + password);
          }
        }
        case "passwd" -> {
          String password = passwordStdin ? readLine(in) : Passwords.generate();
          users.changePassword(words.get(1), password);
          out.println("new password set for " + words.get(1));
          if (!passwordStdin) {
            out.println("password (shown once): " + password);
          }
        }
        default -> {
          users.remove(words.get(1));
          out.println("removed " + words.get(1));
        }
      }
      return 0;
    } catch (UserException e) {
      err.println("tenant-pulse users: " + e.getMessage());
      return 1;
    } catch (UserStoreException | IOException e) {
      err.println("tenant-pulse users: " + e.getMessage());
      return 1;
    }
  }

  /** One line of standard input, without its line end; empty when there is none. */
  private static String readLine(InputStream in) throws IOException {
    String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
    return line == null ? "" : line;
  }

  private static String printable(String text) {
    String cut = text.length() > 64 ? text.substring(0, 64) + "…" : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
