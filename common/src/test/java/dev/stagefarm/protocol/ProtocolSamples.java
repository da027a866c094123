package dev.stagefarm.protocol;

import dev.stagefarm.failure.FailureCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One fixed example of every message, the values the golden files hold. */
final class ProtocolSamples {
    static final Instant TIME = Instant.parse("2025-03-01T12:00:00.250Z");
    static final String BUILD = "7d9f0c1e-5b7a-4c55-9a51-3f2f4f8e1a01";
    static final String RUN = "0b6a3c52-8f4d-4e8e-b2e7-55c1d0a9e002";
    static final String KEY = "3f1c9e2ab1f04d6b9c7e5a1b2c3d4e5f60718293a4b5c6d7e8f9012345678901";
    static final String CONTEXT = "9a0b1c2d3e4f5061728394a5b6c7d8e9f00112233445566778899aabbccddeeff";
    static final String PUSH_TO = "registry.example:5000/team/app:1.2";
    static final String IMAGE_ID = "sha256:5c1f0e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1";
    static final String MANIFEST = "sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final AgentInfo AGENT = new AgentInfo("build-host-1", 4, 1, Map.of("pool", "default"));

    private ProtocolSamples() {
    }

    static StageJob job() {
        return new StageJob(2, BUILD, RUN, 2,
                new StageDefinition(1, "runtime", "Dockerfile", "runtime", Map.of("VERSION", "1.2"),
                        List.of("FROM nginx:alpine", "COPY --from=build /app/dist /usr/share/nginx/html")),
                CONTEXT, ObjectKeys.context(CONTEXT),
                List.of(new StageInput(0, "build", ArtifactKind.FILES, "aa11", "artifacts/aa11/files.tar",
                        List.of("/app/dist"))),
                List.of(new StageOutput(ArtifactKind.IMAGE, List.of(), ObjectKeys.image(KEY), null)
                        .pushedTo(List.of(PUSH_TO))),
                KEY, "linux/amd64", false,
                new Deadlines(10_000, 30_000, Instant.parse("2025-03-01T14:00:00Z")));
    }

    static List<StageEvent> events() {
        return List.of(
                new StageEvent.Claimed(2, BUILD, RUN, 2, "agent-a", TIME, AGENT),
                new StageEvent.Heartbeat(2, BUILD, RUN, 2, "agent-a", TIME, AGENT),
                new StageEvent.StepStarted(2, BUILD, RUN, 2, "agent-a", TIME, 3, "RUN npm ci"),
                new StageEvent.StepFinished(2, BUILD, RUN, 2, "agent-a", TIME, 3, false, 1520),
                new StageEvent.LogChunk(2, BUILD, RUN, 2, "agent-a", TIME, 3, "stdout", 17, "added 120 packages\n"),
                new StageEvent.ArtifactStored(2, BUILD, RUN, 2, "agent-a", TIME, ArtifactKind.IMAGE,
                        ObjectKeys.image(KEY), 4096, "ab12", IMAGE_ID,
                        List.of("registry.example:5000/team/app@" + MANIFEST)),
                new StageEvent.Succeeded(2, BUILD, RUN, 2, "agent-a", TIME, List.of("artifacts/" + KEY + "/files.tar"), 9000),
                new StageEvent.Failed(2, BUILD, RUN, 2, "agent-a", TIME, FailureCause.BUILD,
                        FailureCode.RUN_EXIT_NONZERO, "Dockerfile:7", "RUN npm test exited with 1", 4, "RUN npm test",
                        List.of("1 failing", "npm ERR! Test failed.")));
    }

    static List<ControlMessage> controls() {
        return List.of(
                new ControlMessage.AbortAttempt(2, BUILD, RUN, 2, "agent-b", "another agent claimed this attempt",
                        TIME),
                new ControlMessage.CancelBuild(2, BUILD, "cancelled by user", TIME));
    }

    /** The golden file name of a message: its type in lower case with dashes. */
    static String goldenName(Object message) {
        String simple = message.getClass().getSimpleName();
        return simple.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
    }
}
