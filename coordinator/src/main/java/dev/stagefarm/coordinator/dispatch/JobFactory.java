package dev.stagefarm.coordinator.dispatch;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.stagefarm.coordinator.build.BuildEntity;
import dev.stagefarm.coordinator.config.CoordinatorConfig;
import dev.stagefarm.coordinator.config.Json;
import dev.stagefarm.coordinator.stage.StageRunEntity;
import dev.stagefarm.protocol.Deadlines;
import dev.stagefarm.protocol.ObjectKeys;
import dev.stagefarm.protocol.ProtocolVersion;
import dev.stagefarm.protocol.StageDefinition;
import dev.stagefarm.protocol.StageInput;
import dev.stagefarm.protocol.StageJob;
import dev.stagefarm.protocol.StageOutput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Builds the {@link StageJob} of the current attempt of a stage run. */
@ApplicationScoped
public class JobFactory {
    static final TypeReference<List<StageInput>> INPUTS = new TypeReference<>() {
    };
    static final TypeReference<List<StageOutput>> OUTPUTS = new TypeReference<>() {
    };
    static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    static final TypeReference<Map<String, String>> ARGS = new TypeReference<>() {
    };

    @Inject
    CoordinatorConfig config;
    @Inject
    Clock clock;

    public StageJob job(BuildEntity build, StageRunEntity run) {
        CoordinatorConfig.Lease lease = config.lease();
        return new StageJob(ProtocolVersion.CURRENT, build.id.toString(), run.id.toString(), run.attempt,
                new StageDefinition(run.stageIndex, run.stageName, build.dockerfilePath, build.target,
                        Json.read(build.buildArgs, ARGS), Json.read(run.instructions, STRINGS)),
                build.contextDigest, ObjectKeys.context(build.contextDigest),
                Json.read(run.inputs, INPUTS), outputs(run), run.cacheKey, build.platform, build.noCache,
                new Deadlines(lease.heartbeat().toMillis(), lease.timeout().toMillis(),
                        clock.instant().plus(lease.maxRun())));
    }

    public static List<StageOutput> outputs(StageRunEntity run) {
        return Json.read(run.outputs, OUTPUTS);
    }
}
