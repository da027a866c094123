package dev.stagefarm.coordinator.events;

import java.util.List;

/**
 * One message on the build-event topic: the lifecycle entries (build and stage state changes) one
 * transaction made to one build, oldest first, each as the progress stream (SSE) shows it, so a
 * reader can match them by {@code seq} and drop one it saw already.
 */
public record BuildEventsMessage(String buildId, List<ProgressEvent> events) {
}
