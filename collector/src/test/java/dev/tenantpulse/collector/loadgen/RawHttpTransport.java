package dev.tenantpulse.collector.loadgen;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A deliberately small HTTP/1.1 client on a blocking socket (cheap on a virtual thread): request
 * line and headers prepared once, the body written behind them in one flush, the answer read with
 * {@code Content-Length} or chunked framing. Reconnects when the server closes a keep-alive
 * connection (Tomcat does after {@code max-keep-alive-requests}). Enough for the collector's
 * answers; not a general client.
 */
final class RawHttpTransport implements Transport {

  private final InetSocketAddress address;
  private final byte[] head;
  private final byte[] buffer = new byte[16 * 1024];
  private int position;
  private int limit;
  private byte[] body = new byte[4 * 1024];
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  RawHttpTransport(URI endpoint, String authorization) {
    int port = endpoint.getPort() < 0 ? 80 : endpoint.getPort();
    this.address = new InetSocketAddress(endpoint.getHost(), port);
    this.head =
        ("POST "
                + endpoint.getRawPath()
                + " HTTP/1.1\r\nHost: "
                + endpoint.getHost()
                + ":"
                + port
                + "\r\nAuthorization: "
                + authorization
                + "\r\nContent-Type: application/json\r\nContent-Length: ")
            .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Never retried here: a POST that failed after it was sent may have been processed, and a retry
   * would hide the failure from the report. The caller closes and the next post reconnects.
   */
  @Override
  public Answer post(byte[] requestBody, int length) throws IOException {
    if (socket == null) {
      connect();
    }
    return exchange(requestBody, length);
  }

  private void connect() throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.connect(address, 5_000);
    s.setSoTimeout(60_000);
    socket = s;
    in = s.getInputStream();
    out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
    position = 0;
    limit = 0;
  }

  private Answer exchange(byte[] requestBody, int length) throws IOException {
    out.write(head);
    out.write(Integer.toString(length).getBytes(StandardCharsets.US_ASCII));
    out.write(CRLF_CRLF);
    out.write(requestBody, 0, length);
    out.flush();

    String statusLine = readLine();
    if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
      throw new IOException("not an HTTP/1.1 answer: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long contentLength = -1;
    boolean chunked = false;
    boolean close = false;
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Content-Length")) {
        contentLength = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
        chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
      } else if (name.equalsIgnoreCase("Connection")) {
        close = value.equalsIgnoreCase("close");
      }
    }
    int bodyLength = 0;
    if (chunked) {
      for (int size = chunkSize(); size > 0; size = chunkSize()) {
        bodyLength = readInto(bodyLength, size);
        readLine(); // CRLF after the chunk
      }
      while (!readLine().isEmpty()) {
        // trailers
      }
    } else if (contentLength > 0) {
      bodyLength = readInto(0, Math.toIntExact(contentLength));
    }
    Answer answer = new Answer(status, Transport.acceptedCount(body, bodyLength));
    if (close) {
      close();
    }
    return answer;
  }

  private int chunkSize() throws IOException {
    String line = readLine();
    int semicolon = line.indexOf(';');
    return Integer.parseInt((semicolon < 0 ? line : line.substring(0, semicolon)).trim(), 16);
  }

  /** Reads {@code n} bytes of body to {@code body[at...]}; answers the new body length. */
  private int readInto(int at, int n) throws IOException {
    if (body.length < at + n) {
      body = java.util.Arrays.copyOf(body, Math.max(at + n, body.length * 2));
    }
    int done = 0;
    while (done < n) {
      if (position == limit) {
        fill();
      }
      int chunk = Math.min(n - done, limit - position);
      System.arraycopy(buffer, position, body, at + done, chunk);
      position += chunk;
      done += chunk;
    }
    return at + n;
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder(64);
    while (true) {
      if (position == limit) {
        fill();
      }
      byte b = buffer[position++];
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return line.toString();
      }
      line.append((char) b);
    }
  }

  private void fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    if (n < 0) {
      throw new EOFException("the server closed the connection");
    }
    position = 0;
    limit = n;
  }

  @Override
  public void close() {
    Socket s = socket;
    socket = null;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing a connection we are done with: nothing to do about it
      }
    }
  }

  private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};
}
