package dev.stagefarm.agent.docker;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.util.List;
import java.util.Locale;

/**
 * Where one reference ({@code [registry/]name[:tag]}) is pushed, read as the docker CLI reads it:
 * the first path component is the registry when it has a dot or a port or is {@code localhost},
 * else the image goes to Docker Hub; no tag means {@code latest} (never "every tag of the
 * repository", which is what the daemon would push). Also turns what the daemon says about a failed
 * push into a catalogue failure naming the registry. Immutable and pure.
 *
 * @param registry the registry's host[:port] ({@code docker.io} for Docker Hub)
 * @param repository the reference without its tag, as the daemon names it
 * @param tag the tag
 */
public record PushTarget(String registry, String repository, String tag) {

    // What registries and the daemon answer when credentials are missing or not enough.
    private static final List<String> DENIED = List.of("unauthorized", "denied", "authentication required",
            "no basic auth credentials", "forbidden", "insufficient_scope");

    public static PushTarget parse(String reference) {
        if (reference == null || reference.isBlank() || reference.contains("@")) {
            throw new StagefarmException(FailureCode.BAD_REQUEST, "push " + reference, 0,
                    "cannot push to `" + reference + "`: expected [registry/]name[:tag]");
        }
        int slash = reference.lastIndexOf('/');
        int colon = reference.lastIndexOf(':');
        String repository = colon > slash ? reference.substring(0, colon) : reference;
        String tag = colon > slash ? reference.substring(colon + 1) : "latest";
        int first = repository.indexOf('/');
        String head = first < 0 ? "" : repository.substring(0, first);
        boolean hasRegistry = head.contains(".") || head.contains(":") || head.equals("localhost");
        return new PushTarget(hasRegistry ? head : "docker.io", repository, tag);
    }

    /** The reference with its tag. */
    public String reference() {
        return repository + ":" + tag;
    }

    /** {@code repository@digest}, as {@code docker push} names what it pushed. */
    public String pushed(String digest) {
        return repository + "@" + digest;
    }

    /**
     * The failure for what the daemon reported: {@code REGISTRY_DENIED} (a build error: the same
     * credentials fail again) when the registry refused, else {@code REGISTRY_UNREACHABLE}
     * (retriable: the registry may be back for the next attempt).
     */
    public StagefarmException failure(String daemonMessage) {
        String message = daemonMessage == null ? "" : daemonMessage.strip();
        String lower = message.toLowerCase(Locale.ROOT);
        FailureCode code = DENIED.stream().anyMatch(lower::contains) ? FailureCode.REGISTRY_DENIED
                : FailureCode.REGISTRY_UNREACHABLE;
        return new StagefarmException(code, "registry " + registry, 0,
                "pushing " + reference() + " to " + registry + " failed: " + message);
    }
}
