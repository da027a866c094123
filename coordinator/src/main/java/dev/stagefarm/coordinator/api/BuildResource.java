package dev.stagefarm.coordinator.api;

import dev.stagefarm.api.BuildRequest;
import dev.stagefarm.api.BuildView;
import dev.stagefarm.coordinator.build.BuildEntity;
import dev.stagefarm.coordinator.build.BuildRepository;
import dev.stagefarm.coordinator.build.BuildService;
import dev.stagefarm.coordinator.build.BuildState;
import dev.stagefarm.coordinator.events.ProgressEvent;
import dev.stagefarm.coordinator.events.ProgressFeed;
import dev.stagefarm.coordinator.stage.StageRunRepository;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Builds: create, inspect, list, cancel. */
@Path("/api/v1/builds")
@Produces(MediaType.APPLICATION_JSON)
public class BuildResource {
    /** What a request without {@code dockerfile} builds. */
    static final String DEFAULT_DOCKERFILE = "Dockerfile";
    /** What a request without {@code platform} builds for. */
    static final String DEFAULT_PLATFORM = "linux/amd64";

    @Inject
    BuildService service;
    @Inject
    BuildRepository builds;
    @Inject
    StageRunRepository runs;
    @Inject
    ProgressFeed feed;

    /** 201 with the build and its planned stages; 400 with the frontend's message and line when it cannot be planned. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(BuildRequest request) {
        if (request == null) {
            throw new StagefarmException(FailureCode.BAD_REQUEST, "request body", 0, "a build request is required");
        }
        UUID id = service.create(new BuildService.NewBuild(request.contextDigest(),
                orDefault(request.dockerfile(), DEFAULT_DOCKERFILE), request.target(), request.buildArgs(),
                orDefault(request.platform(), DEFAULT_PLATFORM), request.tags(), request.outputs(),
                request.noCache(), request.labels()));
        return Response.created(URI.create("/api/v1/builds/" + id)).entity(get(id.toString())).build();
    }

    private static String orDefault(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }

    @GET
    @Path("{id}")
    @Transactional
    public BuildView get(@PathParam("id") String id) {
        UUID uuid = parse(id);
        BuildEntity build = builds.findByIdOptional(uuid).orElseThrow(() -> BuildService.unknown(id));
        return BuildViews.of(build, runs.ofBuild(uuid));
    }

    /** Newest first; {@code label} is {@code name=value}. */
    @GET
    @Transactional
    public List<BuildView> list(@QueryParam("state") String state, @QueryParam("label") String label,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        BuildState wanted = null;
        if (state != null && !state.isBlank()) {
            try {
                wanted = BuildState.valueOf(state.toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new StagefarmException(FailureCode.BAD_REQUEST, "state", 0, "unknown build state " + state);
            }
        }
        String name = null;
        String value = null;
        if (label != null && !label.isBlank()) {
            int eq = label.indexOf('=');
            if (eq <= 0) {
                throw new StagefarmException(FailureCode.BAD_REQUEST, "label", 0, "a label filter is name=value");
            }
            name = label.substring(0, eq);
            value = label.substring(eq + 1);
        }
        if (limit < 1 || limit > 1000) {
            throw new StagefarmException(FailureCode.BAD_REQUEST, "limit", 0, "limit must be between 1 and 1000");
        }
        return builds.search(wanted, name, value, limit).stream()
                .map(b -> BuildViews.of(b, runs.ofBuild(b.id))).toList();
    }

    @POST
    @Path("{id}/cancel")
    public BuildView cancel(@PathParam("id") String id) {
        service.cancel(parse(id));
        return get(id);
    }

    /** The build's progress as server-sent events, replayed from the start, ending with the build. */
    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    public Multi<ProgressEvent> events(@PathParam("id") String id) {
        get(id);
        return feed.follow(parse(id));
    }

    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw BuildService.unknown(id);
        }
    }
}
