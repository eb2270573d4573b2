package io.caimei.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder on loopback that can be switched off: off, it closes every forwarded connection and stops
 * listening, so new connections are refused, as if the server behind it were gone. Lets a test take the shared
 * Keycloak away from its own services without touching the Keycloak everybody else uses.
 */
final class SwitchableProxy implements AutoCloseable {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final int target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong forwarded = new AtomicLong();
    private ServerSocket server;
    private Thread acceptor;

    /** Listens on a free loopback port and forwards to {@code targetPort} on loopback. */
    SwitchableProxy(int targetPort) throws IOException {
        this.target = targetPort;
        try (ServerSocket probe = new ServerSocket(0, 50, LOOPBACK)) {
            this.port = probe.getLocalPort();
        }
        on();
    }

    int port() {
        return port;
    }

    /** Connections forwarded so far. */
    long forwarded() {
        return forwarded.get();
    }

    /** Listens again on the same port. */
    synchronized void on() throws IOException {
        if (server != null) {
            return;
        }
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(LOOPBACK, port));
        server = s;
        acceptor = new Thread(() -> accept(s), "proxy-" + port + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Stops listening and cuts every connection it forwards; when it returns, connections are refused. */
    synchronized void off() throws InterruptedException {
        if (server == null) {
            return;
        }
        closeQuietly(server);
        server = null;
        // the port is released only once the thread blocked in accept() has left it; until then a connection
        // could still land in the backlog
        acceptor.join(5000);
        open.forEach(SwitchableProxy::closeQuietly);
        open.clear();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket upstream;
                try {
                    upstream = new Socket(LOOPBACK, target);
                } catch (IOException e) {
                    closeQuietly(client);
                    continue;
                }
                open.add(client);
                open.add(upstream);
                forwarded.incrementAndGet();
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException closed) {
                return; // switched off
            }
        }
    }

    /** Copies one direction until either side ends, then closes both. */
    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0;) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ended) {
                // either side closed, or the proxy was switched off
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "proxy-" + port + "-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // already closed
        }
    }

    @Override
    public void close() throws InterruptedException {
        off();
    }
}
