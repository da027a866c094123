package dev.stagefarm.agent.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * Times every Engine API call that passes through it, from the request until its response is
 * closed (so a streamed body counts until it was read), per endpoint with the ids taken out
 * ({@code PUT /containers/{id}/archive}). For benchmarks:
 * {@code DockerEngine.connect(host, timed::wrap)}. Thread-safe.
 */
public final class TimedTransport {

    private static final Pattern VERSION = Pattern.compile("^/v[0-9.]+");
    private static final Pattern OBJECT = Pattern.compile("^/(containers|images|volumes)/(?!create|load|get|json|prune)[^/]+");

    /** Calls and total time of one endpoint. */
    public record Calls(long count, long nanos) {
        public double millis() {
            return nanos / 1e6;
        }
    }

    private final Map<String, LongAdder[]> byEndpoint = new TreeMap<>();

    public DockerHttpClient wrap(DockerHttpClient inner) {
        return new DockerHttpClient() {
            @Override
            public Response execute(Request request) {
                String endpoint = endpoint(request);
                long start = System.nanoTime();
                Response response;
                try {
                    response = inner.execute(request);
                } catch (RuntimeException e) {
                    record(endpoint, System.nanoTime() - start);
                    throw e;
                }
                return new TimedResponse(response, () -> record(endpoint, System.nanoTime() - start));
            }

            @Override
            public void close() throws IOException {
                inner.close();
            }
        };
    }

    /** What was recorded since the last call, and starts over. */
    public synchronized Map<String, Calls> drain() {
        Map<String, Calls> out = new TreeMap<>();
        byEndpoint.forEach((k, v) -> out.put(k, new Calls(v[0].sum(), v[1].sum())));
        byEndpoint.clear();
        return out;
    }

    private synchronized void record(String endpoint, long nanos) {
        LongAdder[] adders = byEndpoint.computeIfAbsent(endpoint, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
        adders[0].increment();
        adders[1].add(nanos);
    }

    static String endpoint(DockerHttpClient.Request request) {
        String path = request.path();
        int query = path.indexOf('?');
        path = VERSION.matcher(query < 0 ? path : path.substring(0, query)).replaceFirst("");
        return request.method() + " " + OBJECT.matcher(path).replaceFirst("/$1/{id}");
    }

    /** Records once, when the response (and with it a streamed body) is closed. */
    private static final class TimedResponse implements DockerHttpClient.Response {
        private final DockerHttpClient.Response inner;
        private final Runnable done;
        private final AtomicBoolean closed = new AtomicBoolean();

        TimedResponse(DockerHttpClient.Response inner, Runnable done) {
            this.inner = inner;
            this.done = done;
        }

        @Override
        public int getStatusCode() {
            return inner.getStatusCode();
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return inner.getHeaders();
        }

        @Override
        public InputStream getBody() {
            return inner.getBody();
        }

        @Override
        public void close() {
            try {
                inner.close();
            } finally {
                if (closed.compareAndSet(false, true)) {
                    done.run();
                }
            }
        }
    }
}
