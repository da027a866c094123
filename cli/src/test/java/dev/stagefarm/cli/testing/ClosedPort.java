package dev.stagefarm.cli.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

/** A loopback URL that nothing listens on (the port was free a moment ago and is closed again). */
public final class ClosedPort {
    private ClosedPort() {
    }

    public static URI url() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }
}
