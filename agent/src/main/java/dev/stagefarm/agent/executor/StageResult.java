package dev.stagefarm.agent.executor;

import dev.stagefarm.agent.image.ImageConfig;

/** The image a stage produced (kept on the daemon) and its config. */
public record StageResult(String imageId, ImageConfig config) {
}
