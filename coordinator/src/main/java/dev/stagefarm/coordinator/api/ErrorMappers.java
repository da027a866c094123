package dev.stagefarm.coordinator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns failures into JSON {@link ErrorBody} responses with a status that fits the code. */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response failure(StagefarmException e) {
        return body(status(e.code()), new ErrorBody(e.code().name(), e.subject(), e.line(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return body(400, new ErrorBody(FailureCode.BAD_REQUEST.name(), "request body", 0,
                "malformed JSON: " + e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        return body(status, new ErrorBody(status >= 500 ? FailureCode.INTERNAL.name() : FailureCode.BAD_REQUEST.name(),
                "request", 0, e.getMessage()));
    }

    static int status(FailureCode code) {
        return switch (code) {
            case UNKNOWN_BUILD, UNKNOWN_CONTEXT -> 404;
            case OBJECT_STORE, KAFKA, COORDINATOR_UNREACHABLE -> 503;
            case INTERNAL -> 500;
            default -> code.exitCode() == 2 ? 400 : 500;
        };
    }

    private static Response body(int status, ErrorBody body) {
        if (status >= 500) {
            LOG.warnf("request failed: %s %s", body.code(), body.message());
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
