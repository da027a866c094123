package dev.stagefarm.plan;

import dev.stagefarm.dockerfile.syntax.RawInstruction;
import java.util.List;

/**
 * The instructions of one stage as written: its FROM line (already checked) and the body.
 *
 * @param index 0-based position
 * @param image the image word of FROM, unexpanded
 * @param name the {@code AS} name lower-cased, or null
 * @param platform the raw {@code --platform} value, or null
 * @param from the FROM instruction
 * @param body the instructions after FROM up to the next FROM
 */
record StageSource(int index, String image, String name, String platform, RawInstruction from,
        List<RawInstruction> body) {
    StageSource {
        body = List.copyOf(body);
    }

    int line() {
        return from.startLine();
    }
}
