package dev.stagefarm.coordinator.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.stagefarm.coordinator.build.BuildEntity;
import dev.stagefarm.coordinator.build.BuildRepository;
import dev.stagefarm.coordinator.build.BuildService;
import dev.stagefarm.coordinator.build.BuildState;
import dev.stagefarm.coordinator.config.Json;
import dev.stagefarm.coordinator.result.SavedImageFiles;
import dev.stagefarm.coordinator.result.SavedImageRewrite;
import dev.stagefarm.coordinator.stage.StageRunEntity;
import dev.stagefarm.coordinator.stage.StageRunRepository;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.imagestore.ImageArchive;
import dev.stagefarm.imagestore.ImageRecord;
import dev.stagefarm.objectstore.ObjectStore;
import dev.stagefarm.protocol.ObjectKeys;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A finished build's result, streamed from the object store: its image, or its files. */
@Path("/api/v1/builds/{id}")
// No @Produces: clients send their JSON Accept header on every call, and a tar (or a JSON error)
// is what they get; the type is set on each response.
public class ResultResource {
    private static final String TAR = "application/x-tar";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    @Inject
    BuildRepository builds;
    @Inject
    StageRunRepository runs;
    @Inject
    ObjectStore store;

    /** The target stage's image named by the build's tags and carrying its labels (a tar for {@code docker load}). */
    @GET
    @Path("image")
    @Blocking
    @Transactional
    public Response image(@PathParam("id") String id) {
        Target target = target(id);
        SavedImageRewrite rewrite = new SavedImageRewrite(
                target.tags().stream().map(SavedImageRewrite::reference).toList(), target.labels());
        ImageRecord record = record(id, target);
        StreamingOutput body = out -> rewrite.write(new ImageArchive(store), record, out);
        return Response.ok(body, TAR).build();
    }

    /** The target stage's files as one tar (its image flattened), for {@code -o type=local} and {@code type=tar}. */
    @GET
    @Path("filesystem")
    @Blocking
    @Transactional
    public Response filesystem(@PathParam("id") String id) {
        Target target = target(id);
        ImageRecord record = record(id, target);
        ImageArchive archive = new ImageArchive(store);
        StreamingOutput body = out -> new SavedImageFiles().write(record.layers(), archive::openLayer, out);
        return Response.ok(body, TAR).build();
    }

    /** Read before the response starts, so that a missing image is an error response, not a cut tar. */
    private ImageRecord record(String id, Target target) {
        try {
            return new ImageArchive(store).record(target.imageKey());
        } catch (java.io.IOException e) {
            throw new StagefarmException(FailureCode.OBJECT_STORE, target.imageKey(), 0,
                    "the image of build " + id + " cannot be read: " + e.getMessage(), e);
        }
    }

    private record Target(String imageKey, List<String> tags, Map<String, String> labels) {
    }

    private Target target(String id) {
        UUID uuid = BuildResource.parse(id);
        BuildEntity build = builds.findByIdOptional(uuid).orElseThrow(() -> BuildService.unknown(id));
        if (build.state != BuildState.SUCCEEDED) {
            throw new StagefarmException(FailureCode.BAD_REQUEST, "build " + id, 0,
                    "build " + id + " has no result: it is " + build.state);
        }
        StageRunEntity run = runs.ofBuild(uuid).stream().filter(r -> r.stageIndex == build.targetIndex).findFirst()
                .orElseThrow(() -> new StagefarmException(FailureCode.INTERNAL, "build " + id, 0,
                        "build " + id + " has no run of its target stage " + build.targetIndex));
        List<String> tags = build.tags == null ? List.of() : Json.read(build.tags, STRINGS);
        Map<String, String> labels = build.labels == null ? Map.of() : Json.read(build.labels, MAP);
        return new Target(ObjectKeys.image(run.cacheKey), tags, labels);
    }
}
