package dev.stagefarm.agent.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagefarm.agent.exec.PathKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * What a path of a container is, from the daemon's {@code HEAD /containers/{id}/archive}: the
 * answer is a header with the path's stat, never its content. A GET of the archive would do, but
 * the HTTP client drains an unread body on close to reuse its connection, so asking about a big
 * folder streamed all of it. docker-java's transport has no HEAD, hence this one request on its
 * own connection (unix socket or plain TCP, as {@link DockerEngine#connect} accepts). Stateless.
 */
final class PathStat {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STAT_HEADER = "x-docker-container-path-stat";
    /** Go's {@code os.ModeDir}, the top bit of the mode the daemon reports. */
    private static final long GO_MODE_DIR = 1L << 31;

    private PathStat() {
    }

    /** DIRECTORY, FILE (anything else, a symlink included: it is not followed) or MISSING. */
    static PathKind kind(URI host, String apiVersion, String containerId, String path) throws IOException {
        try (SocketChannel channel = open(host)) {
            String request = "HEAD /v" + apiVersion + "/containers/" + encode(containerId) + "/archive?path="
                    + encode(path) + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n";
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            InputStream in = Channels.newInputStream(channel);
            String status = line(in);
            String[] parts = status.split(" ", 3);
            int code = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            String stat = null;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                if (colon > 0 && header.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(STAT_HEADER)) {
                    stat = header.substring(colon + 1).trim();
                }
            }
            if (code == 404) {
                return PathKind.MISSING;
            }
            if (code != 200 || stat == null) {
                throw new IOException("stat " + path + ": " + status);
            }
            JsonNode json = JSON.readTree(Base64.getDecoder().decode(stat));
            return (json.path("mode").asLong() & GO_MODE_DIR) != 0 ? PathKind.DIRECTORY : PathKind.FILE;
        }
    }

    private static SocketChannel open(URI host) throws IOException {
        if ("unix".equals(host.getScheme())) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(host.getPath()));
            return channel;
        }
        return SocketChannel.open(new InetSocketAddress(host.getHost(), host.getPort()));
    }

    /** One header line without its CRLF; empty at the end of the headers (or of the stream). */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
