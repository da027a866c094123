package dev.stagefarm.agent.executor;

import dev.stagefarm.agent.image.ImageConfig;

/**
 * WORKDIR: the daemon creates the working folder (owned by root, like the classic builder)
 * when it creates a container with it; committing that container keeps the folder.
 */
final class WorkdirStep {

    private final StageSession session;

    WorkdirStep(StageSession session) {
        this.session = session;
    }

    String execute(String image, ImageConfig config) {
        return session.commit(session.createIdle(image, config), config);
    }
}
