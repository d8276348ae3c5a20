package dev.tenantpulse.standalone.clickhouse;

import dev.tenantpulse.access.User;
import java.util.Optional;

/** Who may use the interface: the user whose password matches, empty otherwise. */
@FunctionalInterface
public interface InterfaceUsers {

  Optional<User> authenticate(String user, String password);
}
