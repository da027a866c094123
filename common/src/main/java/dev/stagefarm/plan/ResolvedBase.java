package dev.stagefarm.plan;

import dev.stagefarm.dockerfile.shell.ShellLex;
import dev.stagefarm.dockerfile.shell.VariableScope;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stage's FROM after global-ARG expansion: an earlier stage when the expanded text equals the
 * name of a stage defined before it (exactly: names are lower-case, so {@code FROM Build} is an
 * image), else an image; and its {@code --platform} expanded and parsed.
 *
 * @param base the base
 * @param platform the expanded {@code --platform}, or null when the FROM has none
 */
record ResolvedBase(StageBase base, Platform platform) {

    static List<ResolvedBase> resolve(String file, List<StageSource> stages, ShellLex lex, VariableScope globals) {
        Map<String, Integer> earlier = new HashMap<>();
        List<ResolvedBase> out = new ArrayList<>(stages.size());
        for (StageSource stage : stages) {
            String image = expand(file, stage, lex, globals, stage.image());
            if (image.isEmpty()) {
                throw PlanFailure.at(FailureCode.DOCKERFILE_INSTRUCTION, file, stage.line(),
                        "base name (" + stage.image() + ") should not be blank");
            }
            Integer parent = earlier.get(image);
            StageBase base = parent != null ? new StageBase.Stage(parent, image) : new StageBase.Image(image);
            Platform platform = null;
            if (stage.platform() != null) {
                String expanded = expand(file, stage, lex, globals, stage.platform());
                if (expanded.isEmpty()) {
                    throw PlanFailure.at(FailureCode.BAD_PLATFORM, file, stage.line(),
                            "empty platform value from expression " + stage.platform());
                }
                try {
                    platform = Platform.parse(expanded);
                } catch (StagefarmException e) {
                    throw PlanFailure.at(FailureCode.BAD_PLATFORM, file, stage.line(),
                            "failed to parse platform " + stage.platform() + ": " + e.getMessage());
                }
            }
            out.add(new ResolvedBase(base, platform));
            if (stage.name() != null) {
                earlier.put(stage.name(), stage.index());
            }
        }
        return List.copyOf(out);
    }

    private static String expand(String file, StageSource stage, ShellLex lex, VariableScope globals, String word) {
        try {
            return lex.word(word, globals);
        } catch (StagefarmException e) {
            throw PlanFailure.relocate(e, file, stage.line());
        }
    }

    int parentIndex() {
        return base instanceof StageBase.Stage s ? s.index() : -1;
    }
}
