package dev.stagefarm.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;

/**
 * JSON encoding of every protocol message. Times are ISO-8601 strings; unknown fields are
 * ignored (forward compatibility); an unknown {@code type} is a {@link FailureCode#MALFORMED_MESSAGE}
 * so a consumer can skip it and go on.
 *
 * <p>Thread-safe: one shared, immutable mapper.
 */
public final class ProtocolCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private ProtocolCodec() {
    }

    public static byte[] encode(StageJob job) {
        return write(job);
    }

    public static byte[] encode(StageEvent event) {
        return writeAs(event, StageEvent.class);
    }

    public static byte[] encode(ControlMessage message) {
        return writeAs(message, ControlMessage.class);
    }

    public static StageJob decodeJob(byte[] json) {
        return read(json, StageJob.class);
    }

    public static StageEvent decodeEvent(byte[] json) {
        return read(json, StageEvent.class);
    }

    public static ControlMessage decodeControl(byte[] json) {
        return read(json, ControlMessage.class);
    }

    private static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new StagefarmException(FailureCode.INTERNAL, value.getClass().getSimpleName(), 0,
                    "cannot encode message: " + e.getOriginalMessage(), e);
        }
    }

    private static byte[] writeAs(Object value, Class<?> type) {
        // Writing through the base type keeps the "type" discriminator on every subtype.
        try {
            return MAPPER.writerFor(type).writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new StagefarmException(FailureCode.INTERNAL, type.getSimpleName(), 0,
                    "cannot encode message: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException | RuntimeException e) {
            String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new StagefarmException(FailureCode.MALFORMED_MESSAGE, type.getSimpleName(), 0,
                    "cannot read " + type.getSimpleName() + ": " + detail, e);
        }
    }
}
