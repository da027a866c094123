package dev.stagefarm.agent.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.InputStream;
import java.util.Map;

/** A body-less {@code HEAD}: docker-java's request builder offers no such method, its transport sends any. */
final class HeadRequest extends DockerHttpClient.Request {
    private final String path;

    HeadRequest(String path) {
        this.path = path;
    }

    @Override
    public String method() {
        return "HEAD";
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public byte[] bodyBytes() {
        return null;
    }

    @Override
    public InputStream hijackedInput() {
        return null;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of();
    }
}
