package dev.stagefarm.coordinator.api;

import dev.stagefarm.coordinator.context.ContextUploads;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** Content-addressed build contexts. */
@Path("/api/v1/contexts/{sha256}")
public class ContextResource {
    @Inject
    ContextUploads uploads;

    /** Streams a context tar into storage; 201 when stored, 200 when it was already there, 400 on a digest mismatch. */
    @PUT
    @Consumes(MediaType.WILDCARD)
    public Response put(@PathParam("sha256") String digest, InputStream body) {
        boolean stored = uploads.upload(digest, body);
        return Response.status(stored ? 201 : 200).build();
    }

    /** 200 with Content-Length when the context is stored, else 404. */
    @HEAD
    public Response head(@PathParam("sha256") String digest) {
        return uploads.size(digest).map(size -> Response.ok().header("Content-Length", size).build())
                .orElseGet(() -> Response.status(404).build());
    }
}
