package dev.vigie.server.paging;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real HTTP receiver on loopback (the JDK's HttpServer on a free port) standing for Slack, Teams
 * and an SMS gateway: records every request (path, method, content type, headers, body) and answers
 * each path with the statuses queued for it, then 200.
 */
public final class Receiver implements AutoCloseable {
  public record Request(
      String path, String method, String query, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      for (var e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
      }
      return null;
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();
  private final Map<String, Deque<Integer>> statuses = new ConcurrentHashMap<>();

  public Receiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext(
        "/",
        ex -> {
          String body;
          try (InputStream in = ex.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          String path = ex.getRequestURI().getPath();
          synchronized (requests) {
            requests.add(
                new Request(
                    path,
                    ex.getRequestMethod(),
                    ex.getRequestURI().getRawQuery(),
                    Map.copyOf(ex.getRequestHeaders()),
                    body));
          }
          Deque<Integer> q = statuses.get(path);
          Integer s;
          synchronized (statuses) {
            s = q == null ? null : q.poll();
          }
          byte[] out = "ok".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(s == null ? 200 : s, out.length);
          ex.getResponseBody().write(out);
          ex.close();
        });
    server.start();
  }

  /** The next answers of {@code path}, in order (then 200). */
  public void answer(String path, Integer... codes) {
    synchronized (statuses) {
      statuses.computeIfAbsent(path, k -> new ArrayDeque<>()).addAll(List.of(codes));
    }
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public List<Request> to(String path) {
    synchronized (requests) {
      return requests.stream().filter(r -> r.path().equals(path)).toList();
    }
  }

  public List<Request> all() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
