package dev.stagefarm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireRecordsJsonTest {
    /** As the coordinator writes and the command line reads: ISO-8601 times. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");

    private static BuildView failedBuild() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("team", "web");
        labels.put("ci", "42");
        return new BuildView("b-1", "FAILED", "ab12", "Dockerfile", "runtime", "linux/amd64",
                List.of("app:1"), labels, CREATED, CREATED.plusSeconds(1), CREATED.plusSeconds(9),
                new BuildView.Failure("RUN_EXIT_NONZERO", "stage builder", "exit 2", "RUN make", List.of("make: *** 2")),
                List.of(new BuildView.StageView(0, "builder", "FAILED", 2, List.of(), "k0", "agent-1",
                                CREATED, CREATED.plusSeconds(1), CREATED.plusSeconds(9), "RUN_EXIT_NONZERO", 3),
                        new BuildView.StageView(1, "runtime", "CANCELLED", 1, List.of(0), null, null,
                                CREATED, null, CREATED.plusSeconds(9), null, null)),
                new BuildView.Image("sha256:cafe", List.of("app:1")));
    }

    @Test
    void buildViewReadsBackEqualToWhatWasWritten() throws Exception {
        BuildView view = failedBuild();

        assertThat(JSON.readValue(JSON.writeValueAsString(view), BuildView.class)).isEqualTo(view);
    }

    @Test
    void buildViewJsonHasTheApiFieldNamesInOrder() throws Exception {
        String json = JSON.writeValueAsString(failedBuild());

        assertThat(json).isEqualTo("{\"id\":\"b-1\",\"state\":\"FAILED\",\"contextDigest\":\"ab12\","
                + "\"dockerfile\":\"Dockerfile\",\"target\":\"runtime\",\"platform\":\"linux/amd64\","
                + "\"tags\":[\"app:1\"],\"labels\":{\"team\":\"web\",\"ci\":\"42\"},"
                + "\"createdAt\":\"2026-03-01T10:00:00Z\",\"startedAt\":\"2026-03-01T10:00:01Z\","
                + "\"finishedAt\":\"2026-03-01T10:00:09Z\","
                + "\"failure\":{\"code\":\"RUN_EXIT_NONZERO\",\"subject\":\"stage builder\",\"message\":\"exit 2\","
                + "\"step\":\"RUN make\",\"logTail\":[\"make: *** 2\"]},"
                + "\"stages\":[{\"index\":0,\"name\":\"builder\",\"state\":\"FAILED\",\"attempt\":2,\"dependsOn\":[],"
                + "\"cacheKey\":\"k0\",\"agent\":\"agent-1\",\"queuedAt\":\"2026-03-01T10:00:00Z\","
                + "\"startedAt\":\"2026-03-01T10:00:01Z\",\"finishedAt\":\"2026-03-01T10:00:09Z\","
                + "\"failureCode\":\"RUN_EXIT_NONZERO\",\"steps\":3},"
                + "{\"index\":1,\"name\":\"runtime\",\"state\":\"CANCELLED\",\"attempt\":1,\"dependsOn\":[0],"
                + "\"cacheKey\":null,\"agent\":null,\"queuedAt\":\"2026-03-01T10:00:00Z\",\"startedAt\":null,"
                + "\"finishedAt\":\"2026-03-01T10:00:09Z\",\"failureCode\":null,\"steps\":null}],"
                + "\"image\":{\"digest\":\"sha256:cafe\",\"references\":[\"app:1\"]}}");
    }

    @Test
    void buildViewReaderIgnoresFieldsANewerCoordinatorAdds() throws Exception {
        String json = "{\"id\":\"b-2\",\"state\":\"RUNNING\",\"queue\":3,"
                + "\"stages\":[{\"index\":0,\"name\":\"a\",\"state\":\"RUNNING\",\"attempt\":1,\"gpu\":true}],"
                + "\"failure\":{\"code\":\"X\",\"hint\":\"h\"},\"image\":{\"digest\":\"d\",\"size\":1}}";

        BuildView view = JSON.readValue(json, BuildView.class);

        assertThat(view.id()).isEqualTo("b-2");
        assertThat(view.stages()).extracting(BuildView.StageView::name).containsExactly("a");
        assertThat(view.failure().code()).isEqualTo("X");
        assertThat(view.image().digest()).isEqualTo("d");
    }

    @Test
    void absentListsAndMapsReadAsEmpty() throws Exception {
        BuildView view = JSON.readValue("{\"id\":\"b-3\",\"state\":\"QUEUED\",\"failure\":{\"code\":\"X\"},"
                + "\"stages\":[{\"index\":0}],\"image\":{\"digest\":\"d\"}}", BuildView.class);

        assertThat(view.tags()).isEmpty();
        assertThat(view.labels()).isEmpty();
        assertThat(view.failure().logTail()).isEmpty();
        assertThat(view.stages().get(0).dependsOn()).isEmpty();
        assertThat(view.image().references()).isEmpty();
        assertThat(view.ended()).isFalse();
    }

    @Test
    void buildEndsWhenItSucceedsFailsOrIsCancelled() {
        for (String state : List.of("SUCCEEDED", "FAILED", "CANCELLED")) {
            assertThat(withState(state).ended()).as(state).isTrue();
        }
        for (String state : List.of("QUEUED", "RUNNING")) {
            assertThat(withState(state).ended()).as(state).isFalse();
        }
    }

    private static BuildView withState(String state) {
        return new BuildView("b", state, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void buildRequestJsonKeepsTheCallersOrderOfArgsAndLabels() throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("Z", "1");
        args.put("A", "");
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("zone", "b");
        labels.put("app", "web");
        BuildRequest request = new BuildRequest("ab12", null, "runtime", args, null, List.of("app:1"),
                List.of("type=image,push=true"), true, labels);

        String json = JSON.writeValueAsString(request);

        assertThat(json).isEqualTo("{\"contextDigest\":\"ab12\",\"dockerfile\":null,\"target\":\"runtime\","
                + "\"buildArgs\":{\"Z\":\"1\",\"A\":\"\"},\"platform\":null,\"tags\":[\"app:1\"],"
                + "\"outputs\":[\"type=image,push=true\"],\"noCache\":true,\"labels\":{\"zone\":\"b\",\"app\":\"web\"}}");
        assertThat(JSON.readValue(json, BuildRequest.class)).isEqualTo(request);
    }

    @Test
    void buildRequestWithOnlyAContextReadsWithEmptyListsAndMaps() throws Exception {
        BuildRequest request = JSON.readValue("{\"contextDigest\":\"ab12\"}", BuildRequest.class);

        assertThat(request).isEqualTo(new BuildRequest("ab12", null, null, Map.of(), null, List.of(), List.of(),
                false, Map.of()));
    }

    @Test
    void buildRequestRefusesABuildArgWithoutValue() {
        assertThatThrownBy(() -> JSON.readValue("{\"contextDigest\":\"ab12\",\"buildArgs\":{\"A\":null}}",
                BuildRequest.class)).hasMessageContaining("a null value for A");
    }
}
