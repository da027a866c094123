package dev.stagefarm.coordinator.build;

import dev.stagefarm.failure.FailureCode;
import java.util.List;

/**
 * Why a build failed, as the user sees it.
 *
 * @param code catalogue code
 * @param subject what it is about ({@code stage test}, {@code Dockerfile:12})
 * @param message one line for the user
 * @param step the failing instruction, or null
 * @param logTail the last lines of the failing step's output
 */
public record BuildFailure(FailureCode code, String subject, String message, String step, List<String> logTail) {
    public BuildFailure {
        logTail = logTail == null ? List.of() : List.copyOf(logTail);
    }
}
