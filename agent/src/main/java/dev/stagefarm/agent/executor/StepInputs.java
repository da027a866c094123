package dev.stagefarm.agent.executor;

import dev.stagefarm.agent.cache.TreeDigest;
import dev.stagefarm.agent.copy.CopySelection;
import dev.stagefarm.agent.stage.MountRequest;
import dev.stagefarm.agent.stage.StageStep;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The digest of the files a step reads, for its cache key: COPY/ADD sources (context or upstream
 * artifacts; ADD URLs by their checksum) and RUN bind mounts. Empty when the step cannot be
 * cached (an ADD URL without {@code --checksum}, whose content only a download would tell).
 */
final class StepInputs {

    private final StageInputs inputs;

    StepInputs(StageInputs inputs) {
        this.inputs = inputs;
    }

    Optional<String> digest(StageStep step) {
        TreeDigest digest = new TreeDigest();
        if (step instanceof StageStep.Copy copy) {
            for (String source : copy.sources()) {
                if (source.contains("<<")) {
                    continue; // heredoc bodies are part of the step itself
                }
                if (UrlDownloader.isUrl(source)) {
                    if (!copy.add() || copy.checksum().isEmpty()) {
                        return Optional.empty();
                    }
                    digest.text(source).text(copy.checksum());
                    continue;
                }
                Path root = copy.fromStage() == null ? inputs.context() : inputs.artifactRoot(copy.fromStage()).orElse(null);
                if (root == null) {
                    return Optional.empty();
                }
                for (String match : CopySelection.matches(root, source)) {
                    digest.tree(root, match, copy.fromStage() != null);
                }
            }
        } else if (step instanceof StageStep.Run run) {
            for (MountRequest mount : run.mounts()) {
                if (mount instanceof MountRequest.Bind bind) {
                    Path root = bind.fromStage() == null ? inputs.context() : inputs.artifactRoot(bind.fromStage()).orElse(null);
                    if (root == null) {
                        return Optional.empty();
                    }
                    digest.tree(root, dev.stagefarm.agent.translation.ConfigRules.cleanPath("/" + bind.source()).substring(1), true);
                }
            }
        }
        return Optional.of(digest.hex());
    }
}
