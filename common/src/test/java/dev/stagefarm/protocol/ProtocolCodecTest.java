package dev.stagefarm.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Pins the wire format with golden files under {@code protocol/golden}: what this version writes
 * must equal them, and what they hold must read back to the same records. Files named
 * {@code *.newer.json} stand for a later writer (extra fields, higher schema version), files named
 * {@code *.v1.json} for a schema-1 writer (before the image id and push fields).
 */
class ProtocolCodecTest {
    private static final ObjectMapper TREE = new ObjectMapper();

    @Test
    void writesStageJobExactlyAsGolden() throws IOException {
        assertThat(TREE.readTree(ProtocolCodec.encode(ProtocolSamples.job()))).isEqualTo(golden("stage-job.json"));
    }

    @Test
    void readsGoldenStageJobBackToTheSameRecord() throws IOException {
        assertThat(ProtocolCodec.decodeJob(bytes("stage-job.json"))).isEqualTo(ProtocolSamples.job());
    }

    @Test
    void writesEveryStageEventWithItsTypeDiscriminatorAsGolden() throws IOException {
        for (StageEvent event : ProtocolSamples.events()) {
            assertRoundTrip("event-", event, ProtocolCodec.encode(event), ProtocolCodec::decodeEvent);
        }
    }

    @Test
    void writesEveryControlMessageAsGolden() throws IOException {
        for (ControlMessage message : ProtocolSamples.controls()) {
            assertRoundTrip("control-", message, ProtocolCodec.encode(message), ProtocolCodec::decodeControl);
        }
    }

    @Test
    void olderReaderIgnoresFieldsOfNewerWriterInJob() throws IOException {
        StageJob read = ProtocolCodec.decodeJob(bytes("stage-job.newer.json"));
        assertThat(read.schemaVersion()).isEqualTo(3);
        assertThat(withVersion(read, ProtocolVersion.CURRENT)).isEqualTo(ProtocolSamples.job());
    }

    @Test
    void olderReaderIgnoresFieldsOfNewerWriterInFailedEvent() throws IOException {
        StageEvent read = ProtocolCodec.decodeEvent(bytes("event-failed.newer.json"));
        StageEvent.Failed expected = (StageEvent.Failed) ProtocolSamples.events().get(7);
        assertThat(read).isInstanceOf(StageEvent.Failed.class);
        StageEvent.Failed failed = (StageEvent.Failed) read;
        assertThat(failed.schemaVersion()).isEqualTo(3);
        assertThat(failed.code()).isEqualTo(expected.code());
        assertThat(failed.logTail()).isEqualTo(expected.logTail());
        assertThat(failed.step()).isEqualTo(expected.step());
    }

    @Test
    void samplesAreWrittenWithTheCurrentSchemaVersion() {
        assertThat(ProtocolSamples.job().schemaVersion()).isEqualTo(ProtocolVersion.CURRENT);
        assertThat(ProtocolSamples.events()).allSatisfy(e -> assertThat(e.schemaVersion())
                .isEqualTo(ProtocolVersion.CURRENT));
    }

    @Test
    void schemaOneJobReadsWithNothingToPush() throws IOException {
        StageJob read = ProtocolCodec.decodeJob(bytes("stage-job.v1.json"));
        assertThat(read.schemaVersion()).isEqualTo(1);
        assertThat(read.outputs()).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(ArtifactKind.IMAGE);
            assertThat(o.push()).isEmpty();
        });
    }

    @Test
    void schemaOneArtifactStoredReadsWithoutImageIdOrPushedDigests() throws IOException {
        StageEvent.ArtifactStored read = (StageEvent.ArtifactStored) ProtocolCodec.decodeEvent(
                bytes("event-artifact-stored.v1.json"));
        assertThat(read.schemaVersion()).isEqualTo(1);
        assertThat(read.kind()).isEqualTo(ArtifactKind.FILES);
        assertThat(read.imageId()).isNull();
        assertThat(read.pushed()).isEmpty();
    }

    @Test
    void newerReaderFillsEmptyListsForFieldsAnOlderWriterLeftOut() throws IOException {
        ObjectNode job = (ObjectNode) golden("stage-job.json");
        job.remove(List.of("inputs", "outputs"));
        StageJob read = ProtocolCodec.decodeJob(TREE.writeValueAsBytes(job));
        assertThat(read.inputs()).isEmpty();
        assertThat(read.outputs()).isEmpty();
        assertThat(read.cacheKey()).isEqualTo(ProtocolSamples.KEY);
    }

    @Test
    void rejectsUnknownEventTypeAsMalformedMessage() {
        byte[] json = "{\"type\":\"TELEPORTED\",\"buildId\":\"b\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ProtocolCodec.decodeEvent(json))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.MALFORMED_MESSAGE);
                    assertThat(e.subject()).isEqualTo("StageEvent");
                });
    }

    @Test
    void rejectsTruncatedJsonAsMalformedMessage() {
        byte[] json = "{\"type\":\"CLAIMED\",\"buildId\":".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ProtocolCodec.decodeEvent(json))
                .isInstanceOfSatisfying(StagefarmException.class,
                        e -> assertThat(e.code()).isEqualTo(FailureCode.MALFORMED_MESSAGE));
    }

    @Test
    void goldenFilesCoverEveryEventType() {
        List<String> kinds = new ArrayList<>();
        for (Class<?> type : StageEvent.class.getPermittedSubclasses()) {
            kinds.add(type.getSimpleName());
        }
        assertThat(ProtocolSamples.events()).extracting(e -> e.getClass().getSimpleName())
                .containsExactlyInAnyOrderElementsOf(kinds);
    }

    private static void assertRoundTrip(String prefix, Object message, byte[] written,
            Function<byte[], ?> reader) throws IOException {
        String file = prefix + ProtocolSamples.goldenName(message) + ".json";
        assertThat(TREE.readTree(written)).as(file).isEqualTo(golden(file));
        assertThat(reader.apply(bytes(file))).as(file).isEqualTo(message);
    }

    private static StageJob withVersion(StageJob j, int version) {
        return new StageJob(version, j.buildId(), j.stageRunId(), j.attempt(), j.stage(), j.contextDigest(),
                j.contextKey(), j.inputs(), j.outputs(), j.cacheKey(), j.platform(), j.noCache(), j.deadlines());
    }

    private static JsonNode golden(String name) throws IOException {
        return TREE.readTree(bytes(name));
    }

    private static byte[] bytes(String name) throws IOException {
        try (InputStream in = ProtocolCodecTest.class.getResourceAsStream("/protocol/golden/" + name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            return in.readAllBytes();
        }
    }
}
