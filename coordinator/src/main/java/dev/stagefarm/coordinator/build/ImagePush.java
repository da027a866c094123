package dev.stagefarm.coordinator.build;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.protocol.ArtifactKind;
import dev.stagefarm.protocol.StageOutput;
import java.util.List;
import java.util.Locale;

/**
 * Whether a build pushes its image, and where: as {@code docker buildx build}, an output
 * {@code type=image,push=true} (or {@code type=registry}, what {@code --push} stands for) pushes the
 * target's image to the registry each tag names. A push without a tag is refused: there is nowhere
 * to push to. Immutable and pure.
 *
 * @param references the tags to push to, empty when the build does not push
 */
public record ImagePush(List<String> references) {

    public ImagePush {
        references = List.copyOf(references);
    }

    public static ImagePush of(List<String> outputs, List<String> tags) {
        if (outputs.stream().noneMatch(ImagePush::pushes)) {
            return new ImagePush(List.of());
        }
        if (tags.isEmpty()) {
            throw new StagefarmException(FailureCode.BAD_REQUEST, "outputs", 0,
                    "a push needs at least one tag: the image is pushed to the registry each tag names "
                            + "(e.g. 127.0.0.1:5000/team/app:1)");
        }
        return new ImagePush(tags);
    }

    public boolean pushes() {
        return !references.isEmpty();
    }

    /** The target's outputs with its image pushed to the references. */
    public List<StageOutput> applyTo(List<StageOutput> outputs) {
        return outputs.stream().map(o -> pushes() && o.kind() == ArtifactKind.IMAGE ? o.pushedTo(references) : o)
                .toList();
    }

    private static boolean pushes(String spec) {
        String type = null;
        boolean push = false;
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part.strip() : part.substring(0, eq).strip();
            String value = eq < 0 ? "" : part.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
            if (key.equals("type")) {
                type = value;
            } else if (key.equals("push")) {
                push = value.equals("true") || value.isEmpty();
            }
        }
        return "registry".equals(type) || ("image".equals(type) && push);
    }
}
