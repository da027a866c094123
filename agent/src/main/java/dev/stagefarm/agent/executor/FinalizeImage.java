package dev.stagefarm.agent.executor;

import dev.stagefarm.agent.image.DaemonConfigMerge;
import dev.stagefarm.agent.image.ImageConfig;
import java.util.List;

/**
 * Gives the stage's last image exactly the config the Dockerfile accumulated. Three ways, cheapest
 * first: nothing to do; commit an untouched container of it with the config, when the daemon's
 * merge (which can add to Env/Labels/ports/volumes and fill an empty Cmd, never remove) yields
 * exactly that config; else rewrite the config inside a {@code docker save} stream and load it
 * (ARG values in RUN environments and RUN commands would otherwise leak into the image).
 */
final class FinalizeImage {

    private final StageSession session;

    FinalizeImage(StageSession session) {
        this.session = session;
    }

    String finish(String image, ImageConfig desired) {
        ImageConfig actual = session.engine().images().imageConfig(image);
        if (actual.equals(desired)) {
            return image;
        }
        if (commitReaches(actual, desired)) {
            String container = session.createIdle(image, desired);
            String committed = session.commit(container, desired);
            if (session.engine().images().imageConfig(committed).equals(desired)) {
                return committed;
            }
        }
        String rewritten = session.engine().images().rewriteConfig(image, desired);
        session.created(rewritten);
        return rewritten;
    }

    /** Whether create-then-commit ends at {@code desired}, per the daemon's merge rules. */
    static boolean commitReaches(ImageConfig actual, ImageConfig desired) {
        ImageConfig created = desired.cmd().isEmpty() && desired.entrypoint().isEmpty()
                ? desired.withCmd(List.of("/.stagefarm-idle")) : desired;
        ImageConfig container = DaemonConfigMerge.merge(created, actual);
        return DaemonConfigMerge.merge(desired, container).equals(desired);
    }
}
