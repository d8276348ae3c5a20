package dev.tenantpulse.access;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Users in one JSON file (the embedded default keeps {@code <data-dir>/users.json}), hashes only,
 * readable by the owner only.
 *
 * <p>Every change rewrites the file to a temporary one beside it and moves that over the old one
 * atomically, holding an OS lock on {@code <file>.lock} for the read-modify-write: a reader never
 * sees half a file, and the CLI may change users while the server runs. Readers in any number of
 * Spring contexts, processes or instances re-read the file when its identity, size or modification
 * time changed, so a change made anywhere counts at the next request.
 */
public final class FileUserStore implements UserStore {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<Path, Object> WRITERS = new ConcurrentHashMap<>();

  private final Path file;
  private Snapshot snapshot = Snapshot.EMPTY;

  /** The file's content as last read, with what identified the file then. */
  private record Snapshot(
      Object fileKey, long size, long modified, TreeMap<String, StoredUser> users) {
    static final Snapshot EMPTY = new Snapshot(null, -1, -1, new TreeMap<>());
  }

  /** The file's form: {@code {"users": [{"name", "role", "password_hash", "created_at"}]}}. */
  record Document(List<Entry> users) {}

  record Entry(
      String name,
      String role,
      @JsonProperty("password_hash") String passwordHash,
      @JsonProperty("created_at") Instant createdAt) {}

  public FileUserStore(Path file) {
    this.file = file.toAbsolutePath().normalize();
  }

  public Path file() {
    return file;
  }

  @Override
  public Optional<StoredUser> find(String name) {
    return Optional.ofNullable(current().get(name));
  }

  @Override
  public List<StoredUser> list() {
    return List.copyOf(current().values());
  }

  @Override
  public boolean add(StoredUser user) {
    return change(
        users -> {
          if (users.containsKey(user.name())) {
            return null;
          }
          users.put(user.name(), user);
          return users;
        });
  }

  @Override
  public boolean remove(String name) {
    return change(users -> users.remove(name) == null ? null : users);
  }

  @Override
  public boolean setPasswordHash(String name, String passwordHash) {
    return change(
        users -> {
          StoredUser old = users.get(name);
          if (old == null) {
            return null;
          }
          users.put(name, new StoredUser(name, old.role(), passwordHash, old.createdAt()));
          return users;
        });
  }

  private synchronized TreeMap<String, StoredUser> current() {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      snapshot = Snapshot.EMPTY;
      return snapshot.users();
    } catch (IOException e) {
      throw new UserStoreException("cannot read the users file " + file + ": " + e, e);
    }
    long modified = attributes.lastModifiedTime().toMillis();
    if (!Objects.equals(attributes.fileKey(), snapshot.fileKey())
        || attributes.size() != snapshot.size()
        || modified != snapshot.modified()) {
      snapshot = new Snapshot(attributes.fileKey(), attributes.size(), modified, read());
    }
    return snapshot.users();
  }

  private TreeMap<String, StoredUser> read() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new TreeMap<>();
    } catch (IOException e) {
      throw new UserStoreException("cannot read the users file " + file + ": " + e, e);
    }
    Document document;
    try {
      document = JSON.readValue(bytes, Document.class);
    } catch (JacksonException e) {
      throw new UserStoreException("the users file " + file + " is not valid JSON", e);
    }
    TreeMap<String, StoredUser> users = new TreeMap<>();
    for (Entry entry :
        document == null || document.users() == null ? List.<Entry>of() : document.users()) {
      Role role = Role.parse(entry.role()).orElse(null);
      if (entry.name() == null || role == null || entry.passwordHash() == null) {
        throw new UserStoreException(
            "the users file " + file + " has an entry without name, a known role or a hash");
      }
      users.put(
          entry.name(),
          new StoredUser(
              entry.name(),
              role,
              entry.passwordHash(),
              entry.createdAt() == null ? Instant.EPOCH : entry.createdAt()));
    }
    return users;
  }

  /**
   * Applies {@code edit} to the users on disk under the file lock; the edit returns null to change
   * nothing.
   */
  private boolean change(UnaryOperator<TreeMap<String, StoredUser>> edit) {
    // An OS file lock excludes other processes only; instances in this JVM (one per Spring
    // context) take the path's monitor first, as a second lock() in one JVM would throw.
    synchronized (WRITERS.computeIfAbsent(file, f -> new Object())) {
      synchronized (this) {
        return changeLocked(edit);
      }
    }
  }

  private boolean changeLocked(UnaryOperator<TreeMap<String, StoredUser>> edit) {
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel channel =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        TreeMap<String, StoredUser> edited = edit.apply(new TreeMap<>(read()));
        if (edited == null) {
          return false;
        }
        write(edited);
        snapshot = Snapshot.EMPTY; // re-read (and re-stat) on the next look-up
        return true;
      }
    } catch (IOException e) {
      throw new UserStoreException("cannot write the users file " + file + ": " + e, e);
    }
  }

  private void write(TreeMap<String, StoredUser> users) throws IOException {
    List<Entry> entries = new ArrayList<>();
    users.values().stream()
        .sorted(Comparator.comparing(StoredUser::name))
        .forEach(
            u -> entries.add(new Entry(u.name(), u.role().id(), u.passwordHash(), u.createdAt())));
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new Document(entries));
    Path temporary = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
    try {
      ownerOnly(temporary);
      try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        out.write(java.nio.ByteBuffer.wrap(bytes));
        out.force(true);
      }
      try {
        Files.move(
            temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static void ownerOnly(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the file keeps the directory's permissions
    }
  }
}
