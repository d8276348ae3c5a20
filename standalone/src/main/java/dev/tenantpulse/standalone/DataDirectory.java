package dev.tenantpulse.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Everything one Tenant Pulse process keeps, under one directory, so that a restart continues where
 * the last run stopped:
 *
 * <pre>
 * data/
 *   kafka/                  the broker's log (events accepted by the collector)
 *   clickhouse/             chDB: database tenant_pulse (events and metric tables)
 *   metadata/collector.*    H2: API keys, tenant plans
 *   metadata/alerting.*     H2: alert state, silences, outbox, Quartz
 *   flink/checkpoints/      retained checkpoints; flink/savepoints/: the one taken at each stop
 *   logs/tenant-pulse.log   the full log (the terminal shows progress, warnings and errors)
 *   admin-token             the generated admin token, when none is given
 *   users.json              users, their roles and bcrypt hashes (bin/tenant-pulse users, /api/users)
 *   endpoints.json          where this run listens (ports may be chosen at start)
 * </pre>
 *
 * <p>It is locked while a process uses it: chDB and Kafka both refuse a second process on their
 * data, but only after part of the start; this lock says so first, in one line.
 */
public final class DataDirectory implements AutoCloseable {

  private final Path root;
  private FileChannel lockChannel;
  private FileLock lock;

  public DataDirectory(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public Path kafka() {
    return root.resolve("kafka");
  }

  public Path clickhouse() {
    return root.resolve("clickhouse");
  }

  public Path metadata() {
    return root.resolve("metadata");
  }

  public Path flink() {
    return root.resolve("flink");
  }

  public Path logs() {
    return root.resolve("logs");
  }

  /** The users of every service: see {@link dev.tenantpulse.access.FileUserStore}. */
  public Path usersFile() {
    return root.resolve("users.json");
  }

  public Path endpointsFile() {
    return root.resolve("endpoints.json");
  }

  /**
   * Creates the directory and takes its lock.
   *
   * @throws IllegalStateException when another process holds it
   */
  public void lock() {
    try {
      Files.createDirectories(root);
      lockChannel =
          FileChannel.open(
              root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        lockChannel.close();
        throw new IllegalStateException(
            "another Tenant Pulse process is running on "
                + root
                + ": stop it, or start this one with another --data-dir");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the data directory " + root, e);
    }
  }

  /**
   * The admin token: the one given, else the one generated into {@code admin-token} on the first
   * start (readable by the owner only), so that scripts and restarts keep using the same one.
   */
  public String adminToken(Optional<String> given) {
    if (given.isPresent()) {
      return given.get();
    }
    Path file = root.resolve("admin-token");
    try {
      if (Files.exists(file)) {
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!token.isEmpty()) {
          return token;
        }
      }
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String token = "tp_admin_" + HexFormat.of().formatHex(random);
      Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the file keeps the directory's permissions
      }
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the admin token file " + file, e);
    }
  }

  /** Releases the lock; the data stays. */
  @Override
  public void close() {
    try {
      if (lock != null) {
        lock.release();
        lock = null;
      }
      if (lockChannel != null) {
        lockChannel.close();
        lockChannel = null;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
