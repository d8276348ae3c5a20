package dev.tenantpulse.alerting.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small real SMTP server (RFC 5321 subset: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) on a
 * free loopback port, recording each message it accepts. Stands in for a mail relay.
 */
public final class RecordingSmtpServer implements AutoCloseable {

  /** One accepted message: envelope and the raw data (headers and body). */
  public record Message(String from, List<String> to, String data) {
    /** The value of the first header with this name, unfolded. */
    public String header(String name) {
      for (String line : data.split("\r\n")) {
        if (line.isEmpty()) {
          return null;
        }
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
          return line.substring(colon + 1).strip();
        }
      }
      return null;
    }
  }

  private final ServerSocket socket;
  private final List<Message> messages = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  public RecordingSmtpServer() {
    try {
      socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor = Thread.ofPlatform().daemon().name("test-smtp").start(this::accept);
  }

  public int port() {
    return socket.getLocalPort();
  }

  public List<Message> messages() {
    return List.copyOf(messages);
  }

  public void clear() {
    messages.clear();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        session(client);
      } catch (IOException e) {
        // closed, or a client that hung up: wait for the next one
      }
    }
  }

  private void session(Socket client) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
    Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8);
    reply(out, "220 test-smtp ready");
    String from = null;
    List<String> to = new ArrayList<>();
    String line;
    while ((line = in.readLine()) != null) {
      String upper = line.toUpperCase(Locale.ROOT);
      if (upper.startsWith("EHLO")) {
        reply(out, "250-test-smtp\r\n250 8BITMIME");
      } else if (upper.startsWith("HELO") || upper.startsWith("NOOP")) {
        reply(out, "250 ok");
      } else if (upper.startsWith("MAIL FROM:")) {
        from = address(line.substring(10));
        to.clear();
        reply(out, "250 ok");
      } else if (upper.startsWith("RCPT TO:")) {
        to.add(address(line.substring(8)));
        reply(out, "250 ok");
      } else if (upper.equals("DATA")) {
        reply(out, "354 end with <CRLF>.<CRLF>");
        StringBuilder data = new StringBuilder();
        String d;
        while ((d = in.readLine()) != null && !d.equals(".")) {
          data.append(d.startsWith("..") ? d.substring(1) : d).append("\r\n");
        }
        messages.add(new Message(from, List.copyOf(to), data.toString()));
        reply(out, "250 accepted");
      } else if (upper.startsWith("RSET")) {
        from = null;
        to.clear();
        reply(out, "250 ok");
      } else if (upper.startsWith("QUIT")) {
        reply(out, "221 bye");
        return;
      } else {
        reply(out, "502 not implemented");
      }
    }
  }

  private static String address(String text) {
    String t = text.strip();
    int lt = t.indexOf('<');
    int gt = t.indexOf('>');
    return lt >= 0 && gt > lt ? t.substring(lt + 1, gt) : t;
  }

  private static void reply(Writer out, String text) throws IOException {
    out.write(text + "\r\n");
    out.flush();
  }

  @Override
  public void close() {
    try {
      socket.close();
      acceptor.join(2000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
