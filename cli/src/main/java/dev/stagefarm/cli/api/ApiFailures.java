package dev.stagefarm.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Turns what goes wrong talking to the coordinator into catalogue failures: an error body
 * ({@code {code, subject, line, message}}) keeps its code, a refused connection becomes
 * {@link FailureCode#COORDINATOR_UNREACHABLE} with the hint to start the local farm.
 */
final class ApiFailures {
    static final String START_HINT = "start the local farm with `bin/stagefarm local up`";

    private ApiFailures() {
    }

    static StagefarmException unreachable(URI server, IOException e) {
        String reason;
        if (e instanceof HttpConnectTimeoutException) {
            reason = "connection timed out";
        } else if (e instanceof ConnectException && e.getCause() instanceof UnresolvedAddressException) {
            reason = "unknown host";
        } else if (e instanceof ConnectException) {
            reason = "connection refused";
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new StagefarmException(FailureCode.COORDINATOR_UNREACHABLE, server.toString(), 0,
                "cannot reach the coordinator at " + server + ": " + reason + "; " + START_HINT, e);
    }

    /** The failure an error response describes; reads (and closes) its body. */
    static StagefarmException fromResponse(String what, int status, InputStream body) {
        byte[] bytes;
        try (body) {
            bytes = body.readNBytes(64 * 1024);
        } catch (IOException e) {
            bytes = new byte[0];
        }
        try {
            JsonNode error = ApiJson.MAPPER.readTree(bytes);
            if (error != null && error.hasNonNull("code") && error.hasNonNull("message")) {
                return new StagefarmException(code(error.get("code").asText()),
                        error.path("subject").asText(what), error.path("line").asInt(0), error.get("message").asText());
            }
        } catch (IOException notJson) {
            // fall through: the body is not an error object (a proxy's page, an older coordinator)
        }
        FailureCode code = status == 404 ? FailureCode.UNKNOWN_BUILD
                : status >= 500 ? FailureCode.COORDINATOR_UNREACHABLE : FailureCode.BAD_REQUEST;
        return new StagefarmException(code, what, 0, what + ": the coordinator answered HTTP " + status);
    }

    private static FailureCode code(String name) {
        try {
            return FailureCode.valueOf(name);
        } catch (IllegalArgumentException newer) {
            return FailureCode.INTERNAL;
        }
    }
}
