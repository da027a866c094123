package dev.stagefarm.objectstore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

/**
 * A TCP relay in front of a server that closes each connection after relaying {@code cutAfter}
 * bytes of the server's response: a download cut short by the network, for tests. Requests pass
 * whole. One connection at a time is enough for the tests that use it.
 */
final class TruncatingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final Thread acceptor;

    TruncatingProxy(URI target, long cutAfter) throws IOException {
        listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket server = new Socket();
                    server.connect(new InetSocketAddress(target.getHost(), target.getPort()));
                    relay(client.getInputStream(), server.getOutputStream(), Long.MAX_VALUE, client, server);
                    relay(server.getInputStream(), client.getOutputStream(), cutAfter, client, server);
                } catch (IOException e) {
                    return;
                }
            }
        }, "truncating-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void relay(InputStream from, OutputStream to, long limit, Socket a, Socket b) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            long sent = 0;
            try {
                int n;
                while (sent < limit && (n = from.read(buffer, 0, (int) Math.min(buffer.length, limit - sent))) >= 0) {
                    to.write(buffer, 0, n);
                    to.flush();
                    sent += n;
                }
            } catch (IOException e) {
                // connection gone
            } finally {
                if (sent >= limit) {
                    closeQuietly(a);
                    closeQuietly(b);
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
