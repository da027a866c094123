package dev.stagefarm.agent.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagefarm.agent.image.ImageConfigJson;
import dev.stagefarm.agent.stage.StageStep;
import dev.stagefarm.agent.translation.BuildState;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The cache key of one step: SHA-256 over the parent image id, the step's canonical content
 * (every field except its line and display text, so moving an instruction does not miss), the
 * config and build args it runs with, and the digest of the files it reads.
 */
public record StepKey(String value) {

    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    public static StepKey of(String parentImage, StageStep step, BuildState state, String inputDigest) {
        ObjectNode canonical = JSON.createObjectNode();
        canonical.put("parent", parentImage);
        canonical.put("kind", step.getClass().getSimpleName());
        ObjectNode fields = JSON.valueToTree(step);
        fields.remove("line");
        fields.remove("text");
        canonical.set("step", fields);
        canonical.set("config", ImageConfigJson.write(state.config(), JSON.createObjectNode()));
        canonical.set("runEnv", JSON.valueToTree(state.runEnvironment()));
        canonical.put("inputs", inputDigest);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(canonical));
            return new StepKey(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
